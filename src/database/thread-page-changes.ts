import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';

/** The channel the triggers of migration NotifyThreadPageChanges notify on (spelled there too). */
export const THREAD_PAGE_CHANNEL = 'thread_page_changed';
/** A notice about every page (a space, a member's name or role, an erasure, a TRUNCATE). */
const EVERY_PAGE = '*';
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/** Who hears the notices, and whether they can be heard at all. */
export interface ThreadPageChangeListener {
  listeningStarted(): void;
  listeningStopped(): void;
  threadChanged(threadId: string): void;
  everythingChanged(): void;
}

/**
 * One connection per API process, outside the pool, that LISTENs to the thread-page notices:
 * the listener is told `listeningStarted` only once LISTEN is acknowledged, and `listeningStopped`
 * at once on an error or an end, before reconnecting with backoff. In src/database, being a
 * connection of its own (the cache it serves is src/forum/shared-thread-pages.ts). Modelled on MemberAccessChanges
 * (Redis), here on PostgreSQL because the notices come from triggers, after commit, whatever wrote.
 */
@Injectable()
export class ThreadPageChanges implements OnApplicationShutdown {
  private client?: Client;
  private listener?: ThreadPageChangeListener;
  /** Grows with every connection, so events of an older one start nothing. */
  private connection = 0;
  private retryMs = FIRST_RETRY_MS;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private confirmed = false;

  constructor(
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Starts listening (once); without a database URL (embedded PGlite) there is nothing to listen to. */
  listen(listener: ThreadPageChangeListener): void {
    if (this.listener || !this.config.database.url) return;
    this.listener = listener;
    this.connect();
  }

  /** Whether notices are heard now (health, tests). */
  get listening(): boolean {
    return this.confirmed;
  }

  /** The listening connection's backend pid (tests terminate it). */
  get backendPid(): number | undefined {
    return this.confirmed ? (this.client as { processID?: number } | undefined)?.processID : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.lost(this.connection);
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    if (this.stopped || !this.listener) return;
    const connection = ++this.connection;
    const listener = this.listener;
    const client = new Client({
      connectionString: this.config.database.url,
      application_name: 'between-sessions-thread-pages',
      connectionTimeoutMillis: 5_000,
      // A half-open connection hears nothing: keepalives find it out (the cache's max age bounds it meanwhile).
      keepAlive: true,
    });
    this.client = client;
    client.on('error', () => this.lost(connection));
    client.on('end', () => this.lost(connection));
    client.on('notification', (message) => {
      if (connection !== this.connection || message.channel !== THREAD_PAGE_CHANNEL) return;
      if (!message.payload || message.payload === EVERY_PAGE) listener.everythingChanged();
      else listener.threadChanged(message.payload);
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${THREAD_PAGE_CHANNEL}`))
      .then(
        () => {
          if (connection !== this.connection || this.stopped) return;
          this.confirmed = true;
          this.retryMs = FIRST_RETRY_MS;
          listener.listeningStarted();
        },
        () => this.lost(connection),
      );
  }

  /** The connection failed or ended: stop trusting the cache now, then try again (once per connection). */
  private lost(connection: number): void {
    if (connection !== this.connection) return;
    this.connection += 1;
    if (this.confirmed) this.logger.warn('thread page cache: the LISTEN connection dropped; pages are read from the database until it is back');
    this.confirmed = false;
    this.listener?.listeningStopped();
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => undefined);
    if (this.stopped) return;
    this.retry = setTimeout(() => this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
