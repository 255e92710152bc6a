import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { Role } from '../../src/common/domain/role.enum';
import { connectAsSchemaOwner, testEnv } from '../helpers/test-app';
import { BROWSER_RUN_VAR, browserEnvironmentLabel, useRunEnvironment } from '../setup/test-env';
import { AppProcess, ROOT, startAppProcess } from '../utils/app-process';
import { createEnvironment, destroyEnvironment } from '../utils/environment';
import { signToken } from '../utils/factories';
import { DEMO_MEMBERS } from '../../src/dev-sign-in/demo-members';

/** Debian's chromium (scripts/ensure-chromium.sh installs it); never a downloaded browser build. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every journey runs at a small phone's width and a laptop's. */
export const WIDTHS = [375, 1280] as const;
export type Width = (typeof WIDTHS)[number];

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/** The web build the server serves (dist/web); built here when a test runs before any build did. */
function ensureWebBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'web', 'index.html'))) return;
  const result = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build:web failed');
}

/**
 * The real server and worker (`npm start`) on 127.0.0.1, on `port` when given, against a fresh
 * environment of its own (test/utils/environment.ts: a new migrated database, a new Redis
 * prefix): no test file sees what another left, whatever order they run in. runEnvironment()
 * names that environment in this test file from here on (direct SQL, queue jobs), and stop()
 * drops it once the server has exited; the run's teardown drops any a file left.
 */
export async function startServer(env: Record<string, string> = {}, options: { port?: number } = {}): Promise<AppProcess> {
  ensureWebBuilt();
  const environment = await createEnvironment({ label: browserEnvironmentLabel(process.env[BROWSER_RUN_VAR] ?? 'unnamed') });
  const drop = onlyOnce(() =>
    destroyEnvironment({ ...environment, keepDatabase: process.env.BS_TEST_KEEP_DATABASE === '1' }).catch((error: Error) =>
      console.warn(`could not drop the browser environment ${environment.databaseName}: ${error.message}`),
    ),
  );
  useRunEnvironment(environment);
  let server: AppProcess;
  try {
    const base = Object.fromEntries(Object.entries(testEnv(env)).filter((entry): entry is [string, string] => entry[1] !== undefined));
    server = await startAppProcess(base, options);
  } catch (error) {
    await drop();
    throw error;
  }
  const own: AppProcess = {
    ...server,
    async stop(signal, waitMs) {
      try {
        return await server.stop(signal, waitMs);
      } finally {
        await drop();
      }
    },
  };
  try {
    await giveDemoClientsTheirPseudonyms(own);
  } catch (error) {
    await own.stop().catch(() => undefined);
    throw error;
  }
  return own;
}

function onlyOnce(run: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= run());
}

/**
 * Clients are never shown by the token's name (a generated pseudonym until they choose one), so
 * the demo's clients choose their demo names first, as `npm run demo`'s seed has them do: the
 * journeys then read "Sky" and "River" as the demo does.
 */
