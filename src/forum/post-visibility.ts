import { scopeCovers, staffScopeOf } from '../common/auth/staff-scope';
import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { isStaff } from '../common/domain/role.enum';

/**
 * Who sees what, as pure predicates (for single posts) beside the SQL that lists use, so a list
 * never shows what a lookup would hide. A thread is seen exactly when its first post is.
 *
 * - PUBLISHED: everyone who may see the space.
 * - PENDING, HELD, REMOVED: the author, and staff who see that space's posts.
 * - DELETED: those staff only, and nobody sees its text.
 *
 * Clinicians and admins see every space's posts; a peer specialist those of the spaces they are
 * assigned to (they still read published posts everywhere, like anyone).
 */
export const AUTHOR_ONLY_STATUSES: readonly PostStatus[] = [PostStatus.PENDING, PostStatus.HELD, PostStatus.REMOVED];

export interface SpaceAudience {
  cohort: string | null;
}

export interface PostAudience {
  authorId: string;
  status: PostStatus;
  spaceId: string;
}

/** Whether the viewer sees every post of the space, whatever its state: the staff scope (staff-scope.ts). */
export function seesEveryPostIn(viewer: Viewer, spaceId: string): boolean {
  return scopeCovers(staffScopeOf(viewer), spaceId);
}

/** A space limited to a cohort is for that cohort's clients; staff see every space. */
export function canSeeSpace(viewer: Viewer, space: SpaceAudience): boolean {
  return isStaff(viewer.role) || space.cohort === null || space.cohort === viewer.cohort;
}

/**
 * `canSeeSpace` for a raw SQL statement with positional parameters: the spaces alias and where the
 * two values of `visibleSpaceSqlValues` sit in the statement's parameter list.
 */
export function visibleSpaceSql(alias: string, staffParam: number, cohortParam: number): string {
  return `($${staffParam}::boolean OR ${alias}.cohort IS NULL OR ${alias}.cohort = $${cohortParam})`;
}

export function visibleSpaceSqlValues(viewer: Viewer): [staff: boolean, cohort: string | null] {
  return [isStaff(viewer.role), viewer.cohort];
}

/** The status rule alone, for a post in a space the viewer may see. */
export function canSeePostStatus(viewer: Viewer, post: PostAudience): boolean {
  if (post.status === PostStatus.PUBLISHED || seesEveryPostIn(viewer, post.spaceId)) return true;
  return post.authorId === viewer.memberId && AUTHOR_ONLY_STATUSES.includes(post.status);
}

/** A post is seen when its space, itself and its thread's first post are. */
export function canSeePost(viewer: Viewer, space: SpaceAudience, post: PostAudience, firstPost: PostAudience): boolean {
  return canSeeSpace(viewer, space) && canSeePostStatus(viewer, post) && canSeePostStatus(viewer, firstPost);
}

/**
 * The same status rule as SQL for lists, on the posts alias given; null when the viewer sees every
 * post (clinicians, admins). Parameters are named for TypeORM's query builder.
 */
export function visiblePostStatusSql(viewer: Viewer, alias: string): { sql: string; params: Record<string, unknown> } | null {
  const scope = staffScopeOf(viewer);
  if (scope.all) return null;
  const own = `${alias}.status = :publishedStatus OR (${alias}.author_id = :viewerId AND ${alias}.status IN (:...authorOnlyStatuses))`;
  const params = { publishedStatus: PostStatus.PUBLISHED, viewerId: viewer.memberId, authorOnlyStatuses: AUTHOR_ONLY_STATUSES };
  if (scope.spaceIds.length === 0) return { sql: `(${own})`, params };
  return { sql: `(${own} OR ${alias}.space_id IN (:...scopeSpaceIds))`, params: { ...params, scopeSpaceIds: scope.spaceIds } };
}

/** Only a post's author and staff may learn why it is not public. */
export function canSeeStatusDetails(viewer: Viewer, post: PostAudience): boolean {
  return seesEveryPostIn(viewer, post.spaceId) || post.authorId === viewer.memberId;
}

/**
 * The short note shown beside a post that is not public. Never says why it was held (no labels such
 * as "flagged as suicidal"); crisis resources reach the author separately, as a notification.
 */
export function statusNoteFor(status: PostStatus, heldReason: HeldReason | null): string | null {
  switch (status) {
    case PostStatus.PUBLISHED:
      return null;
    case PostStatus.PENDING:
      return 'Being checked. This usually takes a moment.';
    case PostStatus.HELD:
      return heldReason === HeldReason.MODERATOR
        ? 'A peer specialist is keeping this post private for now and will be in touch. You have not done anything wrong.'
        : 'A peer specialist will read your post soon before it is shared with the group. You have not done anything wrong.';
    case PostStatus.REMOVED:
      return 'A peer specialist removed this post from the group. Only you can still see it.';
    case PostStatus.DELETED:
      return 'This post was deleted.';
  }
}
