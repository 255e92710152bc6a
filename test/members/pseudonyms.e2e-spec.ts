import { Role } from '../../src/common/domain/role.enum';
import { allHostileInputs } from '../fixtures/hostile-inputs';
import { publishedThread } from '../forum/forum-fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { Member, member, space } from '../utils/factories';

const SET = `mutation($name: String!) { setMyPseudonym(displayName: $name) { id displayName role } }`;
const ME = `{ me { id displayName role } }`;

type Me = { id: string; displayName: string; role: Role };

describe('members: pseudonyms, never the token name', () => {
  let app: TestApp;
  let spaceId: string;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    spaceId = await space(app.dataSource);
  });

  afterAll(async () => app.close());

  const me = async (m: Member) => (await app.gql<{ me: Me }>(ME, {}, m.token)).data!.me;
  const choose = (m: Member, name: string) => app.gql<{ setMyPseudonym: Me }>(SET, { name }, m.token);

  it("should give a client a generated calm pseudonym and show it to others, never the token's name", async () => {
    const jane = await member(app, Role.CLIENT, 'jane', { name: 'Jane Doe' });
    const reader = await member(app, Role.CLIENT, 'reader');
    const self = await me(jane);
    expect(self.displayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{1,2}$/);
    expect(self.displayName).not.toContain('Jane');

    const thread = await publishedThread(app, jane, spaceId);
    const read = await app.gql<{ thread: { author: { displayName: string } } }>(
      `query($id: ID!) { thread(id: $id) { author { displayName } } }`,
      { id: thread.id },
      reader.token,
    );
    expect(read.data?.thread.author.displayName).toBe(self.displayName);
    const [row] = await app.dataSource.query(`SELECT display_name FROM members WHERE id = $1`, [jane.id]);
    expect(row.display_name).not.toContain('Jane');
  });

  it('should show staff by the name from the token with their role', async () => {
    const peer = await member(app, Role.PEER_SPECIALIST, 'pat', { name: 'Pat' });
    const clinician = await member(app, Role.CLINICIAN, 'lee', { name: 'Dr. Lee' });
    const admin = await member(app, Role.ADMIN, 'sam', { name: 'Sam (program staff)' });
    expect((await me(peer)).displayName).toBe('Pat (peer specialist)');
    expect((await me(clinician)).displayName).toBe('Dr. Lee (clinician)');
    expect((await me(admin)).displayName).toBe('Sam (program staff)');
  });

  it('should let a client choose a name once a week, unique case-insensitively, and audit it', async () => {
    const sky = await member(app, Role.CLIENT, 'sky');
    const other = await member(app, Role.CLIENT, 'other');
    const name = `Sky ${Math.random().toString(36).slice(2, 6)}`;
    const chosen = await choose(sky, name);
    expect(chosen.errors).toBeUndefined();
    expect(chosen.data?.setMyPseudonym).toEqual({ id: sky.id, displayName: name, role: 'CLIENT' });
    expect((await me(sky)).displayName).toBe(name);

    const again = await choose(sky, `${name}x`);
    expect(again.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(again.errors?.[0].extensions?.allowedAt).toEqual(expect.any(String));
    expect(Date.parse(String(again.errors?.[0].extensions?.allowedAt)) - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);

    const taken = await choose(other, name.toUpperCase());
    expect(taken.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await me(other)).displayName).not.toBe(name.toUpperCase());

    const [event] = await app.dataSource.query(`SELECT actor_id, action FROM audit_events WHERE action = 'member.pseudonym_chosen' AND target_id = $1`, [
      sky.id,
    ]);
    expect(event).toEqual({ actor_id: sky.id, action: 'member.pseudonym_chosen' });
  });

  it('should refuse contact details, links, crisis language and watched words as BAD_USER_INPUT', async () => {
    const client = await member(app, Role.CLIENT, 'picky');
    const admin = await member(app, Role.ADMIN, 'words-admin');
    const word = `zorblax${Math.random().toString(36).slice(2, 6)}`;
    const set = await app.gql(
      `mutation($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { id } }`,
      { input: { term: word, action: 'FLAG' } },
      admin.token,
    );
    expect(set.errors).toBeUndefined();
    const refused = [
      `The ${word} One`,
      'jane@example.org',
      'call 555 123 4567',
      '+1-555-123-4567',
      'www.example.com',
      'https://evil.test',
      'mysite.com',
      'Pat (peer specialist)',
      'ab',
      'x'.repeat(33),
      'I want to die',
      'kill myself',
      'Former member',
    ];
    for (const name of refused) {
      const res = await choose(client, name);
      expect([name, res.errors?.[0].extensions?.code]).toEqual([name, 'BAD_USER_INPUT']);
    }
    // Nothing was spent: a fine name still goes through.
    const fine = await choose(client, `Quiet Reader ${Math.floor(Math.random() * 100)}`);
    expect(fine.errors).toBeUndefined();
  });

  it('should answer every hostile string with BAD_USER_INPUT or RATE_LIMITED, never a server error or a changed name', async () => {
    const client = await member(app, Role.CLIENT, 'hostile');
    const kept = `Steady Fern ${Math.floor(Math.random() * 100)}`;
    expect((await choose(client, kept)).errors).toBeUndefined();
    for (const input of allHostileInputs()) {
      const res = await choose(client, input);
      expect(res.status).toBeLessThan(500);
      expect(['BAD_USER_INPUT', 'RATE_LIMITED']).toContain(res.errors?.[0].extensions?.code);
    }
    expect((await me(client)).displayName).toBe(kept);
  });

  it('should refuse staff choosing a pseudonym (their name comes from the token)', async () => {
    const peer = await member(app, Role.PEER_SPECIALIST, 'peer-choose', { name: 'Robin' });
    const res = await choose(peer, 'Someone Else');
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
