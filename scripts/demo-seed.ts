import { Role } from '../src/common/domain/role.enum';

export interface DemoMember {
  sub: string;
  role: Role;
  name: string;
  cohort?: string;
}

/** Pseudonyms only, as in production. */
export const DEMO_MEMBERS: DemoMember[] = [
  { sub: 'demo-client-sky', role: Role.CLIENT, name: 'Sky', cohort: 'spring' },
  { sub: 'demo-client-river', role: Role.CLIENT, name: 'River', cohort: 'spring' },
  { sub: 'demo-peer-pat', role: Role.PEER_SPECIALIST, name: 'Pat (peer specialist)' },
  { sub: 'demo-clinician-lee', role: Role.CLINICIAN, name: 'Dr. Lee' },
  { sub: 'demo-admin-sam', role: Role.ADMIN, name: 'Sam (program staff)' },
];

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

/**
 * Creates the demo members (first sight of their tokens). Spaces and threads are seeded by the
 * forum once it exists; see seedDemoThreads.
 */
export async function seedDemoData(graphqlUrl: string, tokens: Record<string, string>): Promise<void> {
  for (const member of DEMO_MEMBERS) {
    await gql(graphqlUrl, tokens[member.sub], '{ me { id } }');
  }
}
