import { registerEnumType } from '@nestjs/graphql';

export enum PostStatus {
  PENDING = 'PENDING',
  PUBLISHED = 'PUBLISHED',
  HELD = 'HELD',
  REMOVED = 'REMOVED',
  DELETED = 'DELETED',
}
registerEnumType(PostStatus, { name: 'PostStatus' });

/** Why a post is held; shown to staff, and turned into a kind note for the author. */
export enum HeldReason {
  CRISIS = 'CRISIS',
  TOXICITY = 'TOXICITY',
  WATCHED_WORD = 'WATCHED_WORD',
  THREAT = 'THREAT',
  USER_REPORTS = 'USER_REPORTS',
  SCREENING_FAILED = 'SCREENING_FAILED',
  MODERATOR = 'MODERATOR',
}
registerEnumType(HeldReason, { name: 'HeldReason' });
