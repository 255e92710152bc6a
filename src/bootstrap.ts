import { DynamicModule, INestApplication, INestApplicationContext, ShutdownSignal } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import pinoHttp from 'pino-http';
import { Logger } from 'pino';
import { AppModule, ProcessRole } from './app.module';
import { AppConfig } from './config/app-config';
import { openDatabase } from './database/database-connection';
import { answerClusterMetricRequests } from './health/cluster-metrics';
import { HttpDrain } from './health/http-drain';
import { startMetricsServer } from './health/metrics-server';
import { createRootLogger, PinoNestLogger } from './logging/logger';
import { serveWebApp } from './web-app/serve-web-app';

/** Largest request body: a 20,000-character post, HTML-escaped and JSON-encoded, fits well within it. */
const MAX_BODY_BYTES = 512 * 1024;

/** Loopback only, as the API has always listened; the metrics port listens beside it. */
const HOST = '127.0.0.1';

export interface RunningApp {
  app: INestApplication | INestApplicationContext;
  /** The GraphQL endpoint, when this process serves HTTP. */
  graphqlUrl?: string;
  port?: number;
  /** Where `/metrics` is served, when METRICS_PORT is set. */
  metricsPort?: number;
  close(): Promise<void>;
}

/** Half of a surrogate pair without its other half: not a character, and nothing UTF-8 can encode. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Every string of a body with its lone surrogates replaced by U+FFFD, as a text column would
 * store them anyway: PostgreSQL refuses them in jsonb ("\ud800" from JSON.stringify), where
 * notes and filters are copied into audit details and escalation evidence, and answered 500.
 */
function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' && LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATES, '\uFFFD') : value;
}

/**
 * Parses JSON bodies and answers oversize or malformed ones in the GraphQL error shape, so no
 * request ever gets Express's HTML error page (which would carry a stack trace).
 */
function jsonBodyOrGraphqlError(): (req: Request, res: Response, next: NextFunction) => void {
  const parse = express.json({ limit: MAX_BODY_BYTES, reviver: wellFormedStrings });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status ?? 400;
      const message = status === 413 ? `The request is too large (more than ${MAX_BODY_BYTES} bytes).` : 'The request body is not valid JSON.';
      res.status(status === 413 ? 413 : 400).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
    });
  };
}

/** Where the browser may connect from a page: the identity provider too, for the web app's OIDC token exchange. */
function connectSources(issuer: string | undefined): string[] {
  if (!issuer) return ["'self'"];
  try {
    return ["'self'", new URL(issuer).origin];
  } catch {
    return ["'self'"];
  }
}

/**
 * Response headers from helmet (nosniff, no x-powered-by, framing and referrer policies, HSTS).
 * The content security policy is set deliberately: production gets helmet's defaults (scripts,
 * styles and images from this origin only, which is what the web app at `/` ships) except that
 * pages may also connect to the identity provider, which the default `default-src 'self'` would
 * refuse. Development sends none: GraphiQL on GET /graphql loads its scripts from a CDN and starts
 * with an inline script, both of which the defaults forbid.
 */
function securityHeaders(config: AppConfig): RequestHandler {
  return helmet({
    contentSecurityPolicy: config.isProduction ? { directives: { connectSrc: connectSources(config.auth.issuer) } } : false,
  });
}

/**
 * Starts the application in the given role. The database is opened and migrated before Nest
 * builds anything, so a missing database stops boot with one clear line.
 */
export async function startApp(role: ProcessRole, config: AppConfig, logger: Logger = createRootLogger(config.logLevel)): Promise<RunningApp> {
  const { dataSource, embedded } = await openDatabase(config, logger);
  const module = AppModule.forRoot({ role, config, dataSource, embedded, logger });
  const nestLogger = new PinoNestLogger(logger);
  try {
    return await startNest(role, config, logger, module, nestLogger);
  } catch (error) {
    // Nothing may outlive a failed start: an open pool or embedded server keeps the process alive.
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

async function startNest(role: ProcessRole, config: AppConfig, logger: Logger, module: DynamicModule, nestLogger: PinoNestLogger): Promise<RunningApp> {
  if (role === 'worker') {
    const app = await NestFactory.createApplicationContext(module, { logger: nestLogger });
    app.enableShutdownHooks();
    return { app, close: boundedClose(app, config.shutdownGraceMs, logger) };
  }

  const app = await NestFactory.create(module, { logger: nestLogger, bodyParser: false });
  try {
    return await serveHttp(app, config, logger);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

async function serveHttp(app: INestApplication, config: AppConfig, logger: Logger): Promise<RunningApp> {
  // No ETag on answers built per request (GraphQL POSTs, the never-cached index.html): nothing
  // revalidates them, and hashing every body was ~1% of a thread read's CPU. Static files keep
  // the one express.static sets.
  (app.getHttpAdapter().getInstance() as Express).set('etag', false);
  app.use(securityHeaders(config));
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const header = req.headers['x-request-id'];
        const id = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // Method, path, status and timing only: bodies and headers can carry post text or tokens.
      serializers: {
        // The path without its query string: a GraphQL GET carries its query and variables there (a screening preview's sample, say).
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health/live' },
    }),
  );
  const drain = app.get(HttpDrain);
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Shutting down: the client's next request goes to a new connection (another process).
    if (drain.draining) {
      res.setHeader('connection', 'close');
      // A load balancer probing over a kept-alive connection learns at once to send nothing more here.
      if (req.path === '/health/ready') {
        res.status(503).json({ status: 'draining' });
        return;
      }
    }
    next();
  });
  app.use(jsonBodyOrGraphqlError());
  serveWebApp(app, config, logger);
  app.enableShutdownHooks();
  await app.listen(config.port, HOST);
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  // In a cluster (--processes N) the primary serves METRICS_PORT, summed over the processes.
  if (cluster.isWorker && config.metricsPort !== undefined) answerClusterMetricRequests();
  const metrics = config.metricsPort === undefined || cluster.isWorker ? null : await startMetricsServer(config.metricsPort, HOST);
  const closeApp = boundedClose(app, config.shutdownGraceMs, logger);
  const close = async () => {
    await metrics?.close();
    await closeApp();
  };
  return { app, port, metricsPort: metrics?.port, graphqlUrl: `http://127.0.0.1:${port}/graphql`, close };
}

/**
 * `app.close()` within `graceMs` (SHUTDOWN_GRACE_SECONDS), once however often it is called: a
 * request, job or timer waiting on a query that never returns (behind a transaction nothing ends)
 * holds up every shutdown hook after it, and must not keep the process alive. Signals go through
 * Nest's handler (`enableShutdownHooks`), which waits for the hooks and ignores any further signal
 * meanwhile, so a stuck hook would leave only SIGKILL: after a signal, the process exits 1 once
 * the grace period is over.
 */
function boundedClose(app: INestApplicationContext, graceMs: number, logger: Logger): () => Promise<void> {
  const signals = Object.values(ShutdownSignal);
  const exitIfStillClosing = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      logger.error({ signal, graceMs }, 'shutdown did not finish in time; exiting without waiting any longer');
      process.exit(1);
    }, graceMs).unref();
  };
  for (const signal of signals) process.once(signal, exitIfStillClosing);
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      for (const signal of signals) process.removeListener(signal, exitIfStillClosing);
      const timer = setTimeout(() => reject(new Error(`shutdown did not finish within ${graceMs / 1000} s`)), graceMs);
      timer.unref();
      app
        .close()
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    }));
}
