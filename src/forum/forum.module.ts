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
import { PostsResolver } from './posts.resolver';
import { PostsService } from './posts.service';
import { ReactionsService } from './reactions.service';
import { ReportsService } from './reports.service';
import { ScreeningOutboxService } from './screening-outbox.service';
import { SpaceAssignmentsService } from './space-assignments.service';
import { SpacesResolver } from './spaces.resolver';
import { SpacesService } from './spaces.service';
import { ThreadsResolver } from './threads.resolver';
import { ThreadsService } from './threads.service';

/**
 * Spaces, threads, posts, reactions and reports: the part clients live in. Screening and
 * moderation move posts through `PostLifecycleService`; `ForumLoaders` and `PostsService` let
 * them show posts with the same visibility rules.
 */
@Module({
  imports: [MembersModule, NotificationsModule],
  providers: [
    ForumJobs,
    ForumLoaders,
    ForumNotifications,
    ForumNotificationsRepository,
    ForumRateLimiter,
    PostChangesResolver,
    PostLifecycleService,
    PostingService,
    PostsResolver,
    PostsService,
    ReactionsService,
    ReportsService,
    ScreeningOutboxService,
    SpaceAssignmentsService,
    SpacesResolver,
    SpacesService,
    ThreadsResolver,
    ThreadsService,
  ],
  exports: [ForumLoaders, PostLifecycleService, PostsService],
})
export class ForumModule {}
