import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { isStaff } from '../common/domain/role.enum';

/**
 * Who sees what, as pure predicates (for single posts) beside the SQL that lists use, so a list
 * never shows what a lookup would hide. A thread is seen exactly when its first post is.
 *
 * - PUBLISHED: everyone who may see the space.
 * - PENDING, HELD, REMOVED: the author and staff only.
 * - DELETED: staff only, and nobody sees its text.
 */
export const AUTHOR_ONLY_STATUSES: readonly PostStatus[] = [PostStatus.PENDING, PostStatus.HELD, PostStatus.REMOVED];

export interface SpaceAudience {
  cohort: string | null;
}

export interface PostAudience {
  authorId: string;
  status: PostStatus;
}

/** A space limited to a cohort is for that cohort's clients; staff see every space. */
export function canSeeSpace(viewer: Viewer, space: SpaceAudience): boolean {
  return isStaff(viewer.role) || space.cohort === null || space.cohort === viewer.cohort;
}

/** The status rule alone, for a post in a space the viewer may see. */
export function canSeePostStatus(viewer: Viewer, post: PostAudience): boolean {
  if (isStaff(viewer.role) || post.status === PostStatus.PUBLISHED) return true;
  return post.authorId === viewer.memberId && AUTHOR_ONLY_STATUSES.includes(post.status);
}

/** A post is seen when its space, itself and its thread's first post are. */
export function canSeePost(viewer: Viewer, space: SpaceAudience, post: PostAudience, firstPost: PostAudience): boolean {
  return canSeeSpace(viewer, space) && canSeePostStatus(viewer, post) && canSeePostStatus(viewer, firstPost);
}

/**
 * The same status rule as SQL for lists, on the posts alias given; null for staff (no filter).
 * Parameters are named for TypeORM's query builder.
 */
export function visiblePostStatusSql(viewer: Viewer, alias: string): { sql: string; params: Record<string, unknown> } | null {
  if (isStaff(viewer.role)) return null;
  return {
    sql: `(${alias}.status = :publishedStatus OR (${alias}.author_id = :viewerId AND ${alias}.status IN (:...authorOnlyStatuses)))`,
    params: { publishedStatus: PostStatus.PUBLISHED, viewerId: viewer.memberId, authorOnlyStatuses: AUTHOR_ONLY_STATUSES },
  };
}

/** Only a post's author and staff may learn why it is not public. */
export function canSeeStatusDetails(viewer: Viewer, post: PostAudience): boolean {
  return isStaff(viewer.role) || post.authorId === viewer.memberId;
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
