import { ConnectionOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';

/**
 * A consumer's own Redis connection: blocking reads, retrying through an outage. The registered
 * queues use fail-fast producer connections, right for the API and wrong for a worker.
 */
export function workerConnection(config: AppConfig): ConnectionOptions {
  return { ...redisServerOptions(config.redis.url), maxRetriesPerRequest: null, enableAutoPipelining: false };
}

/** Host, port, credentials, database and TLS from a redis:// or rediss:// URL. */
export function redisServerOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}
