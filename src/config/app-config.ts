import { parseEnv, RawEnv } from './env.schema';

/**
 * Where the provider sends the browser back after sign-in, and after sign-out: the web app's
 * routes, registered at the provider as `<PUBLIC_BASE_URL>/sign-in/callback` and `<PUBLIC_BASE_URL>/`.
 */
export const OIDC_REDIRECT_PATH = '/sign-in/callback';
export const OIDC_POST_LOGOUT_PATH = '/';

/** What the web app needs to sign people in at the identity provider: all public, no secret (the client is public, with PKCE). */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  /** Space-separated, always with `openid`. */
  scopes: string;
  /** RFC 8707 resource indicator sent on the authorization and token requests, when the provider needs one to issue this API's JWT access tokens. */
  resource?: string;
  redirectPath: string;
  postLogoutRedirectPath: string;
}

/**
 * The validated configuration, grouped by concern. This class is the only reader of process.env
 * (through `AppConfig.fromEnv`); everything else injects it.
 */
export class AppConfig {
  readonly nodeEnv: RawEnv['NODE_ENV'];
  readonly isProduction: boolean;
  readonly port: number;
  /** Where Prometheus scrapes `/metrics`; unset, metrics are not served at all (never on `port`). */
  readonly metricsPort: number | undefined;
  readonly logLevel: RawEnv['LOG_LEVEL'];
  readonly publicBaseUrl: string;
  /** The built web app (index.html and assets); unset, `dist/web` in the repository. */
  readonly webAppDir: string | undefined;
  /**
   * `url` is the app's own role (DML, append-only audit log, no DDL); `migrationUrl` the schema
   * owner's, used only to migrate at boot. Both unset: embedded PGlite.
   */
  readonly database: { url: string | undefined; migrationUrl: string | undefined; poolSize: number; preparedStatements: boolean; pgliteDataDir: string };
  /**
   * The API's in-process thread-page cache: `maxAgeMs` 0 is off. Off too with embedded PGlite and
   * with DATABASE_PREPARED_STATEMENTS=false (a transaction-mode pooler cannot LISTEN), whatever is set.
   */
  readonly threadPageCache: { maxAgeMs: number; maxEntries: number; maxReactions: number };
  readonly redis: { url: string; prefix: string };
  /**
   * How bearer tokens are verified: `secret` (HS256, development and tests) unless the identity
   * provider's keys are configured, by `jwksUrl` or discovered from `discoveryIssuer`'s metadata.
   * `issuer` and `audience` are checked whenever the provider's keys are used.
   */
  readonly auth: { secret?: string; jwksUrl?: string; discoveryIssuer?: string; issuer?: string; audience?: string };
  /**
   * How people sign in to the web app: through the identity provider (OIDC authorization code +
   * PKCE), the demo-member picker (development and tests only, never production), or not at all
   * (production without OIDC: the API alone, for tokens obtained elsewhere).
   */
  readonly signIn: { method: 'oidc'; oidc: OidcClientSettings } | { method: 'dev' } | { method: 'none' };
  readonly toxicity: {
    modelUrl?: string;
    vocabUrl?: string;
    required: boolean;
    backend: RawEnv['TFJS_BACKEND'];
  };
  readonly escalationWebhook: { url?: string; secret?: string };
  readonly crisisResources?: string;
  /** Email pages (no PHI: severity, deadline, a link); no url, no email is sent. */
  readonly smtp: { url?: string; from: string };
  /** The program's IANA time zone for shift times and deadlines shown to people (stored in UTC). */
  readonly programTimeZone: string;
  /** How often the worker looks for gaps in the on-call roster of the next 72 hours. */
  readonly roster: { gapCheckSeconds: number };
  /** Acknowledgement deadlines by escalation severity, and how often the worker sweeps for missed timers. */
  readonly escalationTimers: { ackSeconds: RawEnv['ESCALATION_ACK_SECONDS']; sweepSeconds: number };
  /**
   * The screening worker: jobs in flight per process (they share one model batch), how long a
   * job's lock lasts before a dead worker's job is taken over, and the outbox sweeper's timing.
   */
  readonly screening: { concurrency: number; lockMs: number; sweepAfterMs: number; sweepEveryMs: number; toxicityTimeoutMs: number };
  /** Multiplies every forum rate limit; above 1 only for load tests, where one member posts thousands of times. */
  readonly forumRateLimitMultiplier: number;
  readonly moderation: { caseDueSeconds: RawEnv['CASE_DUE_SECONDS']; claimLeaseSeconds: number; reportAutoHideReporters: number };
  /**
   * Who may become a member (`invited`: only subjects on the admins' invite list; admins' own
   * tokens always, so a program can start), and how long held and removed posts keep their text.
   */
  readonly membership: { mode: RawEnv['MEMBERSHIP']; retentionDaysRemoved: number; retentionSweepSeconds: number };
  /** How long closing waits for requests, jobs and queries in flight before it gives up on them. */
  readonly shutdownGraceMs: number;

