import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { REDIS, requestPathRedisOptions } from '../redis/redis.module';

/** What a message on the channel means: one member's access changed, or every cached view is stale. */
const EVERYONE = '*';

/** Who is told, as they happen, about the announcements and about whether they can be heard at all. */
export interface AccessChangeListener {
  listeningStarted(): void;
  listeningStopped(): void;
  memberChanged(memberId: string): void;
  everyoneChanged(): void;
}

/**
 * The cross-process channel behind the viewer cache: after a commit that revokes access, the
 * process announces the member's id (never anything else); every process hears it and drops
 * that member from its cache. A connection of its own, because a subscribed Redis connection can
 * do nothing else; publishing uses the shared one. Not RedisPubSub (notifications), which members
 * may not import, and whose subscriptions resubscribe silently: here the listener must know
 * exactly when it is subscribed, so it resubscribes itself after every reconnect.
 */
@Injectable()
export class MemberAccessChanges implements OnApplicationShutdown {
  private readonly channel: string;
  private subscriber?: Redis;
  private listener?: AccessChangeListener;
  /** Grows with every connection, so a SUBSCRIBE answered after its connection dropped starts nothing. */
  private connection = 0;
  private subscribed = false;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly publisher: Redis,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    // Channels are not keys: ioredis's keyPrefix does not apply to them, so the prefix is spelled out.
    this.channel = `${config.redis.prefix}:member-access-changed`;
  }

  /** Starts listening (once); the listener hears `listeningStarted` each time SUBSCRIBE is acknowledged. */
  listen(listener: AccessChangeListener): void {
    if (this.subscriber) return;
    const { keyPrefix: _keyPrefix, ...options } = requestPathRedisOptions(this.config);
    const subscriber = new Redis(this.config.redis.url, {
      ...options,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      connectionName: `${this.config.redis.prefix}:member-access`,
    });
    this.subscriber = subscriber;
    this.listener = listener;
    // Errors show as 'close'; an unhandled 'error' event would crash the process.
    subscriber.on('error', () => undefined);
    subscriber.on('ready', () => {
      const connection = ++this.connection;
      subscriber.subscribe(this.channel).then(
        () => {
          if (connection !== this.connection || subscriber.status !== 'ready') return;
          this.subscribed = true;
          listener.listeningStarted();
        },
        () => undefined, // the connection dropped meanwhile; the next 'ready' subscribes again
      );
    });
    subscriber.on('close', () => {
      this.connection += 1;
      if (this.subscribed) this.logger.warn('member access changes: subscriber disconnected; checking discharge in the database until it is back');
      this.subscribed = false;
      listener.listeningStopped();
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      if (message === EVERYONE) listener.everyoneChanged();
      else listener.memberChanged(message);
    });
  }

  /** Whether announcements are heard now (health, tests). */
  get listening(): boolean {
    return this.subscribed;
  }

  /**
   * Tells every process, after commit. A failure is logged, not thrown: the change is committed,
   * and if this process cannot reach Redis the others most likely cannot either, so they are
   * checking the database; otherwise their cache forgets the member within its time to live.
   */
  async announce(memberId: string | null): Promise<void> {
    try {
      await this.publisher.publish(this.channel, memberId ?? EVERYONE);
    } catch (error) {
      this.logger.warn({ err: error, memberId }, 'member access changes: could not announce; other processes catch up within the viewer cache TTL');
    }
  }

  /** Stops listening; the listener hears `listeningStopped` (shutdown, and tests of the fallback). */
  async stopListening(): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) return;
    // At once, not at 'close': no request may be served as if listening while QUIT is on its way.
    this.connection += 1;
    this.subscribed = false;
    this.listener?.listeningStopped();
    if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber.disconnect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopListening();
  }
}
