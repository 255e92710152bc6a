import { JSDOM } from 'jsdom';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/common/domain/role.enum';
import { FORUM_RATE_LIMITS } from '../../src/forum/forum-rate-limiter';
import * as postBody from '../../src/forum/post-body.sanitizer';
import { startTestApp, TestApp } from '../helpers/test-app';
import { allHostileInputs } from '../fixtures/hostile-inputs';
import { publishedThread } from './forum-fixtures';
import { Member, member, space } from '../utils/factories';

/**
 * The project's own hostile inputs (test/fixtures/hostile-inputs.ts) always run. The Big List of
 * Naughty Strings is added from the shared data folder beside the clone (where CI puts it) or from
 * SHARED_DATA_DIR: a fresh clone without that folder skips only the external list, while a
 * SHARED_DATA_DIR without the list is a mistake and fails.
 */
const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data');
const BLNS_PATH = join(SHARED_DATA_DIR, 'blns', 'blns.json');
if (process.env.SHARED_DATA_DIR && !existsSync(BLNS_PATH)) throw new Error(`SHARED_DATA_DIR is set but has no naughty strings at ${BLNS_PATH}.`);
const OWN = allHostileInputs();
const BLNS: string[] = existsSync(BLNS_PATH) ? (JSON.parse(readFileSync(BLNS_PATH, 'utf8')) as string[]) : [];
const HOSTILE: string[] = [...new Set([...OWN, ...BLNS])];
const SOURCES = BLNS.length
  ? `${OWN.length} project hostile inputs + ${BLNS.length} naughty strings (blns) from ${BLNS_PATH}`
  : `${OWN.length} project hostile inputs only (no ${BLNS_PATH}: external lists skipped)`;
