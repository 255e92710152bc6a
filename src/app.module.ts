import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './common/auth/auth.module';
import { GqlAuthGuard } from './common/auth/gql-auth.guard';
import { AppErrorFilter } from './common/errors/app-error.filter';
import { TokenVerifier } from './common/auth/token-verifier';
import { VIEWER_DIRECTORY, ViewerDirectory } from './common/auth/viewer-directory';
import { graphqlConfig } from './common/graphql/graphql-config';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { DevSignInModule } from './dev-sign-in/dev-sign-in.module';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { EscalationModule } from './escalation/escalation.module';
import { ForumApiModule } from './forum/forum-api.module';
import { ForumModule } from './forum/forum.module';
import { HealthModule } from './health/health.module';
import { HttpDrain } from './health/http-drain';
import { InsightsModule } from './insights/insights.module';
import { JobWorkersModule } from './job-workers.module';
import { LoggingModule } from './logging/logging.module';
import { MembersApiModule } from './members/members-api.module';
import { MembersModule } from './members/members.module';
import { ModerationModule } from './moderation/moderation.module';
import { NotificationsModule } from './notifications/notifications.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { ScreeningModule } from './screening/screening.module';

/** Who this process is: the HTTP API, the screening worker, or both (small installs, tests). */
export type ProcessRole = 'api' | 'worker' | 'all';

/** Features both processes load: the API serves them, the worker's processors call them. */
const FEATURE_MODULES: Type[] = [MembersModule, NotificationsModule, ForumModule, EscalationModule, ModerationModule, ScreeningModule, InsightsModule];

/** What only the worker starts: the BullMQ workers, every job's handler and the sweeps' schedulers. */
const WORKER_MODULES: Type[] = [JobWorkersModule];

export interface AppModuleOptions {
  role: ProcessRole;
  config: AppConfig;
  dataSource: DataSource;
  embedded?: EmbeddedPostgres;
  logger: Logger;
}

/** The whole application, wired once; API and worker differ only in what they start. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { role, config, dataSource, embedded, logger } = options;
    const serveHttp = role !== 'worker';
    const runWorkers = role !== 'api';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forLogger(logger),
        DatabaseModule.forDataSource(dataSource, embedded),
        RedisModule,
        QueueModule,
        HealthModule,
        AuditModule,
        { module: AuthModule, global: true },
        ...FEATURE_MODULES,
        ...(serveHttp
          ? [
              GraphQLModule.forRootAsync<ApolloDriverConfig>({
                driver: ApolloDriver,
                inject: [TokenVerifier, VIEWER_DIRECTORY, ModuleRef],
                imports: [MembersModule],
                useFactory: (verifier: TokenVerifier, viewers: ViewerDirectory, modules: ModuleRef) =>
                  graphqlConfig(config, verifier, viewers, logger, (owner) => modules.get(owner, { strict: false })),
              }),
            ]
          : []),
        ...(serveHttp && DevSignInModule.isAvailable(config) ? [DevSignInModule] : []),
        // The admins' console is GraphQL only, and only a process serving requests caches viewers and thread pages: none runs in a worker.
        ...(serveHttp ? [AdminModule, MembersApiModule, ForumApiModule] : []),
        ...(runWorkers ? WORKER_MODULES : []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: GqlAuthGuard },
        { provide: APP_FILTER, useClass: AppErrorFilter },
        // In the root module so its destroy hook runs first: stop accepting before anything closes.
        ...(serveHttp ? [HttpDrain] : []),
      ],
    };
  }
}