async function giveDemoClientsTheirPseudonyms(server: AppProcess): Promise<void> {
  for (const member of DEMO_MEMBERS.filter((m) => m.role === Role.CLIENT)) {
    const token = await signToken(member.sub, member.role, { name: member.name, ...(member.cohort ? { cohort: member.cohort } : {}) });
    const res = await server.gql('mutation($name: String!) { setMyPseudonym(displayName: $name) { id } }', { name: member.name }, token);
    // A production server (the OpenID Connect journey) takes no development token, and has no demo sign-in either.
    if (res.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return;
    // MEMBERSHIP=invited: the demo clients are not members until an admin invites them (invitations.browser-spec.ts).
    if (res.errors?.[0]?.extensions?.reason === 'NOT_INVITED') return;
    if (res.errors?.length) throw new Error(`the demo client ${member.name} could not take their pseudonym: ${JSON.stringify(res.errors)}`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run "bash scripts/ensure-chromium.sh" (npm run test:browser does).`);
  // --no-sandbox: these machines run tests as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** What a staff journey's test file works against: the real server, a browser, and SQL beside them. */
export interface JourneyServer {
  server: AppProcess;
  browser: Browser;
  /** The web app's origin (the server's URL without /graphql), for openJourney. */
  base: string;
  /** The schema owner's connection to this file's database, to check what the journey stored. */
  db: Client;
  /** Closes the SQL connection and the browser, then stops the server (which drops its environment). */
  stop(): Promise<void>;
}

/**
 * startServer(env), a browser and a schema-owner SQL connection, for journeys that check the
 * database behind the pages. What was started is stopped again when a later step fails.
 */
export async function startJourneyServer(env: Record<string, string> = {}): Promise<JourneyServer> {
  const server = await startServer(env);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const db = await connectAsSchemaOwner();
    const opened = browser;
    return {
      server,
      browser: opened,
      base: server.url.replace(/\/graphql$/, ''),
      db,
      async stop() {
        await db.end();
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    throw error;
  }
}

export interface JourneyPage {
  page: Page;
  context: BrowserContext;
  /** Saves test-results/screenshots/<journey>-<width>-<nn>-<step>.png (full page). */
  shot(step: string): Promise<string>;
  /** axe-core on the page as it is now: the serious and critical violations (expected to be none). */
  axe(): Promise<AxeViolation[]>;
  /** Console errors and content-security-policy refusals seen so far (expected to be none). */
  problems(): string[];
  close(): Promise<void>;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A fresh browser context (no cookies, no storage) at one width, with screenshots, axe and a console watch. */
export async function openJourney(
  browser: Browser,
  baseUrl: string,
  journey: string,
  /** One of WIDTHS for journeys; an audit may use another (320 px: 1280 px at 400% zoom). */
  width: number,
  options: { reducedMotion?: boolean } = {},
): Promise<JourneyPage> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width, height: width < 600 ? 740 : 900 },
    deviceScaleFactor: 1,
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    hasTouch: width < 600,
    isMobile: false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  let step = 0;
  return {
    page,
    context,
    async shot(name) {
      step += 1;
      const file = join(SCREENSHOT_DIR, `${journey}-${width}-${String(step).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      return file;
    },
    async axe() {
      // Through the DevTools protocol, which the page's content security policy does not govern (a <script> would be refused).
      await page.evaluate(AXE_SOURCE);
      const results = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<Record<string, unknown>> }> } }).axe;
        const run = await axe.run(document, { resultTypes: ['violations'] });
        return run.violations.map((v) => ({
          id: String(v.id),
          impact: String(v.impact),
          help: String(v.help),
          nodes: (v.nodes as Array<{ target: unknown[] }>).map((n) => JSON.stringify(n.target)),
        }));
      });
      return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    },
    problems: () => [...problems],
    close: () => context.close(),
  };
}

/** A full-page screenshot of the step, and no serious or critical axe violations on it. */
export async function expectAccessible(journey: JourneyPage, step: string): Promise<void> {
  await journey.shot(step);
  expect(await journey.axe()).toEqual([]);
}

/** Follows the program console's navigation to the named section and waits for its heading. */
export async function openConsoleSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Program console' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A token for API calls the test makes beside the browser (a moderator's decision, say). */
export function tokenFor(sub: string, role: Role, name?: string): Promise<string> {
  return signToken(sub, role, name ? { name } : {});
}

/**
 * Signs in through the development sign-in page as the named demo member, and lands on `next`.
 * Sessions live in memory only, so a full page load (page.goto, reload) signs out: journeys move
 * by links after this, as a person does, or sign in again with the page to come back to.
 */
