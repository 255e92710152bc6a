/**
 * Events fanned out to subscribers through Redis pub/sub. Payloads carry ids only (no post text in
 * Redis); each API process loads what a subscriber may see when it delivers the event.
 */
export enum RealtimeEvent {
  MODERATION_QUEUE_CHANGED = 'moderation-queue-changed',
  ESCALATION_RAISED = 'escalation-raised',
}

export interface RealtimePayloads {
  [RealtimeEvent.MODERATION_QUEUE_CHANGED]: { caseId: string; spaceId: string };
  [RealtimeEvent.ESCALATION_RAISED]: { escalationId: string; level: number };
}
