import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { AppError } from '../common/errors/app-error';
import { parseId } from '../common/graphql/ids';
import { AppConfig } from '../config/app-config';
import { JobName } from '../queue/queue.types';
import { ForumJobs } from './forum-jobs.service';
import { ForumLoaderSet } from './forum-loaders';
import { ForumRateLimiter } from './forum-rate-limiter';
import { cleanLine, MAX_REPORT_REASON_CHARS } from './post-body.sanitizer';
import { PostLifecycleService } from './post-lifecycle.service';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { ReportsRepository } from './reports.repository';

export interface ReportOutcome {
  /** Null when this member had already reported the post (nothing new happened). */
  reportId: string | null;
  /** True when this report made the post reach the auto-hide threshold and it was held. */
  autoHeld: boolean;
}

/**
 * Members report published posts. Each report is a row; the moderation worker opens or joins the
 * post's case from the `review-report` job. Enough distinct reporters hide the post at once
 * (HELD, USER_REPORTS) until a peer specialist looks.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly postRows: PostsRepository,
    private readonly reports: ReportsRepository,
    private readonly lifecycle: PostLifecycleService,
    private readonly rateLimiter: ForumRateLimiter,
    private readonly audit: AuditService,
    private readonly jobs: ForumJobs,
    private readonly config: AppConfig,
  ) {}

  async report(viewer: Viewer, requestId: string, input: { postId: string; reason: string }, loaders: ForumLoaderSet): Promise<ReportOutcome> {
    // The limit before reading any input, as for posts: a flood costs one Redis round trip each.
    await this.rateLimiter.consume(viewer, 'report');
    const postId = parseId(input.postId, 'postId');
    const reason = cleanLine(input.reason, 'reason', { min: 1, max: MAX_REPORT_REASON_CHARS });
    const visible = await this.posts.findVisible(viewer, postId, loaders);
    if (!visible) throw AppError.notFound('Post');
    if (visible.post.authorId === viewer.memberId) throw AppError.badInput('postId', 'You cannot report your own post.');
    if (visible.post.status !== PostStatus.PUBLISHED) throw AppError.conflict('This post is already with a peer specialist.');

    const outcome = await this.dataSource.transaction(async (manager): Promise<ReportOutcome> => {
      // Reports on one post queue behind each other, so concurrent reporters cannot all miss the threshold.
      await this.postRows.lock(manager, postId);
      const reportId = await this.reports.insertOnce(manager, { postId, reporterId: viewer.memberId, reason });
      if (reportId === null) return { reportId: null, autoHeld: false };
      const reporters = await this.reports.reporterCount(manager, postId);
      const held =
        reporters >= this.config.moderation.reportAutoHideReporters &&
        (await this.lifecycle.transition(manager, { postId, from: [PostStatus.PUBLISHED], to: PostStatus.HELD, heldReason: HeldReason.USER_REPORTS })) !== null;
      await this.audit.recordMany(
        [
          {
            actorId: viewer.memberId,
            actorRole: viewer.role,
            action: 'post.reported',
            targetType: 'post',
            targetId: postId,
            requestId,
            details: { reportId, reporters },
          },
          ...(held
            ? [{ actorId: null, actorRole: 'SYSTEM', action: 'post.auto_held', targetType: 'post', targetId: postId, requestId, details: { reporters } }]
            : []),
        ],
        manager,
      );
      return { reportId, autoHeld: held };
    });

    // If Redis is down the report row is still kept, so its case can be opened from it later.
    if (outcome.reportId) await this.jobs.enqueue({ name: JobName.REVIEW_REPORT, data: { reportId: outcome.reportId } });
    return outcome;
  }
}
