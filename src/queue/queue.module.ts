import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { requestPathRedisOptions } from '../redis/redis.module';
import { JobProducer } from './job-producer.service';
import { QueueName } from './queue.types';

function redisConnection(config: AppConfig) {
  const url = new URL(config.redis.url);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

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
        connection: { ...redisConnection(config), maxRetriesPerRequest: null, enableAutoPipelining: false },
      }),
    }),
    ...Object.values(QueueName).map((name) =>
      BullModule.registerQueueAsync({
        name,
        inject: [AppConfig],
        useFactory: (config: AppConfig) => {
          const { keyPrefix: _keyPrefix, ...producer } = requestPathRedisOptions(config);
          return { prefix: config.redis.prefix, connection: { ...redisConnection(config), ...producer } };
        },
      }),
    ),
  ],
  providers: [JobProducer],
  exports: [BullModule, JobProducer],
})
export class QueueModule {}
