import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { EscalationRedactionRepository } from '../escalation/escalation-redaction.repository';
import { MemberPostsDataRepository } from '../forum/member-posts-data.repository';
import { CaseTextRedaction } from '../moderation/case-text-redaction.service';
import { NotificationRedactionRepository } from '../notifications/notification-redaction.repository';
import { JobHandler } from '../queue/job-handlers';
import { JobName } from '../queue/queue.types';
import { ScreeningRedactionRepository } from './screening-redaction.repository';

/** What a post's text reads after the retention period. */
export const RETAINED_TEXT_MARKER = '[removed after the retention period]';

/** Posts purged per transaction: a backlog (the first run after years) goes in short steps. */
const BATCH = 200;

/**
 * Retention: held and removed posts keep their text RETENTION_DAYS_REMOVED days after they got
 * there, for review and appeal; then their text, their revisions, the evidence quoting them and
 * the staff notes on their cases (and the note escalating one) are removed, and a moderator's own
 * words in the decision notice to the author give way to the standard note (the post, its state and the audit trail stay; audit events are never purged).
 * A repeatable sweep on the sweeps queue, so one runs per interval whatever the number of workers.
 */
@Injectable()
export class RetentionSweeper {
  readonly handler: JobHandler<JobName.SWEEP_RETENTION> = { run: () => this.sweep() };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly posts: MemberPostsDataRepository,
    private readonly screenings: ScreeningRedactionRepository,
    private readonly escalations: EscalationRedactionRepository,
    private readonly caseText: CaseTextRedaction,
    private readonly notifications: NotificationRedactionRepository,
    private readonly audit: AuditService,
  ) {}

  /** How many posts lost their text. */
  async sweep(): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const removed = await this.posts.purgeHeldAndRemovedText(manager, this.config.membership.retentionDaysRemoved, RETAINED_TEXT_MARKER, BATCH);
        const ids = removed.postIds;
        await this.screenings.redactEvidenceOf(manager, ids);
        await this.escalations.redactEvidenceOf(manager, ids);
        await this.caseText.redactOfPosts(manager, ids, RETAINED_TEXT_MARKER);
        // A reply's notification to the thread's author quotes the title: it goes with the title.
        await this.notifications.redactQuotesAboutThreads(manager, removed.retitledThreadIds, RETAINED_TEXT_MARKER);
        if (ids.length > 0) {
          await this.audit.recordMany(
            ids.map((postId) => ({
              actorId: null,
              actorRole: 'SYSTEM',
              action: 'post.text_purged',
              targetType: 'post',
              targetId: postId,
              details: { retentionDays: this.config.membership.retentionDaysRemoved },
            })),
            manager,
          );
        }
        return ids.length;
      });
      purged += batch;
      if (batch < BATCH) return purged;
    }
  }
}
