import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { Member, member, uniqueSub } from '../utils/factories';

const MEMBERS = `query($filter: MemberFilter, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) { edges { cursor node { id displayName role status joinedAt } } pageInfo { hasNextPage endCursor } }
}`;
const INVITES = `query($first: Int, $after: String) { memberInvites(first: $first, after: $after) { edges { node { sub role invitedAt } } pageInfo { hasNextPage endCursor } } }`;
const MODE = `{ membershipMode }`;

type Listing = { id: string; displayName: string; role: Role; status: string; joinedAt: string };
type Page = { members: { edges: Array<{ node: Listing }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('members: the admins’ member and invite lists', () => {
  let app: TestApp;
  let admin: Member;
  /** More admins (they get in without an invite), so the list pages. */
  let colleagues: Member[];

  beforeAll(async () => {
    app = await startTestApp({ role: 'api', env: { MEMBERSHIP: 'invited' } });
    admin = await member(app, Role.ADMIN, 'directory-admin');
    await app.gql(`mutation($sub: String!) { inviteMember(sub: $sub) }`, { sub: 'directory-client-sub' }, admin.token);
    colleagues = [await member(app, Role.ADMIN, 'directory-second'), await member(app, Role.ADMIN, 'directory-third')];
  });

  afterAll(async () => app.close());

  it('should refuse every role but admins with FORBIDDEN, and anonymous callers with UNAUTHENTICATED', async () => {
    // Admins always get in under MEMBERSHIP=invited; other roles need an invite first.
    const others: string[] = [];
    for (const role of [Role.CLIENT, Role.PEER_SPECIALIST, Role.CLINICIAN]) {
      const sub = uniqueSub(`directory-${role}`);
      await app.gql(`mutation($sub: String!) { inviteMember(sub: $sub) }`, { sub }, admin.token);
      others.push(await app.token(sub, role));
    }
    for (const token of others) {
      for (const query of [MEMBERS, INVITES, MODE]) {
        const res = await app.gql(query, {}, token);
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(res.data ?? null).toBeNull();
      }
    }
    for (const query of [MEMBERS, INVITES, MODE]) expect((await app.gql(query, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should list members newest first with status, page without repeats, search by pseudonym and never show a subject', async () => {
    const leaving = await member(app, Role.ADMIN, 'directory-leaving');
    await app.gql(`mutation($id: ID!) { dischargeMember(memberId: $id) { id } }`, { id: leaving.id }, admin.token);

    const seen: Listing[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const res: { data?: Page | null; errors?: unknown } = await app.gql<Page>(MEMBERS, { first: 2, after }, admin.token);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.members.edges.map((e) => e.node));
      if (!res.data!.members.pageInfo.hasNextPage) break;
      after = res.data!.members.pageInfo.endCursor;
    }
    const ids = seen.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([admin.id, ...colleagues.map((c) => c.id), leaving.id]));
    const joined = seen.map((m) => Date.parse(m.joinedAt));
    expect([...joined].sort((a, b) => b - a)).toEqual(joined);
    expect(seen.find((m) => m.id === leaving.id)?.status).toBe('DISCHARGED');
    expect(seen.find((m) => m.id === admin.id)?.status).toBe('ACTIVE');
    expect(JSON.stringify(seen)).not.toContain('directory-');

    const [row] = await app.dataSource.query(`SELECT display_name FROM members WHERE id = $1`, [leaving.id]);
    const found = await app.gql<Page>(MEMBERS, { filter: { search: String(row.display_name).slice(2, 8).toUpperCase() } }, admin.token);
    expect(found.data?.members.edges.map((e) => e.node.id)).toContain(leaving.id);
    const discharged = await app.gql<Page>(MEMBERS, { filter: { status: 'DISCHARGED' } }, admin.token);
    // Other files of the run discharge members too: every one listed is discharged, ours among them.
    expect(discharged.data?.members.edges.map((e) => e.node.id)).toContain(leaving.id);
    expect(new Set(discharged.data?.members.edges.map((e) => e.node.status))).toEqual(new Set(['DISCHARGED']));
    // LIKE wildcards are searched for as themselves.
    expect((await app.gql<Page>(MEMBERS, { filter: { search: '%' } }, admin.token)).data?.members.edges).toEqual([]);
    expect((await app.gql(MEMBERS, { after: 'not-a-cursor' }, admin.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should list invites with their subject for admins, and say the membership mode', async () => {
    const res = await app.gql<{ memberInvites: { edges: Array<{ node: { sub: string } }> } }>(INVITES, { first: 100 }, admin.token);
    expect(res.data?.memberInvites.edges.map((e) => e.node.sub)).toContain('directory-client-sub');
    expect((await app.gql<{ membershipMode: string }>(MODE, {}, admin.token)).data?.membershipMode).toBe('INVITED');
  });
});
