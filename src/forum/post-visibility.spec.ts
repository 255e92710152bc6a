import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { Role } from '../common/domain/role.enum';
import { canSeePost, canSeePostStatus, canSeeSpace, canSeeStatusDetails, seesEveryPostIn, statusNoteFor, visiblePostStatusSql } from './post-visibility';

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

  it('should filter lists with the same rule: clients by status, peer specialists by their spaces too, not at all for clinicians', () => {
    expect(visiblePostStatusSql(clinician, 'p')).toBeNull();
    const sql = visiblePostStatusSql(client, 'p');
    expect(sql?.sql).toBe('(p.status = :publishedStatus OR (p.author_id = :viewerId AND p.status IN (:...authorOnlyStatuses)))');
    expect(sql?.params).toEqual({ publishedStatus: 'PUBLISHED', viewerId: 'client', authorOnlyStatuses: ['PENDING', 'HELD', 'REMOVED'] });
    const peerSql = visiblePostStatusSql(peer, 'p');
    expect(peerSql?.sql).toContain('p.space_id IN (:...scopeSpaceIds)');
    expect(peerSql?.params.scopeSpaceIds).toEqual(['mine']);
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