export async function signInAs(page: Page, displayName: string, next = '/'): Promise<void> {
  await page.goto(next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByRole('radio', { name: new RegExp(`^${displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}

/**
 * A staff page kept from the member signed in on `page` (a client, a peer on a clinician's page):
 * its address, followed in the app as a link would, reads "Page not found", and nothing links to
 * it. The server refuses the data anyway: expectForbidden.
 */
export async function expectNoStaffPage(page: Page, path: string, linkName: string): Promise<void> {
  // In the app, not page.goto: the session lives in memory and a full page load would sign out.
  await page.evaluate((to) => window.history.pushState(null, '', to), path);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  expect(await page.getByRole('link', { name: linkName }).count()).toBe(0);
}

/**
 * Expects focus to land on the element whose `property` is `expected`. Focus moved by an effect or
 * in the next frame lands a moment after the render that shows it, so this waits briefly first.
 */
export async function expectFocus(page: Page, property: 'id' | 'tagName' | 'textContent', expected: string): Promise<void> {
  const focused = (p: string) => (document.activeElement as unknown as Record<string, string | undefined> | null)?.[p] ?? '';
  await page
    .waitForFunction(([p, e]) => ((document.activeElement as unknown as Record<string, string | undefined> | null)?.[p] ?? '') === e, [property, expected], {
      timeout: 5_000,
    })
    .catch(() => undefined);
  expect(await page.evaluate(focused, property)).toBe(expected);
}

/** What the focused element shows: the yellow focus style, an outline or a ring; never nothing. */
export async function focusIsVisible(page: Page): Promise<{ what: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'body', visible: false };
    const style = getComputedStyle(el);
    const label = document.querySelector(`label[for="${el.id}"]`);
    const ring = label ? getComputedStyle(label, '::before').boxShadow : 'none';
    const visible =
      style.backgroundColor === 'rgb(255, 221, 0)' ||
      (style.outlineStyle !== 'none' && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineWidth !== '0px') ||
      (style.boxShadow !== 'none' && el.tagName !== 'A' && el.tagName !== 'BUTTON') ||
      ring !== 'none';
    return { what: `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}"`, visible };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's text matches, checking at every stop that focus is visible. */
export async function tabTo(page: Page, name: RegExp, options: { backwards?: boolean } = {}, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focus = await focusIsVisible(page);
    if (!focus.visible) throw new Error(`focus is not visible on ${focus.what}`);
    if (name.test(focus.what)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** The server refuses `query` to `token`'s member with FORBIDDEN, whatever the web app shows them. */
export async function expectForbidden(server: AppProcess, token: string, query: string): Promise<void> {
  const res = await server.gql(query, {}, token);
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
}

/** The demo members the journeys sign in as (src/dev-sign-in/demo-members.ts). */
export const SKY = { sub: 'demo-client-sky', role: Role.CLIENT, name: 'Sky' };
export const RIVER = { sub: 'demo-client-river', role: Role.CLIENT, name: 'River' };
export const SAM_ADMIN = { sub: 'demo-admin-sam', role: Role.ADMIN, name: 'Sam (program staff)' };

/** One GraphQL call beside the browser; throws on errors so a broken set-up fails loudly. */
export async function api<T>(server: AppProcess, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await server.gql<T>(query, variables, token);
  if (res.errors?.length || !res.data) throw new Error(`set-up call failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export async function spaceIdBySlug(server: AppProcess, token: string, slug: string): Promise<string> {
  const { spaces } = await api<{ spaces: Array<{ id: string; slug: string }> }>(server, token, '{ spaces { id slug } }');
  const found = spaces.find((s) => s.slug === slug);
  if (!found) throw new Error(`no space ${slug}`);
  return found.id;
}

/** Waits until screening has moved the post out of PENDING; its status then. */
export async function screened(server: AppProcess, token: string, postId: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { post } = await api<{ post: { status: string } | null }>(server, token, 'query($id: ID!) { post(id: $id) { status } }', { id: postId });
    if (post && post.status !== 'PENDING') return post.status;
    if (Date.now() > deadline) throw new Error(`post ${postId} was not screened within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A published thread by `token`'s member, with `replies` published replies from `repliers` in turn. */
export async function seedThread(
  server: AppProcess,
  spaceId: string,
  author: string,
  title: string,
  body: string,
  replies: Array<{ token: string; body: string }> = [],
): Promise<{ threadId: string; postIds: string[] }> {
  const { createThread } = await api<{ createThread: { id: string; firstPost: { id: string } } }>(
    server,
    author,
    'mutation($input: CreateThreadInput!) { createThread(input: $input) { id firstPost { id } } }',
    { input: { spaceId, title, body } },
  );
  if ((await screened(server, author, createThread.firstPost.id)) !== 'PUBLISHED') throw new Error('seed thread was not published');
  const postIds = [createThread.firstPost.id];
  for (const reply of replies) {
    const { createReply } = await api<{ createReply: { id: string } }>(
      server,
      reply.token,
      'mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }',
      { input: { threadId: createThread.id, body: reply.body } },
    );
    postIds.push(createReply.id);
  }
  for (const [index, id] of postIds.entries()) await screened(server, replies[index - 1]?.token ?? author, id);
  return { threadId: createThread.id, postIds };
}
