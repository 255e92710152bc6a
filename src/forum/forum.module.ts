import { MemberDataExportService } from './member-data-export.service';
import { MemberDataResolver } from './member-data.resolver';
import { MemberPostsDataRepository } from './member-posts-data.repository';
import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ForumJobs } from './forum-jobs.service';
import { ForumLoaders } from './forum-loaders';
import { ForumNotificationsRepository } from './forum-notifications.repository';
import { ForumNotifications } from './forum-notifications.service';
import { ForumRateLimiter } from './forum-rate-limiter';
import { PostChangesResolver } from './post-changes.resolver';
import { PostLifecycleService } from './post-lifecycle.service';
import { PostingService } from './posting.service';
import { PostsRepository } from './posts.repository';
import { PostsResolver } from './posts.resolver';
import { PostsService } from './posts.service';
import { ReactionsRepository } from './reactions.repository';
import { ReactionsService } from './reactions.service';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { ScreeningOutboxRepository } from './screening-outbox.repository';
import { ScreeningOutboxService } from './screening-outbox.service';
import { SpaceAssignmentsService } from './space-assignments.service';
import { SpacesRepository } from './spaces.repository';
import { SpacesResolver } from './spaces.resolver';
import { SpacesService } from './spaces.service';
import { SharedThreadPages } from './shared-thread-pages';
import { ThreadPageChanges } from '../database/thread-page-changes';
import { ThreadsRepository } from './threads.repository';
import { ThreadsResolver } from './threads.resolver';
import { ThreadsService } from './threads.service';

/**
 * Spaces, threads, posts, reactions and reports: the part clients live in. Screening and
 * moderation move posts through `PostLifecycleService`; `ForumLoaders` and `PostsService` let
 * them show posts with the same visibility rules. The repositories are the only code that names
 * the forum's tables; the exported ones are how higher features read them (the screening outbox,
 * a report's post, a held post's reason).
 */
@Module({
  imports: [MembersModule, NotificationsModule],
  providers: [
    ForumJobs,
    ForumLoaders,
    ForumNotifications,
    ForumNotificationsRepository,
    ForumRateLimiter,
    MemberDataExportService,
    MemberDataResolver,
    MemberPostsDataRepository,
    PostChangesResolver,
    PostLifecycleService,
    PostingService,
    PostsRepository,
    PostsResolver,
    PostsService,
    ReactionsRepository,
    ReactionsService,
    ReportsRepository,
    ReportsService,
    ScreeningOutboxRepository,
    ScreeningOutboxService,
    SpaceAssignmentsService,
    SpacesRepository,
    SpacesResolver,
    SpacesService,
    SharedThreadPages,
    ThreadPageChanges,
    ThreadsRepository,
    ThreadsResolver,
    ThreadsService,
  ],
  exports: [
    MemberPostsDataRepository,
    ForumLoaders,
    SharedThreadPages,
    PostLifecycleService,
    PostsService,
    PostsRepository,
    ReportsRepository,
    ScreeningOutboxRepository,
  ],
})
export class ForumModule {}
