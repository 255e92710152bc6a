import { Browser, Page } from 'playwright-core';
import { Role } from '../../src/common/domain/role.enum';
import { AppProcess } from '../utils/app-process';
import { uniqueSub } from '../utils/factories';
import {
  api,
  JourneyPage,
  launchBrowser,
  openJourney,
  RIVER,
  SAM_ADMIN,
  seedThread,
  signInAs,
  SKY,
  spaceIdBySlug,
  startServer,
  tokenFor,
} from './browser-harness';

/**
 * What axe cannot see, on the pages people use most: reflow at 320 px (1280 px at 400% zoom, WCAG
 * 1.4.10), text spacing (1.4.12), one h1, a main landmark, a working skip link and a title that
 * names the page, touch targets (2.5.8), a post's state read out when it changes (4.1.3), and no
 * motion for someone who asked for none (2.3.3). Every problem on a page is listed at once, so a
 * failure says everything that is wrong there, not only the first thing.
 */

/** 1280 CSS px at 400% zoom. */
const REFLOW_WIDTH = 320;
/** A word the admin makes "hold", so a post is held for a person without any crisis in it. */
const HELD_WORD = 'thunderstorm';
const CRISIS_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';
const SERVICE = 'Between Sessions';
const THREAD_TITLE = 'Grounding when the evening gets loud';
const HELD_TITLE = `The ${HELD_WORD} and me`;

/** WCAG 1.4.12's own overrides (the W3C text spacing bookmarklet), applied over the app's styles. */
const TEXT_SPACING_CSS = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

