import { z } from 'zod';

const booleanFromString = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

/** `KEY=seconds,KEY=seconds` with exactly the given keys, e.g. `IMMINENT=300,HIGH=900,ELEVATED=14400`. */
const secondsByKey = <K extends string>(keys: readonly K[]) =>
  z.string().transform((value, ctx): Record<K, number> => {
    const parsed: Partial<Record<K, number>> = {};
    for (const part of value.split(',')) {
      const [key, seconds] = part.split('=').map((s) => s.trim());
      const n = Number(seconds);
      if (!(keys as readonly string[]).includes(key) || !Number.isFinite(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected ${keys.map((k) => `${k}=<seconds>`).join(',')}` });
        return z.NEVER;
      }
      parsed[key as K] = n;
    }
    const missing = keys.filter((k) => parsed[k] === undefined);
    if (missing.length) {
      ctx.addIssue({ code: 'custom', message: `missing ${missing.join(', ')}` });
      return z.NEVER;
    }
    return parsed as Record<K, number>;
  });

/** The only hosts where a production identity provider may speak plain http (a provider on the same machine, as in the tests). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isAbsoluteUriWithoutFragment(value: string): boolean {
  try {
    return !new URL(value).hash && !value.includes('#');
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );

/**
 * Every environment variable the server reads, validated once at boot. Secrets are marked so a
 * config dump never prints them. Keep `.env.example` in step with this schema.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
    DATABASE_MIGRATION_URL: url(['postgres:', 'postgresql:']).optional(),
    DATABASE_POOL_SIZE: positiveInt.default(10),
    DATABASE_PREPARED_STATEMENTS: booleanFromString.default(true),
    /** How long an API process may serve a thread page from its memory (0 = never); see src/forum/thread-page-cache.ts. */
    THREAD_PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
    THREAD_PAGE_CACHE_ENTRIES: positiveInt.default(2_000),
    /** Reactions a cached page holds for its viewers' own (above: held without them, each viewer's read per request). */
    THREAD_PAGE_CACHE_REACTIONS: z.coerce.number().int().min(0).default(2_000),
    PGLITE_DATA_DIR: z.string().min(1).default('./.data/pglite'),

    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:_-]+$/, 'letters, digits, ":", "_" or "-" only')
      .optional(),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_JWKS_URL: url(['https:', 'http:']).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),

    OIDC_ISSUER: url(['https:', 'http:']).optional(),
    OIDC_CLIENT_ID: z.string().min(1).max(255).optional(),
    OIDC_SCOPES: z
      .string()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'scope names separated by single spaces')
      .refine((value) => value.split(' ').includes('openid'), 'must include openid')
      .default('openid offline_access'),
    OIDC_RESOURCE: z
      .string()
      .refine(isAbsoluteUriWithoutFragment, 'must be an absolute URI without a fragment (RFC 8707), e.g. https://forum.example.org/graphql')
      .optional(),

    TOXICITY_MODEL_URL: z.string().min(1).optional(),
    TOXICITY_VOCAB_URL: z.string().min(1).optional(),
    TOXICITY_REQUIRED: booleanFromString.optional(),
    TFJS_BACKEND: z.enum(['auto', 'node', 'wasm', 'cpu']).default('auto'),

    ESCALATION_WEBHOOK_URL: url(['https:', 'http:']).optional(),
    ESCALATION_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    CRISIS_RESOURCES: z.string().min(1).optional(),
    // Email paging: smtp://user:pass@host:port (smtps:// for implicit TLS). Unset: no email pages.
    SMTP_URL: url(['smtp:', 'smtps:']).optional(),
    SMTP_FROM: z.string().min(3).default('Between Sessions <no-reply@localhost>'),
    /** Shift times and page deadlines are stored in UTC and shown in this IANA zone. */
    PROGRAM_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. America/New_York').default('UTC'),
    ESCALATION_ACK_SECONDS: secondsByKey(['IMMINENT', 'HIGH', 'ELEVATED'] as const).default({ IMMINENT: 300, HIGH: 900, ELEVATED: 14_400 }),
    CASE_DUE_SECONDS: secondsByKey(['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const).default({ URGENT: 300, HIGH: 1_800, NORMAL: 14_400, LOW: 86_400 }),
    CASE_CLAIM_LEASE_SECONDS: positiveInt.default(900),
    REPORT_AUTO_HIDE_REPORTERS: positiveInt.default(3),
    FORUM_RATE_LIMIT_MULTIPLIER: positiveInt.default(1),
    TIMER_SWEEP_SECONDS: positiveInt.default(30),
    ROSTER_GAP_CHECK_SECONDS: positiveInt.default(900),
    SHUTDOWN_GRACE_SECONDS: positiveInt.default(20),
    SCREENING_CONCURRENCY: positiveInt.default(24),
    SCREENING_LOCK_MS: positiveInt.default(30_000),
    SCREENING_SWEEP_AFTER_MS: positiveInt.default(30_000),
    SCREENING_SWEEP_EVERY_MS: positiveInt.default(10_000),
    TOXICITY_TIMEOUT_MS: positiveInt.default(5_000),
    PUBLIC_BASE_URL: url(['https:', 'http:']).default('http://127.0.0.1:3000'),
    WEB_APP_DIR: z.string().min(1).optional(),
    MEMBERSHIP: z.enum(['open', 'invited']).default('open'),
    RETENTION_DAYS_REMOVED: positiveInt.default(365),
    RETENTION_SWEEP_SECONDS: positiveInt.default(3_600),
  })
  .superRefine((env, ctx) => {
    if (!env.JWT_SECRET && !env.JWT_JWKS_URL && !env.OIDC_ISSUER) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'set JWT_SECRET (development) or OIDC_ISSUER / JWT_JWKS_URL (production)' });
    }
    if (env.JWT_JWKS_URL && !env.OIDC_ISSUER && (!env.JWT_ISSUER || !env.JWT_AUDIENCE)) {
      ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'JWT_ISSUER and JWT_AUDIENCE are required with JWT_JWKS_URL' });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_JWKS_URL && !env.OIDC_ISSUER) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_JWKS_URL'],
        message: 'production verifies tokens against the identity provider: set OIDC_ISSUER (its JWKS is discovered) or JWT_JWKS_URL',
      });
    }
    checkOidc(env, ctx);
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'production needs a real PostgreSQL: set DATABASE_URL' });
    }
    if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: "required with DATABASE_MIGRATION_URL (the app's own role; the embedded database needs neither)",
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (metrics are never served on the public port)' });
    }
    if (env.ESCALATION_WEBHOOK_URL && !env.ESCALATION_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ESCALATION_WEBHOOK_SECRET'], message: 'required with ESCALATION_WEBHOOK_URL (payloads are signed)' });
    }
    if (Boolean(env.TOXICITY_MODEL_URL) !== Boolean(env.TOXICITY_VOCAB_URL)) {
      ctx.addIssue({ code: 'custom', path: ['TOXICITY_VOCAB_URL'], message: 'set TOXICITY_MODEL_URL and TOXICITY_VOCAB_URL together' });
    }
  });

/**
 * Sign-in through the identity provider: the web app needs the provider and its client id; the API
 * then verifies the provider's access tokens (JWKS discovered from the issuer unless JWT_JWKS_URL
 * names it) from exactly this issuer, for this API's audience.
 */
function checkOidc(
  env: { NODE_ENV: string; OIDC_ISSUER?: string; OIDC_CLIENT_ID?: string; OIDC_RESOURCE?: string; JWT_ISSUER?: string; JWT_AUDIENCE?: string },
  ctx: z.RefinementCtx,
): void {
  if (!env.OIDC_ISSUER) {
    for (const key of ['OIDC_CLIENT_ID', 'OIDC_RESOURCE'] as const) {
      if (env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'has no effect without OIDC_ISSUER' });
    }
    return;
  }
  const issuer = new URL(env.OIDC_ISSUER);
  if (!env.OIDC_CLIENT_ID) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: "required with OIDC_ISSUER (the web app's public client id at the provider)" });
  }
  if (issuer.search || issuer.hash) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be the issuer identifier exactly, without query or fragment' });
  }
  if (env.NODE_ENV === 'production' && issuer.protocol !== 'https:' && !LOOPBACK_HOSTS.has(issuer.hostname)) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be https in production (plain http only on a loopback address)' });
  }
  if (env.JWT_ISSUER && env.JWT_ISSUER !== env.OIDC_ISSUER) {
    ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'must equal OIDC_ISSUER (or be left unset: it defaults to OIDC_ISSUER)' });
  }
  if (!env.JWT_AUDIENCE && !env.OIDC_RESOURCE) {
    ctx.addIssue({
      code: 'custom',
      path: ['JWT_AUDIENCE'],
      message: "required with OIDC_ISSUER: the audience (aud) the provider puts in this API's access tokens (defaults to OIDC_RESOURCE when that is set)",
    });
  }
}

export type RawEnv = z.output<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Parses the environment; throws one error naming every wrong or missing variable. */
export function parseEnv(source: NodeJS.ProcessEnv): RawEnv {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(blankAsUnset);
  if (!result.success) {
    throw new InvalidEnvironmentError(result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  return result.data;
}
