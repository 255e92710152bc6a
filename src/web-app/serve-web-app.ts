import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from 'pino';
import { AppConfig, OIDC_REDIRECT_PATH } from '../config/app-config';

/** Paths the server answers itself: never the app's index.html, whatever the request accepts. */
const SERVER_PATHS = /^\/(?:graphql|health|auth|metrics)(?:\/|$)/;

/** Vite writes content-hashed file names here: a changed file is a new URL, so they are cached for a year. */
const HASHED_ASSETS = /^\/assets\//;

/** The repository root: the nearest folder above this file with a package.json, however dist/ is laid out. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Where `npm run build` puts the app: `dist/web` in the repository, unless WEB_APP_DIR says otherwise. */
export function webAppDir(config: AppConfig): string {
  return config.webAppDir ?? join(repositoryRoot(), 'dist', 'web');
}

/** The identity provider's origin, which the app's sign-in talks to (token and discovery requests). */
function identityProviderOrigin(config: AppConfig): string | null {
  if (!config.auth.issuer) return null;
  try {
    return new URL(config.auth.issuer).origin;
  } catch {
    return null;
  }
}

/**
 * The app's pages, in every environment: its own scripts and styles only (no inline script or
 * style, nothing from a CDN), API and subscriptions on this origin ('self' covers ws: and wss: to
 * it), and the identity provider when there is one. GraphiQL on GET /graphql is not an app page and
 * keeps the server-wide policy (none in development).
 *
 * With OIDC sign-in, the app renews a session without a refresh token in a hidden frame: the
 * provider's authorization endpoint with prompt=none, which ends on the app's own callback page.
 * So frames may show the provider and this origin, and the callback page alone (`forCallback`) may
 * be framed, by this origin only; every other page refuses any framing.
 */
export function webAppContentSecurityPolicy(config: AppConfig, { forCallback = false }: { forCallback?: boolean } = {}): string {
  const idp = identityProviderOrigin(config);
  const oidc = config.signIn.method === 'oidc';
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': idp ? ["'self'", idp] : ["'self'"],
    'form-action': idp ? ["'self'", idp] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    // Without OIDC there are no frames: default-src 'self' covers it.
    ...(oidc && idp ? { 'frame-src': ["'self'", idp] } : {}),
    'frame-ancestors': oidc && forCallback ? ["'self'"] : ["'none'"],
    'manifest-src': ["'self'"],
  };
  const policy = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`);
  // Only where the app is public over https: over plain http on 127.0.0.1 (development, tests, a
  // production run on one machine) an upgrade would send requests, and the sign-in frame's
  // redirect back, to an https that is not there.
  if (config.isProduction && new URL(config.publicBaseUrl).protocol === 'https:') policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

/** A browser navigation (or a HEAD for one): a GET that prefers HTML, outside the server's own paths and files. */
function isAppNavigation(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (SERVER_PATHS.test(req.path) || HASHED_ASSETS.test(req.path)) return false;
  // A path with a file extension is a file: a missing one is a 404, not the app.
  if (/\.[a-z0-9]+$/i.test(req.path)) return false;
  return req.accepts(['html', 'json']) === 'html';
}

/**
 * Serves the built web app at `/` from the same origin as the API: hashed assets cached long,
 * index.html never cached (so a deploy is picked up at the next navigation), and index.html for
 * every app route (SPA fallback). Without a build (server-only `tsc`, most e2e tests) the server
 * runs without the app and says so once.
 */
export function serveWebApp(app: INestApplication, config: AppConfig, logger: Logger): void {
  const dir = webAppDir(config);
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    logger.info({ dir }, 'web app not built (npm run build writes it): serving the API only');
    return;
  }
  const csp = webAppContentSecurityPolicy(config);
  const callbackCsp = webAppContentSecurityPolicy(config, { forCallback: true });
  // Read once: the file changes only with a deploy, which restarts the server.
  const indexHtml = readFileSync(indexFile);
  app.use(
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders: (res, filePath) => {
        res.setHeader('content-security-policy', csp);
        const hashed = filePath.startsWith(join(dir, 'assets'));
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isAppNavigation(req)) return next();
    res.setHeader('content-security-policy', req.path === OIDC_REDIRECT_PATH ? callbackCsp : csp);
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(indexHtml);
  });
}
