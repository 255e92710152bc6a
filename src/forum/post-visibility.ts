import { inScopeSqlBound, scopeCovers, staffScopeOf } from '../common/auth/staff-scope';
import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { isStaff } from '../common/domain/role.enum';
import { SqlParameters } from '../common/sql/sql-parameters';

/**
 * Who sees what: the one statement of the rules, as pure predicates (for single posts, through the
 * loaders) beside the SQL fragments every list and write uses, so a list never shows what a
 * lookup would hide. test/forum/post-visibility-sql.e2e-spec.ts checks in PostgreSQL that each
 * fragment agrees with its predicate for every role, state and space. A thread is seen exactly
 * when its first post is.
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
 * `canSeeSpace` as SQL over a spaces alias, its value bound through `params` (a raw statement or a
 * query builder); null when the viewer sees every space (staff). Never NULL, so it also holds
 * under NOT: a client without a cohort is not "unknown" to a cohort's space, they are outside it.
 */
export function visibleSpaceSql(viewer: Viewer, alias: string, params: SqlParameters): string | null {
  if (isStaff(viewer.role)) return null;
  return `(${alias}.cohort IS NULL OR ${alias}.cohort IS NOT DISTINCT FROM ${params.bind(viewer.cohort)})`;
}

/**
 * `canSeePostStatus` as SQL over a posts alias, its values bound through `params`; null when the
 * viewer sees every post (clinicians, admins).
 */
export function visiblePostStatusSql(viewer: Viewer, alias: string, params: SqlParameters): string | null {
  const scope = staffScopeOf(viewer);
  if (scope.all) return null;
  const published = `${alias}.status = ${params.bind(PostStatus.PUBLISHED)}`;
  const own = `(${alias}.author_id = ${params.bind(viewer.memberId)} AND ${alias}.status = ANY(${params.bind(AUTHOR_ONLY_STATUSES)}::text[]))`;
  if (scope.spaceIds.length === 0) return `(${published} OR ${own})`;
  return `(${published} OR ${own} OR ${inScopeSqlBound(scope, `${alias}.space_id`, params)})`;
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
