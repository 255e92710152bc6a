/**
 * Events fanned out to subscribers through Redis pub/sub. Payloads carry ids only (no post text in
 * Redis); each API process loads what a subscriber may see when it delivers the event.
 */
export enum RealtimeEvent {
  MODERATION_QUEUE_CHANGED = 'moderation-queue-changed',
  ESCALATION_RAISED = 'escalation-raised',
  /** An escalation was acknowledged or resolved: every open inbox stops its countdown at once. */
  ESCALATION_CHANGED = 'escalation-changed',
  /** A post's state changed (screened, or decided by a moderator): its author's app shows it live. */
  POST_CHANGED = 'post-changed',
  /** A notification was written (or a gathered one updated) for one member, after the commit that wrote it. */
  NOTIFICATION_ADDED = 'notification-added',
}

export interface RealtimePayloads {
  [RealtimeEvent.MODERATION_QUEUE_CHANGED]: { caseId: string; spaceId: string };
  [RealtimeEvent.ESCALATION_RAISED]: { escalationId: string; level: number };
  [RealtimeEvent.ESCALATION_CHANGED]: { escalationId: string };
  /** The author is in the payload so each API process filters in memory; only the author's own socket loads the post. */
  [RealtimeEvent.POST_CHANGED]: { postId: string; authorId: string };
  /** The member is in the payload so each API process filters in memory; only their socket reads the row. */
  [RealtimeEvent.NOTIFICATION_ADDED]: { notificationId: string; memberId: string };
}
