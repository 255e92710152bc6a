import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { NotificationRedactionRepository } from '../notifications/notification-redaction.repository';
import { authorNoteFor, caseDecisionNoticeKey } from './author-notes';
import { ModerationRepository } from './moderation.repository';

/**
 * What moderation wrote about posts whose text is removed (retention, erasure), removed with it:
 * moderators quote the client in their case notes, and may in the note a decision sends the
 * author (an edited template). The notes read `marker`; the author's notice reads the standard
 * note for that decision, crisis resources included, so it still says what happened and where help is.
 */
@Injectable()
export class CaseTextRedaction {
  constructor(
    private readonly cases: ModerationRepository,
    private readonly notifications: NotificationRedactionRepository,
    private readonly config: AppConfig,
  ) {}

  async redactOfPosts(manager: EntityManager, postIds: readonly string[], marker: string): Promise<void> {
    if (postIds.length === 0) return;
    await this.cases.redactNotesOfPosts(manager, postIds, marker);
    const decided = await this.cases.decidedCasesOfPosts(manager, postIds);
    await this.notifications.rewriteBodiesByDedupeKey(
      manager,
      decided.map((c) => ({ dedupeKey: caseDecisionNoticeKey(c.id), body: authorNoteFor(c.decision, c.reasons, this.config.crisisResources).body })),
    );
  }
}