console.log(`forum hostile input: ${SOURCES}`);
const ALLOWED_TAGS = new Set(['P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'S', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'CODE', 'PRE']);

/** Controls (tab and newline aside), bidirectional overrides and isolates: never stored, never shown. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** Half of a surrogate pair on its own: not text, and PostgreSQL would store it as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One browser-grade parser for every check: a new JSDOM per body costs more than the API call. */
const { document: parser } = new JSDOM('').window;

/** Every element is an allowed formatting tag without attributes: nothing can run, load or link. */
function onlyFormatting(html: string): boolean {
  const body = parser.createElement('body');
  body.innerHTML = html;
  return Array.from(body.querySelectorAll('*')).every((el) => ALLOWED_TAGS.has(el.tagName) && el.attributes.length === 0);
}

describe(`forum: hostile input (${BLNS.length ? 'project corpus + blns' : 'project corpus only'})`, () => {
  let app: TestApp;
  let spaceId: string;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    spaceId = await space(app.dataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it(`should store ${HOSTILE.length} hostile strings as titles and bodies of threads, replies and edits safely, or refuse them with BAD_USER_INPUT`, async () => {
    // Staff are not rate limited; what they post is sanitized and screened like anyone's.
    const writer = await member(app, Role.PEER_SPECIALIST, 'naughty');
    const host = await publishedThread(app, writer, spaceId);
    const fallback = await app.gql<{ createReply: { id: string } }>(
      `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`,
      { input: { threadId: host.id, body: 'A reply to edit when a naughty reply is refused.' } },
      writer.token,
    );
    const fallbackReplyId = fallback.data!.createReply.id;
    const outcomes = { stored: 0, refused: 0 };

    /**
     * Every answer is a stored, safe post or a BAD_USER_INPUT refusal; never a 5xx or another code.
     * Bodies are HTML and must be inert; titles are plain text (clients render them escaped); both
     * are free of controls, direction overrides and broken surrogates.
     */
    const check = (res: { status: number; errors?: Array<{ extensions?: Record<string, unknown> }> }, bodies: string[], lines: string[] = []) => {
      expect(res.status).toBeLessThan(500);
      if (res.errors) {
        expect(res.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
        outcomes.refused++;
        return false;
      }
      outcomes.stored++;
      for (const body of bodies) expect(onlyFormatting(body)).toBe(true);
      for (const text of [...bodies, ...lines]) {
        expect(text).not.toMatch(UNSAFE_CHARS);
        expect(text).not.toMatch(LONE_SURROGATE);
      }
      return true;
    };

    const tryAll = async (text: string) => {
      const thread = await app.gql<{ createThread: { title: string; firstPost: { body: string } } }>(
        `mutation($input: CreateThreadInput!) { createThread(input: $input) { title firstPost { body } } }`,
        { input: { spaceId, title: text, body: text } },
        writer.token,
      );
      check(thread, [thread.data?.createThread.firstPost.body ?? ''], [thread.data?.createThread.title ?? '']);
      const reply = await app.gql<{ createReply: { id: string; body: string } }>(
        `mutation($input: CreateReplyInput!) { createReply(input: $input) { id body } }`,
        { input: { threadId: host.id, body: text } },
        writer.token,
      );
      const replyId = check(reply, [reply.data?.createReply.body ?? '']) ? reply.data!.createReply.id : fallbackReplyId;
      const edit = await app.gql<{ editPost: { body: string } }>(
        `mutation($input: EditPostInput!) { editPost(input: $input) { body } }`,
        { input: { postId: replyId, body: text } },
        writer.token,
      );
      check(edit, [edit.data?.editPost.body ?? '']);
    };

    for (let i = 0; i < HOSTILE.length; i += 8) {
      await Promise.all(HOSTILE.slice(i, i + 8).map(tryAll));
    }
    // Three mutations per string, each one answered; most of the list is words a person could mean, and is kept.
    expect(outcomes.stored + outcomes.refused).toBe(HOSTILE.length * 3);
    expect(outcomes.stored).toBeGreaterThan(outcomes.refused);
  }, 240_000);

  it('should strip scripts, handlers and links but keep the words a reader sees, and screen exactly those', async () => {
    const writer = await member(app, Role.CLIENT, 'xss');
    const res = await app.gql<{ createThread: { firstPost: { id: string; body: string } } }>(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id body } } }`,
      {
        input: {
          spaceId,
          title: 'Formatting',
          body: '<p onclick="x()">Hello <b>there</b></p><script>steal()</script><a href="https://evil.example">click me</a><img src="https://t.example/p.gif">',
        },
      },
      writer.token,
    );
    expect(res.data?.createThread.firstPost.body).toBe('<p>Hello <b>there</b></p>click me');
    const [row] = await app.dataSource.query(`SELECT body_text FROM posts WHERE id = $1`, [res.data!.createThread.firstPost.id]);
    expect(row.body_text).toBe('Formatting\n\nHello there\nclick me');
  });

  it('should pause a client who floods posts with RATE_LIMITED, a retry time and where to find help, before reading what they send', async () => {
    const flooder: Member = await member(app, Role.CLIENT, 'flood');
    const thread = await publishedThread(app, await member(app, Role.CLIENT, 'host'), spaceId);
    const reply = (body: string) =>
      app.gql<{ createReply: { id: string } }>(
        `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`,
        { input: { threadId: thread.id, body } },
        flooder.token,
      );
    // The API runs in this process: the spy sees every body the posting service sanitizes.
    const sanitize = jest.spyOn(postBody, 'sanitizePostBody');
    try {
      let ownReplyId = '';
      for (let i = 0; i < FORUM_RATE_LIMITS.post.limit; i++) {
        const res = await reply(`message ${i}`);
        expect(res.errors).toBeUndefined();
        ownReplyId = res.data!.createReply.id;
      }
      expect(sanitize).toHaveBeenCalledTimes(FORUM_RATE_LIMITS.post.limit);
      sanitize.mockClear();

      // Bodies the sanitizer would refuse or work hard on: only the limit can answer them now.
      const refused = await reply('<p></p>');
      expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(refused.errors?.[0].extensions?.retryAfter).toBeGreaterThan(0);
      expect(refused.errors?.[0].message).toMatch(/988/);
      const thread2 = await app.gql(
        `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`,
        { input: { spaceId, title: 'again', body: `<p>${'<b>x</b>'.repeat(12_000)}</p>` } },
        flooder.token,
      );
      expect(thread2.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      const edit = await app.gql(
        `mutation($input: EditPostInput!) { editPost(input: $input) { id } }`,
        { input: { postId: ownReplyId, body: '<p></p>' } },
        flooder.token,
      );
      expect(edit.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(sanitize).not.toHaveBeenCalled();
    } finally {
      sanitize.mockRestore();
    }
  });
});
