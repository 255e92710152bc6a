import { Role } from '../src/common/domain/role.enum';
import { DEMO_MEMBERS } from '../src/dev-sign-in/demo-members';

// The members live beside the development sign-in that lists them; the demo seeds the same ones.
export { DEMO_MEMBERS, type DemoMember } from '../src/dev-sign-in/demo-members';

async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`demo seed: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data ?? {};
}

/** A few opening threads and a reply, posted through the API, so they are screened like any post. */
const DEMO_THREADS: Array<{ author: string; space: string; title: string; body: string; reply?: { author: string; body: string } }> = [
  {
    author: 'demo-client-sky',
    space: 'wins-and-gratitude',
    title: 'Small win today',
    body: 'I cooked dinner for myself for the first time in weeks. It was just pasta, but it felt good.',
    reply: { author: 'demo-client-river', body: 'That is not small at all. Proud of you!' },
  },
  {
    author: 'demo-client-river',
    space: 'coping-skills',
    title: 'Box breathing before work',
    body: '<p>Tried the <strong>4-4-4-4 breathing</strong> from group in the car this morning.</p><p>Anyone else use it?</p>',
  },
];

const PUBLISH_WAIT_MS = 15_000;

async function seedDemoThreads(graphqlUrl: string, tokens: Record<string, string>): Promise<void> {
  const reader = tokens[DEMO_MEMBERS[0].sub];
  const { spaces } = (await gql(graphqlUrl, reader, '{ spaces { id slug } }')) as { spaces: Array<{ id: string; slug: string }> };
  for (const seed of DEMO_THREADS) {
    const space = spaces.find((s) => s.slug === seed.space);
    if (!space) continue;
    // Data stays between demo runs: seed a space only while it is empty.
    const { threads } = (await gql(graphqlUrl, tokens[seed.author], 'query($s: ID!) { threads(spaceId: $s, first: 1) { edges { cursor } } }', {
      s: space.id,
    })) as {
      threads: { edges: unknown[] };
    };
    if (threads.edges.length > 0) continue;
    const { createThread } = (await gql(graphqlUrl, tokens[seed.author], 'mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }', {
      input: { spaceId: space.id, title: seed.title, body: seed.body },
    })) as { createThread: { id: string } };
    if (!seed.reply) continue;
    // Replies need a published thread: wait for the worker to screen it.
    const deadline = Date.now() + PUBLISH_WAIT_MS;
    let status = 'PENDING';
    while (status === 'PENDING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { thread } = (await gql(graphqlUrl, tokens[seed.author], 'query($id: ID!) { thread(id: $id) { status } }', { id: createThread.id })) as {
        thread: { status: string };
      };
      status = thread.status;
    }
    if (status !== 'PUBLISHED') continue;
    await gql(graphqlUrl, tokens[seed.reply.author], 'mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }', {
      input: { threadId: createThread.id, body: seed.reply.body },
    });
  }
}

/**
 * Creates the demo members (first sight of their tokens), then a few threads in the default
 * spaces (see the SeedDefaultSpaces migration).
 */
export async function seedDemoData(graphqlUrl: string, tokens: Record<string, string>): Promise<void> {
  for (const member of DEMO_MEMBERS) {
    await gql(graphqlUrl, tokens[member.sub], '{ me { id } }');
    // Clients are never shown by the token's name: the demo's clients choose theirs, as a client would.
    if (member.role === Role.CLIENT) {
      await gql(graphqlUrl, tokens[member.sub], 'mutation($name: String!) { setMyPseudonym(displayName: $name) { id } }', { name: member.name }).catch(
        () => undefined,
      );
    }
  }
  await seedDemoThreads(graphqlUrl, tokens);
}
