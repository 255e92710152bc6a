import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { requestPathRedisOptions } from '../../redis/redis.module';
import { RealtimeEvent, RealtimePayloads } from './realtime-events';

/** Events a slow subscriber may have waiting before the oldest are dropped (it can re-read the list). */
const MAX_BUFFERED_EVENTS = 1_000;

type Listener = (payload: unknown) => void;

/**
 * Publish/subscribe across processes: the worker publishes, every API process subscribes, and
 * each one hands events to its own GraphQL subscriptions as async iterators (what Nest's
 * `@Subscription` expects). Two connections, because a Redis connection in subscriber mode can
 * do nothing else; both are opened on first use, so a process that never publishes or
 * subscribes holds neither.
 */
@Injectable()
export class RedisPubSub implements OnApplicationShutdown {
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly channelPrefix: string;

  constructor(private readonly config: AppConfig) {
    this.channelPrefix = `${config.redis.prefix}:events:`;
  }

  /** Publishes to every process; throws fast when Redis is unreachable (callers decide what that means). */
  async publish<E extends RealtimeEvent>(event: E, payload: RealtimePayloads[E]): Promise<void> {
    this.publisher ??= this.connect(false);
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
      if (connection) await connection.quit().catch(() => connection.disconnect());
    }
  }

  private addListener(channel: string, listener: Listener): void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      // The subscriber queues commands while (re)connecting and re-subscribes after a reconnect.
      this.subscriber ??= this.openSubscriber();
      this.subscriber.subscribe(channel).catch(() => undefined);
    }
    set.add(listener);
  }

  private removeListener(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) {
      this.listeners.delete(channel);
      this.subscriber?.unsubscribe(channel).catch(() => undefined);
    }
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
