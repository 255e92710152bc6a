import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ROOT } from '../../scripts/bench/harness';
import { signDevToken } from '../../src/common/auth/dev-token';
import { Role } from '../../src/common/domain/role.enum';
import { AppProcess, startAppProcess } from '../helpers/app-process';
import { testEnv } from '../helpers/test-app';
import { TEST_JWT_SECRET } from '../setup/test-env';

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

/** The real server and worker (`npm start`) on 127.0.0.1 against the run's fresh database and Redis prefix; on `port` when given. */
export async function startServer(env: Record<string, string> = {}, options: { port?: number } = {}): Promise<AppProcess> {
  ensureWebBuilt();
  const base = Object.fromEntries(Object.entries(testEnv(env)).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return startAppProcess(base, options);
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run "bash scripts/ensure-chromium.sh" (npm run test:browser does).`);
  // --no-sandbox: these machines run tests as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
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
  width: Width,
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

/** A token for API calls the test makes beside the browser (a moderator's decision, say). */
export function tokenFor(sub: string, role: Role, name?: string): Promise<string> {
  return signDevToken(TEST_JWT_SECRET, { sub, role, name });
}

/** Signs in through the development sign-in page as the named demo member, by mouse or touch. */
export async function signInAs(page: Page, displayName: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('radio', { name: new RegExp(`^${displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Spaces' }).waitFor();
}
