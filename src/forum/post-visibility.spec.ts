import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { Role } from '../common/domain/role.enum';
import { NamedParameters, PositionalParameters } from '../common/sql/sql-parameters';
import {
  canSeePost,
  canSeePostStatus,
  canSeeSpace,
  canSeeStatusDetails,
  seesEveryPostIn,
  statusNoteFor,
  visiblePostStatusSql,
  visibleSpaceSql,
} from './post-visibility';

const tokenExpiresAt = new Date('2100-01-01T00:00:00Z');
const client: Viewer = { memberId: 'client', sub: 's1', role: Role.CLIENT, displayName: 'A', cohort: 'spring', moderatedSpaceIds: [], tokenExpiresAt };
const peer: Viewer = { memberId: 'peer', sub: 's2', role: Role.PEER_SPECIALIST, displayName: 'P', cohort: null, moderatedSpaceIds: ['mine'], tokenExpiresAt };
const clinician: Viewer = { memberId: 'doc', sub: 's3', role: Role.CLINICIAN, displayName: 'D', cohort: null, moderatedSpaceIds: [], tokenExpiresAt };
const open = { cohort: null };

describe('post visibility', () => {
  it('should show a cohort space to its own cohort and to staff only', () => {
    expect(canSeeSpace(client, open)).toBe(true);
    expect(canSeeSpace(client, { cohort: 'spring' })).toBe(true);
    expect(canSeeSpace(client, { cohort: 'autumn' })).toBe(false);
    expect(canSeeSpace(peer, { cohort: 'autumn' })).toBe(true);
  });

  it('should show published posts to everyone and the others to their author, except deleted ones', () => {
    for (const status of Object.values(PostStatus)) {
      expect(canSeePostStatus(client, { authorId: 'someone', status, spaceId: 'mine' })).toBe(status === PostStatus.PUBLISHED);
      expect(canSeePostStatus(client, { authorId: 'client', status, spaceId: 'mine' })).toBe(status !== PostStatus.DELETED);
    }
  });

  it('should show a peer specialist every post of the spaces they moderate, and only published ones elsewhere', () => {
    for (const status of Object.values(PostStatus)) {
      expect(canSeePostStatus(peer, { authorId: 'someone', status, spaceId: 'mine' })).toBe(true);
      expect(canSeePostStatus(peer, { authorId: 'someone', status, spaceId: 'theirs' })).toBe(status === PostStatus.PUBLISHED);
      expect(canSeePostStatus(clinician, { authorId: 'someone', status, spaceId: 'theirs' })).toBe(true);
    }
    expect(seesEveryPostIn(peer, 'mine')).toBe(true);
    expect(seesEveryPostIn(client, 'mine')).toBe(false);
  });

  it("should hide a published reply when its thread's first post is hidden", () => {
    const reply = { authorId: 'client', status: PostStatus.PUBLISHED, spaceId: 'mine' };
    expect(canSeePost(client, open, reply, { authorId: 'someone', status: PostStatus.PUBLISHED, spaceId: 'mine' })).toBe(true);
    expect(canSeePost(client, open, reply, { authorId: 'someone', status: PostStatus.HELD, spaceId: 'mine' })).toBe(false);
    expect(canSeePost(peer, open, reply, { authorId: 'someone', status: PostStatus.DELETED, spaceId: 'mine' })).toBe(true);
  });

  // What each fragment selects is checked in PostgreSQL against the predicates above (test/forum/post-visibility-sql.e2e-spec.ts).
  it('should filter lists with no condition for clinicians, and bind every value it needs instead of writing it into the SQL', () => {
    expect(visiblePostStatusSql(clinician, 'p', new NamedParameters('v'))).toBeNull();
    expect(visibleSpaceSql(peer, 's', new NamedParameters('v'))).toBeNull();
    const named = new NamedParameters('v');
    const sql = visiblePostStatusSql(client, 'p', named);
    expect(sql).toBe('(p.status = :v0 OR (p.author_id = :v1 AND p.status = ANY(:v2::text[])))');
    expect(named.values).toEqual({ v0: 'PUBLISHED', v1: 'client', v2: ['PENDING', 'HELD', 'REMOVED'] });
    const positional = new PositionalParameters(['thread ids']);
    expect(visiblePostStatusSql(peer, 'q', positional)).toContain('q.space_id = ANY($5::uuid[])');
    expect(positional.values).toEqual(['thread ids', 'PUBLISHED', 'peer', ['PENDING', 'HELD', 'REMOVED'], ['mine']]);
    expect(visibleSpaceSql(client, 's', positional)).toBe('(s.cohort IS NULL OR s.cohort IS NOT DISTINCT FROM $6)');
    expect(positional.values[5]).toBe('spring');
  });

  it("should tell only the author and the space's staff why a post is not public", () => {
    expect(canSeeStatusDetails(client, { authorId: 'client', status: PostStatus.HELD, spaceId: 'mine' })).toBe(true);
    expect(canSeeStatusDetails(client, { authorId: 'other', status: PostStatus.PUBLISHED, spaceId: 'mine' })).toBe(false);
    expect(canSeeStatusDetails(peer, { authorId: 'other', status: PostStatus.HELD, spaceId: 'mine' })).toBe(true);
    expect(canSeeStatusDetails(peer, { authorId: 'other', status: PostStatus.HELD, spaceId: 'theirs' })).toBe(false);
  });

  it('should have a note for every status but PUBLISHED, never naming the reason it was held', () => {
    expect(statusNoteFor(PostStatus.PUBLISHED, null)).toBeNull();
    for (const status of [PostStatus.PENDING, PostStatus.HELD, PostStatus.REMOVED, PostStatus.DELETED]) {
      for (const reason of [null, ...Object.values(HeldReason)]) {
        const note = statusNoteFor(status, reason);
        expect(note).toEqual(expect.any(String));
        expect(note).not.toMatch(/crisis|suicid|toxic|threat|report/i);
      }
    }
  });
});
