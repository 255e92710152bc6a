import { PostStatus } from '../common/domain/post-status.enum';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { NotificationKind } from '../notifications/entities/notification.entity';
import type { NewNotification } from '../notifications/notifications.service';

/**
 * What members are told about each other's support: pseudonyms and the member's own thread title,
 * never the text of anyone's post (a reply that is pending or held is never announced at all).
 * A member's words (a title) go between “ and ” and nowhere else, with the thread's id in `data`,
 * and the replier's pseudonym opens the body, with the reply's id as `data.postId`: that is how
 * retention and erasure find and remove them (NotificationRedactionRepository).
 */

/** A reply that has just been published, with the people it concerns. */
export interface PublishedReply {
  replyId: string;
  threadId: string;
  replyAuthorId: string;
  replyAuthorName: string;
  threadAuthorId: string;
  /** The thread author's own words, so safe to show them. */
  threadTitle: string;
  openingStatus: PostStatus | null;
  quotedAuthorId: string | null;
  quotedStatus: PostStatus | null;
}

/**
 * Who hears of a published reply: the author it quotes ("replied to your post"), and the thread's
 * author ("in your thread") unless they were just told as the one quoted. Never the reply's own
 * author, never about a post they deleted. One each, however often the reply is published again
 * after edits.
 */
export function replyNotifications(reply: PublishedReply): NewNotification[] {
  const notices: NewNotification[] = [];
  const data = { postId: reply.replyId, threadId: reply.threadId };
  const told = new Set([reply.replyAuthorId]);
  if (reply.quotedAuthorId && reply.quotedStatus === PostStatus.PUBLISHED && !told.has(reply.quotedAuthorId)) {
    told.add(reply.quotedAuthorId);
    notices.push({
      memberId: reply.quotedAuthorId,
      kind: NotificationKind.REPLY_TO_YOUR_POST,
      title: 'New reply to your post',
      body: `${reply.replyAuthorName} quoted your post in a reply.`,
      data,
      dedupeKey: `reply:${reply.replyId}:${reply.quotedAuthorId}`,
    });
  }
  if (!told.has(reply.threadAuthorId) && reply.openingStatus !== null && reply.openingStatus !== PostStatus.DELETED) {
    notices.push({
      memberId: reply.threadAuthorId,
      kind: NotificationKind.REPLY_IN_YOUR_THREAD,
      title: 'New reply in your thread',
      body: `${reply.replyAuthorName} replied to “${reply.threadTitle}”.`,
      data,
      dedupeKey: `reply:${reply.replyId}:${reply.threadAuthorId}`,
    });
  }
  return notices;
}

/** The words on the reaction buttons, so a notification names reactions as the member saw them. */
export const REACTION_NAMES: Record<ReactionKind, string> = {
  [ReactionKind.HEART]: 'Heart',
  [ReactionKind.HUG]: 'Hug',
  [ReactionKind.STRENGTH]: 'Strength',
  [ReactionKind.RELATE]: 'I relate',
  [ReactionKind.THANKS]: 'Thank you',
};

export interface ReactedPost {
  postId: string;
  threadId: string;
  authorId: string;
  status: PostStatus;
  /** The thread's first post rather than a reply. */
  opening: boolean;
  /** Reactions from other members, by kind (the author's own do not count). */
  totals: Partial<Record<ReactionKind, number>>;
}

/**
 * The author's one unread notification about reactions to a post: the totals so far from other
 * members, without names (reactions are anonymous). Null when there is nothing to tell.
 */
export function reactionsNotification(post: ReactedPost): { memberId: string; title: string; body: string; data: Record<string, string> } | null {
  if (post.status !== PostStatus.PUBLISHED) return null;
  const given = Object.values(ReactionKind)
    .map((kind) => ({ kind, count: post.totals[kind] ?? 0 }))
    .filter((r) => r.count > 0);
  if (given.length === 0) return null;
  const total = given.reduce((sum, r) => sum + r.count, 0);
  const what = post.opening ? 'your thread' : 'your reply';
  return {
    memberId: post.authorId,
    title: total === 1 ? `Someone reacted to ${what}` : `Members reacted to ${what}`,
    body: `Reactions so far: ${given.map((r) => `${REACTION_NAMES[r.kind]} ${r.count}`).join(', ')}.`,
    data: { postId: post.postId, threadId: post.threadId },
  };
}
