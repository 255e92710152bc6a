import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { AppConfig } from '../../config/app-config';
import { ROOT_LOGGER } from '../../logging/logging.module';
import { requestPathRedisOptions } from '../../redis/redis.module';
import { RealtimeEvent, RealtimePayloads } from './realtime-events';

/** Events a slow subscriber may have waiting before the oldest are dropped (it can re-read the list). */
const MAX_BUFFERED_EVENTS = 1_000;
/** Longest start-up waits for the two connections; past it the process starts anyway and they keep reconnecting. */
const STARTUP_WAIT_MS = 5_000;
/** Longest a publish waits for a reconnect (one takes ~200 ms after a blip); then it fails and the caller decides. */
const PUBLISH_WAIT_MS = 1_000;

type Listener = (payload: unknown) => void;

/** The promise's value, or `fallback` if it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Resolves true once the connection is ready, false after `timeoutMs` (or at its first error,
 * with `untilError`), so a caller never waits on a Redis that is down.
 */
function whenReady(redis: Redis, timeoutMs: number, options: { untilError?: boolean } = {}): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      resolve(ready);
    };
    const onReady = () => finish(true);
    const onError = () => {
      if (options.untilError) finish(false);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

/**
 * Publish/subscribe across processes: workers and APIs publish, every API process subscribes, and
 * each one hands events to its own GraphQL subscriptions as async iterators (what Nest's
 * `@Subscription` expects). Two connections, because a Redis connection in subscriber mode can
 * do nothing else. Both connect, and the subscriber listens to every event, before the process
 * serves or takes jobs: the publisher fails fast instead of queueing while Redis is down, so a
 * publisher still connecting would drop the first events of a fresh process.
 */
@Injectable()
export class RedisPubSub implements OnModuleInit, OnApplicationShutdown {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly channelPrefix: string;
  private reconnecting?: Promise<boolean>;

  constructor(
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.channelPrefix = `${config.redis.prefix}:events:`;
    this.publisher = this.connect(false);
    this.subscriber = this.openSubscriber();
  }

  async onModuleInit(): Promise<void> {
    // SUBSCRIBE is queued until the subscriber connects, and repeated after every reconnect.
    const subscribed = this.subscriber.subscribe(...Object.values(RealtimeEvent).map((event) => this.channelPrefix + event)).then(
      () => true,
      () => false,
    );
    const [publishing, listening] = await Promise.all([
      whenReady(this.publisher, STARTUP_WAIT_MS, { untilError: true }),
      whenReady(this.subscriber, STARTUP_WAIT_MS, { untilError: true }).then((ready) => ready && within(subscribed, STARTUP_WAIT_MS, false)),
    ]);
    if (!publishing || !listening) {
      this.logger.warn(
        { publisher: this.publisher.status, subscriber: this.subscriber.status },
        'realtime events: Redis is not reachable yet; reconnecting in the background',
      );
    }
  }

  /**
   * Publishes to every process. Waits briefly for a reconnect, then throws (callers decide what a
   * lost event means: a reminder retries, a request's announcement is logged).
   */
  async publish<E extends RealtimeEvent>(event: E, payload: RealtimePayloads[E]): Promise<void> {
    if (this.publisher.status !== 'ready') {
      // Publishes during one reconnect share one wait (and one pair of listeners on the connection).
      this.reconnecting ??= whenReady(this.publisher, PUBLISH_WAIT_MS).finally(() => (this.reconnecting = undefined));
      await this.reconnecting;
    }
    await this.publisher.publish(this.channelPrefix + event, JSON.stringify(payload));
  }

  /** An iterator of this event's payloads from now on; `return()` (the client unsubscribing) releases it. */
  asyncIterator<E extends RealtimeEvent>(event: E): AsyncIterableIterator<RealtimePayloads[E]> {
    const channel = this.channelPrefix + event;
    const buffered: RealtimePayloads[E][] = [];
    const waiting: Array<(result: IteratorResult<RealtimePayloads[E]>) => void> = [];
    let done = false;
    const listener: Listener = (payload) => {
      const next = waiting.shift();
      if (next) next({ value: payload as RealtimePayloads[E], done: false });
      else {
        buffered.push(payload as RealtimePayloads[E]);
        if (buffered.length > MAX_BUFFERED_EVENTS) buffered.shift();
      }
    };
    this.addListener(channel, listener);
    const finish = (): Promise<IteratorResult<RealtimePayloads[E]>> => {
      if (!done) {
        done = true;
        this.removeListener(channel, listener);
        for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
      }
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<RealtimePayloads[E]> = {
      next: () => {
        if (buffered.length > 0) return Promise.resolve({ value: buffered.shift() as RealtimePayloads[E], done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: finish,
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const connection of [this.publisher, this.subscriber]) {
      // QUIT waits in the subscriber's offline queue for a Redis that may never come back.
      if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
      else connection.disconnect();
    }
  }

  private addListener(channel: string, listener: Listener): void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
  }

  private removeListener(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) this.listeners.delete(channel);
  }

  private openSubscriber(): Redis {
    const subscriber = this.connect(true);
    subscriber.on('message', (channel: string, message: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch {
        return;
      }
      for (const listener of set) listener(payload);
    });
    return subscriber;
  }

  private connect(subscriber: boolean): Redis {
    const { keyPrefix: _keyPrefix, ...options } = requestPathRedisOptions(this.config);
    const redis = new Redis(this.config.redis.url, subscriber ? { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null } : options);
    // Errors surface through publish() and /health/ready; an unhandled 'error' event would crash.
    redis.on('error', () => undefined);
    return redis;
  }
}
