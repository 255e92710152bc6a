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
  WIDTHS,
} from './browser-harness';

/** A word the admin makes "hold" for this run, so a post is held for a person without any crisis in it. */
const HELD_WORD = 'thunderstorm';

/** Journeys 2 (find a space, read a thread) and 3 (write: live real state, edit, delete, never lose a draft). */
describe('journeys 2 and 3: reading and writing', () => {
  let server: AppProcess;
  let browser: Browser;
  let baseUrl: string;
  let adminToken: string;
  let skyToken: string;
  let readThread: { threadId: string; title: string };
  /** Where the failure journeys reply, so the read journey's counts stay its own. */
  let replyThread: { threadId: string; title: string };
  const sendToPosted: number[] = [];

  beforeAll(async () => {
    server = await startServer();
    baseUrl = server.url.replace(/\/graphql$/, '');
    browser = await launchBrowser();
    adminToken = await tokenFor(SAM_ADMIN.sub, SAM_ADMIN.role, SAM_ADMIN.name);
    skyToken = await tokenFor(SKY.sub, SKY.role, SKY.name);
    const riverToken = await tokenFor(RIVER.sub, RIVER.role, RIVER.name);
    await api(server, adminToken, 'mutation($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { id } }', {
      input: { term: HELD_WORD, action: 'HOLD' },
    });
    // A thread other members wrote, long enough to page: 24 replies from three pseudonyms.
    const repliers = await Promise.all(['Robin', 'Kai', 'Ash'].map((name) => tokenFor(uniqueSub(name.toLowerCase()), Role.CLIENT, name)));
    const coping = await spaceIdBySlug(server, riverToken, 'coping-skills');
    const title = 'Box breathing before work';
    const replies = Array.from({ length: 24 }, (_, i) => ({
      token: repliers[i % 3],
      body: `<p>Reply ${i + 1}: counting to four helps me <strong>a lot</strong>.</p>`,
    }));
    const seeded = await seedThread(
      server,
      coping,
      riverToken,
      title,
      '<p>Tried the <strong>4-4-4-4 breathing</strong> from group.</p><ul><li>in</li><li>hold</li><li>out</li></ul>',
      replies,
    );
    readThread = { threadId: seeded.threadId, title };
    const general = await spaceIdBySlug(server, riverToken, 'general-check-in');
    const replyTitle = 'How was your weekend?';
    replyThread = {
      threadId: (await seedThread(server, general, riverToken, replyTitle, '<p>Mine was quiet. I read a book.</p>')).threadId,
      title: replyTitle,
    };
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (sendToPosted.length > 0) {
      const sorted = [...sendToPosted].sort((a, b) => a - b);
      console.log(`send -> "Posted" seen in the browser: ${sorted.map((ms) => `${ms} ms`).join(', ')} (median ${sorted[Math.floor(sorted.length / 2)]} ms)`);
    }
  });

  /** Runs one journey in a fresh context; any console error but the ones the journey causes on purpose fails it (a CSP refusal, say). */
  async function journey(name: string, width: (typeof WIDTHS)[number], run: (j: JourneyPage, page: Page) => Promise<void>, expectedConsole: RegExp[] = []) {
    const j = await openJourney(browser, baseUrl, name, width);
    try {
      await run(j, j.page);
      expect(j.problems().filter((p) => !expectedConsole.some((expected) => expected.test(p)))).toEqual([]);
    } catch (error) {
      // What the page showed when it went wrong, beside the steps' screenshots.
      await j.shot('failure').catch(() => undefined);
      const shown = await j.page
        .locator('main')
        .innerText()
        .catch(() => '(no main)');
      throw new Error(`${(error as Error).message}\n--- the page showed ---\n${shown.slice(0, 1500)}\n--- console ---\n${j.problems().join('\n')}`);
    } finally {
      await j.close();
    }
  }

  /** A step seen: screenshot and axe (0 serious or critical violations). */
  async function step(j: JourneyPage, name: string) {
    await j.shot(name);
    expect(await j.axe()).toEqual([]);
  }

  describe.each(WIDTHS)('at %i px', (width) => {
    it('journey 2: should find a space, see its threads newest first with reply counts and a New marker, and read a thread page by page', async () => {
      await journey('read', width, async (j, page) => {
        await signInAs(page, 'Sky');
        await page.getByRole('link', { name: 'Coping skills' }).click();
        await page.getByRole('heading', { level: 1, name: 'Coping skills' }).waitFor();
        const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: readThread.title }) });
        await item.getByText('24 replies').waitFor();
        await item.getByText('New', { exact: true }).waitFor();
        await step(j, 'space');

        await page.getByRole('link', { name: readThread.title }).click();
        await page.getByRole('heading', { level: 1, name: readThread.title }).waitFor();
        const posts = page.getByRole('article');
        await posts.first().getByText('River').waitFor();
        expect(await posts.count()).toBe(20);
        // Oldest first: the thread's opening post, then reply 1.
        await expect(posts.nth(1).textContent()).resolves.toMatch(/Reply 1:/);
        await step(j, 'thread');

        await page.getByRole('button', { name: 'Show more replies' }).click();
        await page.getByText('Reply 24:').waitFor();
        expect(await posts.count()).toBe(25);
        await step(j, 'thread-more');

        await page.getByRole('link', { name: 'Back to Coping skills' }).click();
        await item.getByText('24 replies').waitFor();
        expect(await item.getByText('New', { exact: true }).count()).toBe(0);
      });
    });

    it('journey 3: should start a thread and reply, showing "Checking your post…" then "Posted" live, then edit and delete the reply', async () => {
      await journey('write', width, async (j, page) => {
        await signInAs(page, 'Sky');
        await page.getByRole('link', { name: 'Anxiety' }).click();
        await page.getByRole('link', { name: 'Start a new thread' }).click();
        await page.getByRole('heading', { level: 1, name: 'Start a new thread' }).waitFor();

        // Nothing filled in: the error summary names both fields and links to them.
        await page.getByRole('button', { name: 'Send' }).click();
        const summary = page.getByRole('alert');
        await summary.getByRole('link', { name: 'Enter a title' }).waitFor();
        await summary.getByRole('link', { name: 'Write your post' }).waitFor();
        await step(j, 'new-thread-errors');
        await summary.getByRole('link', { name: 'Write your post' }).click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('thread-body');

        const title = `Racing thoughts at night (${width})`;
        await page.getByLabel('Title').fill(title);
        await page.getByLabel('Your post').fill('What helps you ');
        await page.getByRole('button', { name: 'Bold' }).click();
        await page.keyboard.type('slow down');
        await page.getByLabel('Your post').press('End');
        await page.keyboard.type(' when your mind races?');
        await step(j, 'new-thread-filled');
        const sent = Date.now();
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await page.getByText('Posted', { exact: true }).waitFor();
        sendToPosted.push(Date.now() - sent);
        await page.locator('.post__body strong', { hasText: 'slow down' }).waitFor();
        await step(j, 'thread-posted');

        // A reply with a list: sent, checked, posted, all on this page.
        await page.getByLabel('Your reply').fill('Things that help me:\n');
        await page.getByRole('button', { name: 'Bulleted list' }).click();
        await page.getByLabel('Your reply').press('End');
        await page.keyboard.type('a warm drink');
        const replySent = Date.now();
        await page.getByRole('button', { name: 'Send reply' }).click();
        const own = page.getByRole('article').filter({ hasText: 'a warm drink' });
        await own.getByText('Posted', { exact: true }).waitFor();
        sendToPosted.push(Date.now() - replySent);
        expect(await page.getByLabel('Your reply').inputValue()).toBe('');
        await own.locator('li', { hasText: 'a warm drink' }).waitFor();
        await step(j, 'reply-posted');

        await own.getByRole('link', { name: /^Edit/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Edit your post' }).waitFor();
        expect(await page.getByLabel('Your post').inputValue()).toBe('Things that help me:\n\n- a warm drink');
        await page.getByLabel('Your post').fill('Things that help me:\n\n- a warm drink\n- a short walk');
        await step(j, 'edit');
        await page.getByRole('button', { name: 'Save changes' }).click();
        const edited = page.getByRole('article').filter({ hasText: 'a short walk' });
        await edited.getByText('Posted', { exact: true }).waitFor();
        await edited.getByText('edited').waitFor();

        await edited.getByRole('link', { name: /^Delete/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Are you sure you want to delete your post?' }).waitFor();
        await step(j, 'delete-confirm');
        await page.getByRole('button', { name: 'Yes, delete it' }).click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await page.getByText('Your post was deleted.').waitFor();
        await page.getByRole('article').filter({ hasText: 'a short walk' }).waitFor({ state: 'detached' });
        await step(j, 'deleted');
      });
    });

    it('journey 3: should show a held post as held for a quick review with its kind note, and as posted the moment a peer specialist releases it', async () => {
      await journey('held', width, async (j, page) => {
        await signInAs(page, 'Sky');
        await page.getByRole('link', { name: 'General check-in' }).click();
        await page.getByRole('link', { name: 'Start a new thread' }).click();
        const title = `Loud night (${width})`;
        await page.getByLabel('Title').fill(title);
        await page.getByLabel('Your post').fill(`The ${HELD_WORD} kept me awake, but I am ok.`);
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByText('Held for a quick review: a peer specialist will look at it soon').waitFor();
        await page.getByText('You have not done anything wrong.').waitFor();
        await step(j, 'held');

        const threadId = page.url().split('/threads/')[1];
        const { thread } = await api<{ thread: { firstPost: { id: string } } }>(server, skyToken, 'query($id: ID!) { thread(id: $id) { firstPost { id } } }', {
          id: threadId,
        });
        const { moderationQueue } = await api<{ moderationQueue: { edges: Array<{ node: { id: string; postId: string } }> } }>(
          server,
          adminToken,
          '{ moderationQueue(first: 100) { edges { node { id postId } } } }',
        );
        const caseId = moderationQueue.edges.find((e) => e.node.postId === thread.firstPost.id)?.node.id;
        expect(caseId).toBeDefined();
        await api(server, adminToken, 'mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }', { input: { caseId, decision: 'APPROVE' } });
        // No reload: the decision arrives over the subscription.
        await page.getByText('Posted', { exact: true }).waitFor();
        await step(j, 'released');
      });
    });

    it('journey 3: should keep the draft and say what to do when sending fails (offline, then the service unavailable)', async () => {
      await journey(
        'send-fails',
        width,
        async (j, page) => {
          await signInAs(page, 'Sky', `/threads/${replyThread.threadId}`);
          await page.getByRole('heading', { level: 1, name: replyThread.title }).waitFor();
          const text = `Thank you, I will try this tonight (${width}).`;
          await page.getByLabel('Your reply').fill(text);

          await j.context.setOffline(true);
          await page.getByRole('button', { name: 'Send reply' }).click();
          await page
            .getByRole('alert')
            .getByText(/you seem to be offline/)
            .waitFor();
          expect(await page.getByLabel('Your reply').inputValue()).toBe(text);
          await step(j, 'offline');
          await j.context.setOffline(false);

          // The database briefly unreachable: the server's SERVICE_UNAVAILABLE with its retryAfter, once.
          let refused = false;
          await page.route('**/graphql', async (route) => {
            if (!refused && /CreateReply/.test(route.request().postData() ?? '')) {
              refused = true;
              await route.fulfill({
                status: 200,
                contentType: 'application/json',
                body: JSON.stringify({
                  data: null,
                  errors: [{ message: 'The service is briefly unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 } }],
                }),
              });
            } else await route.continue();
          });
          await page.getByRole('button', { name: 'Send reply' }).click();
          await page.getByRole('alert').getByText('We could not send your message just now. It is saved here. Try again in 5 seconds.').waitFor();
          expect(await page.getByLabel('Your reply').inputValue()).toBe(text);
          await step(j, 'unavailable');

          // A reload does not lose it either (this tab's sessionStorage), and sending again works.
          await page.reload();
          await signInAs(page, 'Sky', `/threads/${replyThread.threadId}`);
          await page.getByRole('heading', { level: 1, name: replyThread.title }).waitFor();
          expect(await page.getByLabel('Your reply').inputValue()).toBe(text);
          await page.getByRole('button', { name: 'Send reply' }).click();
          await page.getByRole('article').filter({ hasText: text }).getByText('Posted', { exact: true }).waitFor();
        },
        [/ERR_INTERNET_DISCONNECTED/],
      );
    });
  });

  it('journey 3: should open replies on a new thread once it is posted, even when the live update about it is lost', async () => {
    await journey('lost-update', 1280, async (j, page) => {
      // The socket passes through, except the updates themselves: the page must find out by reading again.
      await page.routeWebSocket(/\/graphql$/, (ws) => {
        const upstream = ws.connectToServer();
        upstream.onMessage((message) => {
          if (!String(message).includes('"type":"next"')) ws.send(message);
        });
      });
      // And the thread's first read answered as if screening had not finished yet (on a busy server it has not).
      let readEarly = false;
      await page.route('**/graphql', async (route) => {
        if (!readEarly || !(route.request().postData() ?? '').includes('query Thread(')) return route.fallback();
        readEarly = false;
        const response = await route.fetch();
        const answer = (await response.json()) as { data?: { thread?: { status: string } | null } };
        if (answer.data?.thread) answer.data.thread.status = 'PENDING';
        await route.fulfill({ response, json: answer });
      });
      await signInAs(page, 'Sky');
      await page.getByRole('link', { name: 'Anxiety' }).click();
      await page.getByRole('link', { name: 'Start a new thread' }).click();
      const title = 'A quiet evening';
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Your post').fill('I made tea and sat by the window.');
      readEarly = true;
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('article').getByText('Posted', { exact: true }).waitFor({ timeout: 15_000 });
      // Read while its post was still being checked, the thread said "not shared yet" and never changed.
      await page.getByLabel('Your reply').waitFor({ timeout: 10_000 });
      expect(await page.getByText('Replies open once the thread is shared with the group.').count()).toBe(0);
      await step(j, 'replies-open');
    });
  }, 60_000);

  it('journey 3: should say when posting is paused (RATE_LIMITED) and how long for, keeping the draft', async () => {
    const riverToken = await tokenFor(RIVER.sub, RIVER.role, RIVER.name);
    // River posts as many times as the limit allows, through the API.
    for (let i = 0; i < 30; i += 1) {
      const res = await server.gql(
        'mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }',
        { input: { threadId: replyThread.threadId, body: `Note ${i}` } },
        riverToken,
      );
      if (res.errors?.[0]?.extensions?.code === 'RATE_LIMITED') break;
    }
    await journey(
      'rate-limited',
      1280,
      async (j, page) => {
        await signInAs(page, 'River', `/threads/${replyThread.threadId}`);
        await page.getByLabel('Your reply').fill('One more thing I wanted to say.');
        await page.getByRole('button', { name: 'Send reply' }).click();
        await page
          .getByRole('alert')
          .getByText(/sending is paused for about \d+ minutes\. Your message is saved here/)
          .waitFor();
        expect(await page.getByLabel('Your reply').inputValue()).toBe('One more thing I wanted to say.');
        await step(j, 'paused');
      },
      [/status of 429|status of 200/],
    );
  });
});
