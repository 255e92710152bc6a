import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { requestPathRedisOptions } from '../redis/redis.module';
import { JobProducer } from './job-producer.service';
import { QueueName } from './queue.types';
import { redisServerOptions, workerConnection } from './worker-connection';

/**
 * BullMQ wiring shared by API and worker. The root connection suits workers (blocking reads,
 * unlimited retries); producers get their own fail-fast connection so an outage never hangs a
 * request. The key prefix separates environments (and test runs) on one Redis.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: config.redis.prefix,
        connection: workerConnection(config),
      }),
    }),
    ...Object.values(QueueName).map((name) =>
      BullModule.registerQueueAsync({
        name,
        inject: [AppConfig],
        useFactory: (config: AppConfig) => {
          const { keyPrefix: _keyPrefix, ...producer } = requestPathRedisOptions(config);
          return { prefix: config.redis.prefix, connection: { ...redisServerOptions(config.redis.url), ...producer } };
        },
      }),
    ),
  ],
  providers: [JobProducer],
  exports: [BullModule, JobProducer],
})
export class QueueModule {}