  constructor(env: RawEnv) {
    this.nodeEnv = env.NODE_ENV;
    this.isProduction = env.NODE_ENV === 'production';
    this.port = env.PORT;
    this.metricsPort = env.METRICS_PORT;
    this.logLevel = env.LOG_LEVEL;
    this.publicBaseUrl = env.PUBLIC_BASE_URL;
    this.webAppDir = env.WEB_APP_DIR;
    this.database = {
      url: env.DATABASE_URL,
      migrationUrl: env.DATABASE_MIGRATION_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
      pgliteDataDir: env.PGLITE_DATA_DIR,
    };
    const pageCacheCanListen = env.DATABASE_URL !== undefined && env.DATABASE_PREPARED_STATEMENTS;
    this.threadPageCache = {
      maxAgeMs: pageCacheCanListen ? env.THREAD_PAGE_CACHE_MS : 0,
      maxEntries: env.THREAD_PAGE_CACHE_ENTRIES,
      maxReactions: env.THREAD_PAGE_CACHE_REACTIONS,
    };
    // One prefix per environment, so a test run or a demo never touches another's keys.
    this.redis = { url: env.REDIS_URL, prefix: env.REDIS_PREFIX ?? `bs-${env.NODE_ENV}` };
    this.auth = {
      secret: env.JWT_SECRET,
      jwksUrl: env.JWT_JWKS_URL,
      discoveryIssuer: env.JWT_JWKS_URL ? undefined : env.OIDC_ISSUER,
      issuer: env.OIDC_ISSUER ?? env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE ?? env.OIDC_RESOURCE,
    };
    if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID) {
      this.signIn = {
        method: 'oidc',
        oidc: {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          scopes: env.OIDC_SCOPES,
          resource: env.OIDC_RESOURCE,
          redirectPath: OIDC_REDIRECT_PATH,
          postLogoutRedirectPath: OIDC_POST_LOGOUT_PATH,
        },
      };
    } else {
      // The picker signs with JWT_SECRET, so only where the server verifies exactly those tokens.
      this.signIn = { method: !this.isProduction && env.JWT_SECRET && !env.JWT_JWKS_URL ? 'dev' : 'none' };
    }
    this.toxicity = {
      modelUrl: env.TOXICITY_MODEL_URL,
      vocabUrl: env.TOXICITY_VOCAB_URL,
      // Production holds every post when the model is down; a demo screens on crisis and words alone.
      required: env.TOXICITY_REQUIRED ?? this.isProduction,
      backend: env.TFJS_BACKEND,
    };
    this.escalationWebhook = { url: env.ESCALATION_WEBHOOK_URL, secret: env.ESCALATION_WEBHOOK_SECRET };
    this.crisisResources = env.CRISIS_RESOURCES;
    this.smtp = { url: env.SMTP_URL, from: env.SMTP_FROM };
    this.programTimeZone = env.PROGRAM_TIME_ZONE;
    this.roster = { gapCheckSeconds: env.ROSTER_GAP_CHECK_SECONDS };
    this.escalationTimers = { ackSeconds: env.ESCALATION_ACK_SECONDS, sweepSeconds: env.TIMER_SWEEP_SECONDS };
    this.screening = {
      concurrency: env.SCREENING_CONCURRENCY,
      lockMs: env.SCREENING_LOCK_MS,
      sweepAfterMs: env.SCREENING_SWEEP_AFTER_MS,
      sweepEveryMs: env.SCREENING_SWEEP_EVERY_MS,
      toxicityTimeoutMs: env.TOXICITY_TIMEOUT_MS,
    };
    this.forumRateLimitMultiplier = env.FORUM_RATE_LIMIT_MULTIPLIER;
    this.moderation = {
      caseDueSeconds: env.CASE_DUE_SECONDS,
      claimLeaseSeconds: env.CASE_CLAIM_LEASE_SECONDS,
      reportAutoHideReporters: env.REPORT_AUTO_HIDE_REPORTERS,
    };
    this.shutdownGraceMs = env.SHUTDOWN_GRACE_SECONDS * 1_000;
    this.membership = { mode: env.MEMBERSHIP, retentionDaysRemoved: env.RETENTION_DAYS_REMOVED, retentionSweepSeconds: env.RETENTION_SWEEP_SECONDS };
  }

  static fromEnv(source: NodeJS.ProcessEnv = process.env): AppConfig {
    return new AppConfig(parseEnv(source));
  }
}