describe('accessibility beyond axe', () => {
  let server: AppProcess;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const started = Date.now();
    server = await startServer();
    base = server.url.replace(/\/graphql$/, '');
    browser = await launchBrowser();
    const admin = await tokenFor(SAM_ADMIN.sub, SAM_ADMIN.role, SAM_ADMIN.name);
    const sky = await tokenFor(SKY.sub, SKY.role, SKY.name);
    const river = await tokenFor(RIVER.sub, RIVER.role, RIVER.name);
    const robin = await tokenFor(uniqueSub('robin'), Role.CLIENT, 'Robin');
    const pat = await tokenFor('demo-peer-pat', Role.PEER_SPECIALIST, 'Pat (peer specialist)');
    const lee = await tokenFor('demo-clinician-lee', Role.CLINICIAN, 'Dr. Lee');
    await api(server, lee, '{ me { id } }');
    await api(server, admin, 'mutation($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { id } }', { input: { term: HELD_WORD, action: 'HOLD' } });
    const anxiety = await spaceIdBySlug(server, sky, 'anxiety');
    const { me } = await api<{ me: { id: string } }>(server, pat, '{ me { id } }');
    await api(server, admin, 'mutation($m: ID!, $s: ID!) { assignPeerSpecialist(memberId: $m, spaceId: $s) }', { m: me.id, s: anxiety });
    // A thread with replies to read, one of Sky's with a reply (a notification), a held post for the
    // peer's queue and a crisis post for the clinician's inbox.
    await seedThread(server, anxiety, river, THREAD_TITLE, '<p>Naming <strong>five things I can see</strong> helps me.</p>', [
      { token: robin, body: '<p>Same here. I also hold something cold.</p>' },
      { token: sky, body: '<p>I will try that tonight, thank you.</p>' },
    ]);
    await seedThread(server, anxiety, sky, 'My first week back', '<p>It went better than I feared.</p>', [
      { token: river, body: '<p>So glad to hear it.</p>' },
    ]);
    for (const [author, title, body] of [
      [robin, HELD_TITLE, `The ${HELD_WORD} kept me up.`],
      [await tokenFor(uniqueSub('ash'), Role.CLIENT, 'Ash'), 'Tonight', CRISIS_TEXT],
    ]) {
      await api(server, author, 'mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }', { input: { spaceId: anxiety, title, body } });
    }
    console.log(`a11y audit: server started and seeded in ${Date.now() - started} ms`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh context; on a failure, a screenshot and what the page showed beside the error. */
  async function inContext(name: string, run: (j: JourneyPage, page: Page) => Promise<void>, options: { reducedMotion?: boolean } = {}) {
    const j = await openJourney(browser, base, `a11y-${name}`, REFLOW_WIDTH, options);
    try {
      await run(j, j.page);
      expect(j.problems()).toEqual([]);
    } catch (error) {
      await j.shot('failure').catch(() => undefined);
      throw error;
    } finally {
      await j.close();
    }
  }

  /**
   * Every check on the page as it is now; the problems found, in words (expected: none). `name` is
   * what the page's h1 and title must say.
   */
  async function audit(j: JourneyPage, step: string, name: string, title = name): Promise<string[]> {
    const { page } = j;
    const problems: string[] = [];
    const structure = await page.evaluate(() => ({
      h1s: [...document.querySelectorAll('h1')].map((h) => (h.textContent ?? '').trim()),
      mains: document.querySelectorAll('main, [role="main"]').length,
      title: document.title,
    }));
    if (structure.h1s.length !== 1 || structure.h1s[0] !== name) problems.push(`h1: expected exactly one, "${name}"; found ${JSON.stringify(structure.h1s)}`);
    if (structure.mains !== 1) problems.push(`main landmarks: ${structure.mains}`);
    if (structure.title !== `${title} – ${SERVICE}`) problems.push(`title "${structure.title}" does not name the page "${title}"`);

    problems.push(...(await page.evaluate(findLayoutProblems)).map((p) => `at ${REFLOW_WIDTH} px: ${p}`));
    problems.push(...(await page.evaluate(findSmallTargets)).map((p) => `target under 24x24 px: ${p}`));
    await j.shot(step);

    await page.evaluate((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      (window as unknown as { textSpacing: CSSStyleSheet }).textSpacing = sheet;
    }, TEXT_SPACING_CSS);
    const spaced = await page.evaluate(() => getComputedStyle(document.querySelector('main p, main li, main h1') ?? document.body).letterSpacing);
    if (spaced === 'normal' || spaced === '0px') problems.push('the text spacing overrides did not apply (the check saw nothing)');
    problems.push(...(await page.evaluate(findLayoutProblems)).map((p) => `with text spacing: ${p}`));
    await j.shot(`${step}-spacing`);
    await page.evaluate(() => {
      const sheet = (window as unknown as { textSpacing: CSSStyleSheet }).textSpacing;
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    });

    problems.push(...(await checkSkipLink(page)));
    return problems;
  }

  it('should find each kind of problem on a page made to have them (the checks below can fail)', async () => {
    const context = await browser.newContext({ viewport: { width: REFLOW_WIDTH, height: 740 }, reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      await page.setContent(`
        <a href="#x">Home</a>
        <h1>One</h1><h1>Two</h1>
        <main>
          <div style="width: 600px">wide</div>
          <p style="height: 1.5em; overflow: hidden">three<br>lines<br>here</p>
          <button style="width: 20px; height: 20px; padding: 0">x</button>
          <p>A <a href="#y">link in a sentence</a> is exempt.</p>
          <div id="region" role="status"></div>
          <div style="transition: opacity 1s">fades</div>
          <div style="overflow-x: auto"><div style="width: 250px">a</div><div style="width: 400px">wide table</div></div>
          <div aria-hidden="true" style="width: 300px; overflow: hidden"><div style="width: 340px">a chart and its legend</div></div>
        </main>`);
      const layout = await page.evaluate(findLayoutProblems);
      expect(layout.some((p) => p.startsWith('the page scrolls sideways'))).toBe(true);
      expect(layout.some((p) => /^p ".*" cuts off its text/.test(p))).toBe(true);
      expect(layout.some((p) => p.endsWith('scrolls sideways in its own box, and a keyboard cannot reach it to scroll'))).toBe(true);
      expect(layout.some((p) => /^div "a chart and its legend" cuts off its text/.test(p))).toBe(true);
      expect(await page.evaluate(findSmallTargets)).toEqual(['button "x" 20x20']);
      expect(await checkSkipLink(page)).toEqual(['the first thing Tab reaches is "Home", not the skip link']);
      await page.evaluate(watchAnnouncements);
      await page.evaluate(() => {
        // Inserted with its text: not read. Changed in place: read.
        document.querySelector('main')?.insertAdjacentHTML('beforeend', '<div role="status">Inserted</div>');
      });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      await page.evaluate(() => (document.getElementById('region')!.textContent = 'Changed'));
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      expect(await page.evaluate(() => (window as unknown as { announced: string[] }).announced)).toEqual(['Changed']);
      expect((await page.evaluate(findMotion)).some((m) => m.startsWith('div. transitions for 1s'))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('should let a client use every main page at 320 px and with text spacing, each with one h1, a main, a skip link that works and its own title', async () => {
    await inContext('client', async (j, page) => {
      const found: Record<string, string[]> = {};
      await signInAs(page, 'Sky');
      await page.getByRole('heading', { level: 1, name: 'Spaces' }).waitFor();
      await page.getByRole('link', { name: 'Anxiety' }).waitFor();
      found.spaces = await audit(j, 'spaces', 'Spaces');

      await page.getByRole('link', { name: 'Anxiety' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anxiety' }).waitFor();
      await page.getByRole('link', { name: THREAD_TITLE }).waitFor();
      found.space = await audit(j, 'space', 'Anxiety');

      await page.getByRole('link', { name: THREAD_TITLE }).click();
      await page.getByRole('heading', { level: 1, name: THREAD_TITLE }).waitFor();
      await page.getByRole('article').nth(2).waitFor();
      found.thread = await audit(j, 'thread', THREAD_TITLE);

      await page.getByRole('link', { name: 'Back to Anxiety' }).click();
      await page.getByRole('link', { name: 'Start a new thread' }).click();
      await page.getByRole('heading', { level: 1, name: 'Start a new thread' }).waitFor();
      found.newThread = await audit(j, 'new-thread', 'Start a new thread');

      await page
        .getByRole('banner')
        .getByRole('link', { name: /^Notifications/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await page.getByRole('main').getByText(/River/).first().waitFor();
      found.notifications = await audit(j, 'notifications', 'Notifications');

      await page.getByRole('banner').getByRole('link', { name: 'Need help now?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Need help now?' }).waitFor();
      await page.getByRole('link', { name: 'Call 988' }).waitFor();
      found.help = await audit(j, 'help', 'Need help now?');

      // The resources screening sends after a post that needs them: the numbers must fit and be big enough to tap.
      await page.getByRole('link', { name: 'Between Sessions' }).click();
      await page.getByRole('link', { name: 'Depression' }).click();
      await page.getByRole('link', { name: 'Start a new thread' }).click();
      await page.getByLabel('Title').fill('Tonight is hard');
      await page.getByLabel('Your post').fill('I want to kill myself tonight. I cannot do this anymore.');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('region', { name: 'We are here with you' }).getByRole('link', { name: 'Call 988' }).waitFor({ timeout: 15_000 });
      found.supportNotice = await audit(j, 'support-notice', 'Tonight is hard');

      expect(found).toEqual({ spaces: [], space: [], thread: [], newThread: [], notifications: [], help: [], supportNotice: [] });
    });
  }, 40_000);

  it('should give the peer specialist and the clinician the same at 320 px: the moderation queue and the escalation inbox', async () => {
    const found: Record<string, string[]> = {};
    await inContext('peer', async (j, page) => {
      await signInAs(page, 'Pat');
      await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
      await page.getByRole('link', { name: new RegExp(HELD_TITLE) }).waitFor({ timeout: 15_000 });
      // The filters open, so their fields are checked too (closed, they are not shown at all).
      await page.getByText('Filter the queue').click();
      await page.getByLabel('Reason').waitFor();
      found.queue = await audit(j, 'queue', 'Moderation queue');

      await page.getByRole('link', { name: /Tonight$/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Tonight' }).waitFor();
      await page.getByRole('heading', { name: 'Crisis evidence' }).waitFor();
      found.case = await audit(j, 'case', 'Tonight', 'Case: Tonight');
    });
    await inContext('clinician', async (j, page) => {
      await signInAs(page, 'Dr. Lee');
      await page.getByRole('heading', { level: 1, name: 'Escalation inbox' }).waitFor();
      const open = page.getByRole('main').getByRole('link', { name: /Tonight$/ });
      await open.waitFor({ timeout: 15_000 });
      found.inbox = await audit(j, 'inbox', 'Escalation inbox');

      await open.click();
      const heading = page.getByRole('heading', { level: 1, name: /^Escalation for / });
      await heading.waitFor();
      const who = (await heading.innerText()).replace(/^Escalation for /, '');
      found.escalation = await audit(j, 'escalation', `Escalation for ${who}`, `Escalation: ${who}`);
    });
    expect(found).toEqual({ queue: [], case: [], inbox: [], escalation: [] });
  }, 40_000);

  it('should give the admin the same at 320 px: every section of the program console, and Insights', async () => {
    const found: Record<string, string[]> = {};
    await inContext('admin', async (j, page) => {
      await signInAs(page, 'Sam');
      await page.getByRole('heading', { level: 1, name: 'Program console' }).waitFor();
      found.console = await audit(j, 'console', 'Program console');

      // Each section with what it loads on screen (a table, a form), so the check sees the page as an admin does.
      const sections: Array<{ name: string; key: string; ready: () => Promise<void> }> = [
        { name: 'Assignments', key: 'assignments', ready: () => page.getByLabel('Assign Pat (peer specialist) to a space').waitFor() },
        { name: 'Watched words', key: 'watchedWords', ready: () => page.getByRole('cell', { name: HELD_WORD, exact: true }).waitFor() },
        { name: 'Audit log', key: 'audit', ready: () => page.getByTestId('audit-table').waitFor() },
        { name: 'Queue health', key: 'queues', ready: () => page.getByTestId('queue-table').waitFor() },
        { name: 'On-call roster', key: 'roster', ready: () => page.getByRole('heading', { name: 'Add a shift' }).waitFor() },
        { name: 'Spaces', key: 'spaces', ready: () => page.getByRole('main').getByText('Anxiety').first().waitFor() },
        { name: 'Members', key: 'members', ready: () => page.getByRole('main').getByText('Dr. Lee').first().waitFor() },
      ];
      for (const section of sections) {
        await page.getByRole('navigation', { name: 'Program console' }).getByRole('link', { name: section.name }).click();
        await page.getByRole('heading', { level: 1, name: section.name }).waitFor();
        await section.ready();
        found[section.key] = await audit(j, section.key, section.name, `${section.name}: program console`);
      }

      await page.getByRole('banner').getByRole('link', { name: 'Insights' }).click();
      await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
      await page.getByText('Active clients').waitFor({ timeout: 15_000 });
      await page.getByRole('heading', { name: 'Threads and replies' }).waitFor();
      found.insights = await audit(j, 'insights', 'Insights');
    });
    expect(found).toEqual({
      console: [],
      assignments: [],
      watchedWords: [],
      audit: [],
      queues: [],
      roster: [],
      spaces: [],
      members: [],
      insights: [],
    });
  }, 60_000);

  it('should read out a reply’s state when it changes: checking, then posted; checking, then held with its kind note; and deleted', async () => {
    await inContext('announce', async (j, page) => {
      await signInAs(page, 'Sky');
      await page.getByRole('link', { name: 'Anxiety' }).click();
      await page.getByRole('link', { name: THREAD_TITLE }).click();
      await page.getByRole('heading', { level: 1, name: THREAD_TITLE }).waitFor();
      await page.evaluate(watchAnnouncements);

      await page.getByLabel('Your reply').fill('A cold glass of water helps me too.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.getByRole('article').filter({ hasText: 'A cold glass of water' }).getByText('Posted', { exact: true }).waitFor();
      await j.shot('posted');
      // In order: that it is being checked (honest about the wait), then that it is posted.
      const firstReply = await page.evaluate(() => (window as unknown as { announced: string[] }).announced.splice(0));
      const checking = firstReply.findIndex((text) => /checked before others can see it|Checking your post/.test(text));
      // Said by the post's own region ("Posted"), or, when it was screened before the list showed it
      // (the region appeared with its text, which is not read), through the app's announcer.
      const posted = firstReply.findIndex((text) => /Posted|shared with the group now/.test(text));
      expect({ checking: checking >= 0, posted: posted >= 0, inOrder: checking < posted, heard: firstReply }).toEqual({
        checking: true,
        posted: true,
        inOrder: true,
        heard: firstReply,
      });

      await page.getByLabel('Your reply').fill(`The ${HELD_WORD} outside is loud tonight.`);
      await page.getByRole('button', { name: 'Send reply' }).click();
      const held = page.getByRole('article').filter({ hasText: `The ${HELD_WORD} outside` });
      await held.getByText('Held for a quick review: a peer specialist will look at it soon').waitFor();
      await j.shot('held');
      const heard = await page.evaluate(() => (window as unknown as { announced: string[] }).announced);
      // What a screen reader would have read: text that changed inside a live region already on the page.
      // Said in place with the kind note, or through the announcer, which points to the note.
      expect(heard.some((text) => /held for a quick review/i.test(text) && /You have not done anything wrong|a note for you/.test(text))).toBe(true);
      // The thread with the author's own posts' states on it, at 320 px and with text spacing.
      expect(await audit(j, 'thread-own-states', THREAD_TITLE)).toEqual([]);

      // Deleted: the page comes back with its heading focused, and what happened must come after it
      // in reading order (a status inserted with its text, or text before the heading, goes unheard).
      await held.getByRole('link', { name: /^Delete/ }).click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.getByText('Your post was deleted.').waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      const readOn = await page.evaluate(() => {
        const notice = [...document.querySelectorAll('main p')].find((p) => p.textContent === 'Your post was deleted.');
        const h1 = document.activeElement;
        return Boolean(notice && h1 && h1.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(readOn).toBe(true);
      await j.shot('deleted');
    });
  }, 30_000);

  it('should read out an edit’s state: saved and being checked, then posted again', async () => {
    await inContext('announce-edit', async (j, page) => {
      await signInAs(page, 'Sky');
      await page.getByRole('link', { name: 'Anxiety' }).click();
      await page.getByRole('link', { name: THREAD_TITLE }).click();
      await page.getByRole('heading', { level: 1, name: THREAD_TITLE }).waitFor();
      await page.getByLabel('Your reply').fill('Counting breaths helps me.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      const own = page.getByRole('article').filter({ hasText: 'Counting breaths' });
      await own.getByText('Posted', { exact: true }).waitFor();

      await own.getByRole('link', { name: /^Edit/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Edit your post' }).waitFor();
      await page.getByLabel('Your post').fill('Counting breaths slowly helps me.');
      await page.evaluate(watchAnnouncements);
      await page.getByRole('button', { name: 'Save changes' }).click();
      const edited = page.getByRole('article').filter({ hasText: 'Counting breaths slowly' });
      await edited.getByText('edited').waitFor();
      await page.waitForFunction(() => (window as unknown as { announced: string[] }).announced.some((text) => /Posted|shared with the group now/.test(text)));
      await j.shot('edit-posted');
      const heard = await page.evaluate(() => (window as unknown as { announced: string[] }).announced);
      const checking = heard.findIndex((text) => /checked before others can see them/.test(text));
      const posted = heard.findIndex((text) => /Posted|shared with the group now/.test(text));
      // The edit is news twice: it is being checked (nobody else sees it until then), then it is back.
      expect({ checking: checking >= 0, inOrder: checking < posted, heard }).toEqual({ checking: true, inOrder: true, heard });
    });
  }, 30_000);

  it('should read out a new thread’s state as a reply’s is: sent and being checked, then posted once; sent, then held with its kind note', async () => {
    await inContext('announce-thread', async (j, page) => {
      await signInAs(page, 'Sky');
      await page.getByRole('link', { name: 'Anxiety' }).click();
      const start = async (title: string, body: string) => {
        await page.getByRole('link', { name: 'Start a new thread' }).click();
        await page.getByRole('heading', { level: 1, name: 'Start a new thread' }).waitFor();
        await page.getByLabel('Title').fill(title);
        await page.getByLabel('Your post').fill(body);
        await page.evaluate(watchAnnouncements);
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
      };

      await start('Small wins this week', 'I went for a walk every morning.');
      await page.getByRole('article').getByText('Posted', { exact: true }).waitFor();
      await j.shot('thread-posted');
      // The thread's page is new, and so is its post's state region: what it says must still be heard, in order.
      const first = await page.evaluate(() => (window as unknown as { announced: string[] }).announced.splice(0));
      const checking = first.findIndex((text) => /checked before others can see it|Checking your post/.test(text));
      const isPosted = (text: string) => /Posted|shared with the group now/.test(text);
      const posted = first.findIndex(isPosted);
      expect({
        checking: checking >= 0,
        posted: posted >= 0,
        inOrder: checking < posted,
        postedOnce: first.filter(isPosted).length,
        heard: first,
      }).toEqual({
        checking: true,
        posted: true,
        inOrder: true,
        postedOnce: 1,
        heard: first,
      });

      await page.getByRole('link', { name: 'Back to Anxiety' }).click();
      await start('Loud nights', `The ${HELD_WORD} kept me awake again.`);
      await page.getByRole('article').getByText('Held for a quick review: a peer specialist will look at it soon').waitFor();
      await j.shot('thread-held');
      const second = await page.evaluate(() => (window as unknown as { announced: string[] }).announced);
      expect({
        checking: second.some((text) => /checked before others can see it|Checking your post/.test(text)),
        // Said in place with the kind note, or through the announcer, which points to the note.
        held: second.some((text) => /held for a quick review/i.test(text) && /You have not done anything wrong|a note for you/.test(text)),
        heard: second,
      }).toEqual({ checking: true, held: true, heard: second });
    });
  }, 40_000);

  it('should move nothing for longer than 0.01 s when reduced motion is asked for (and the check sees the motion when it is not)', async () => {
    const moving: Record<string, string[]> = {};
    for (const reducedMotion of [false, true]) {
      await inContext(
        reducedMotion ? 'motion-reduced' : 'motion',
        async (_j, page) => {
          await signInAs(page, 'Sky');
          await page.getByRole('link', { name: 'Anxiety' }).click();
          await page.getByRole('link', { name: THREAD_TITLE }).click();
          await page.getByRole('heading', { level: 1, name: THREAD_TITLE }).waitFor();
          // Hovered and focused, so a transition on either state would be running now.
          await page.getByRole('button', { name: 'Send reply' }).hover();
          await page.getByLabel('Your reply').focus();
          moving[reducedMotion ? 'reduced' : 'default'] = await page.evaluate(findMotion);
        },
        { reducedMotion },
      );
    }
    // The "being checked" pulse moves by default: proof the check can see motion at all.
    expect(moving.default.some((m) => m.includes('pulse'))).toBe(true);
    expect(moving.reduced).toEqual([]);
  }, 30_000);
});

/*
 * The functions below run in the page (page.evaluate): self-contained, no imports.
 */

/** Sideways scrolling, content past the viewport's edges, and text cut off by overflow: hidden. */
function findLayoutProblems(): string[] {
  const problems: string[] = [];
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  const hidden = (el: Element) => {
    // Not rendered for anyone: visually hidden text, a closed <details>' content. (Content hidden from
    // assistive technology only, a chart beside its table, is still seen: it must fit too.)
    if (el.closest('.visually-hidden, [hidden]') || !el.checkVisibility({ contentVisibilityAuto: true })) return true;
    const rect = el.getBoundingClientRect();
    return rect.width <= 1 || rect.height <= 1 || getComputedStyle(el).visibility === 'hidden';
  };
  const root = document.scrollingElement ?? document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} px wide in ${root.clientWidth})`);
  const width = root.clientWidth;
  for (const el of document.body.querySelectorAll('*')) {
    if (hidden(el)) continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    // Off to the left on purpose (the skip link until it is focused).
    if (rect.right <= 0) continue;
    // A scroll container of its own (a wide table) is reachable; what is inside it is not "off the page".
    const inScroller = (() => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    })();
    if (!inScroller && (rect.right > width + 1 || rect.left < -1) && el.children.length === 0)
      problems.push(`${describe(el)} is outside the viewport (${Math.round(rect.left)}–${Math.round(rect.right)} px)`);
    if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.tagName === 'SELECT') continue;
    // A box of its own that scrolls sideways (a wide table) must be reachable by keyboard to be scrolled.
    const scrolls = (o: string) => o === 'auto' || o === 'scroll';
    if (
      scrolls(style.overflowX) &&
      el.scrollWidth > el.clientWidth + 1 &&
      (el as HTMLElement).tabIndex < 0 &&
      !el.querySelector('a[href], button, input, select, textarea, [tabindex]')
    )
      problems.push(`${describe(el)} scrolls sideways in its own box, and a keyboard cannot reach it to scroll`);
    const clips = (o: string) => o === 'hidden' || o === 'clip';
    if (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
      problems.push(`${describe(el)} cuts off its text (${el.scrollHeight} px tall in ${el.clientHeight})`);
    if (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${describe(el)} cuts off its text (${el.scrollWidth} px wide in ${el.clientWidth})`);
  }
  return problems;
}

/** Buttons, links and fields smaller than 24x24 CSS px, except links inside a sentence (WCAG 2.5.8's inline exception). */
function findSmallTargets(): string[] {
  const small: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex="0"]',
  )) {
    const rect = el.getBoundingClientRect();
    if (
      (rect.width === 0 && rect.height === 0) ||
      rect.right <= 0 ||
      el.closest('.visually-hidden, [hidden]') ||
      !el.checkVisibility({ contentVisibilityAuto: true })
    )
      continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const own = (el.textContent ?? '').trim().length;
      if (block && (block.textContent ?? '').trim().length > own + 2) continue;
    }
    if (rect.width < 24 || rect.height < 24)
      small.push(
        `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}" ${Math.round(rect.width)}x${Math.round(rect.height)}`,
      );
  }
  return small;
}

/** The first thing Tab reaches is a skip link, visible when focused, and Enter on it moves focus into <main>. */
async function checkSkipLink(page: Page): Promise<string[]> {
  const first = await page.evaluate(() => {
    const focusable = [
      ...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select, textarea, [tabindex]'),
    ].filter((el) => el.tabIndex >= 0);
    const link = focusable[0];
    if (!link) return { text: '', href: '', shown: false };
    link.focus();
    const rect = link.getBoundingClientRect();
    const atCentre = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    return {
      text: (link.textContent ?? '').trim(),
      href: link.getAttribute('href') ?? '',
      shown: document.activeElement === link && rect.left >= 0 && rect.top >= 0 && rect.right <= innerWidth && Boolean(atCentre && link.contains(atCentre)),
    };
  });
  if (first.text !== 'Skip to main content') return [`the first thing Tab reaches is "${first.text}", not the skip link`];
  const problems: string[] = [];
  if (!first.shown) problems.push('the skip link is not visible when focused');
  await page.keyboard.press('Enter');
  const landed = await page.evaluate(() => {
    const main = document.querySelector('main');
    return Boolean(main && document.activeElement && main.contains(document.activeElement));
  });
  if (!landed) problems.push(`Enter on the skip link (${first.href}) did not move focus into main`);
  return problems;
}

/**
 * Records what a screen reader would announce: text that changes inside a live region (aria-live
 * polite or assertive, role status or alert) which was already on the page before the change. A
 * region inserted together with its text is usually not read, so that does not count.
 */
function watchAnnouncements(): void {
  const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
  const known = new WeakSet<Element>(document.querySelectorAll(live));
  const announced: string[] = [];
  (window as unknown as { announced: string[] }).announced = announced;
  new MutationObserver((mutations) => {
    const changed = new Set<Element>();
    for (const m of mutations) {
      const target = m.target instanceof Element ? m.target : m.target.parentElement;
      const region = target?.closest(live);
      if (region && known.has(region)) changed.add(region);
    }
    for (const region of changed) announced.push((region.textContent ?? '').trim());
    for (const region of document.querySelectorAll(live)) known.add(region);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** Running animations and transitions, and styles that would animate, longer than 0.01 s; the "being checked" pulse shown for the check. */
function findMotion(): string[] {
  const pulse = document.createElement('span');
  pulse.className = 'pulse';
  document.querySelector('main')?.append(pulse);
  const seconds = (value: string) => Math.max(...value.split(',').map((v) => (v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v)) || 0));
  const moving: string[] = [];
  for (const el of document.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    const what = `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')}`;
    if (style.animationName !== 'none' && seconds(style.animationDuration) > 0.01) moving.push(`${what} animates for ${style.animationDuration}`);
    if (style.transitionProperty !== 'none' && seconds(style.transitionDuration) > 0.01) moving.push(`${what} transitions for ${style.transitionDuration}`);
  }
  for (const animation of document.getAnimations()) {
    const timing = animation.effect?.getComputedTiming();
    const target = (animation.effect as KeyframeEffect | null)?.target;
    if (animation.playState === 'running' && Number(timing?.activeDuration ?? 0) > 10)
      moving.push(
        `running: ${target ? `${target.tagName.toLowerCase()}.${String(target.className)}` : 'an animation'} for ${String(timing?.activeDuration)} ms`,
      );
  }
  pulse.remove();
  return moving;
}
