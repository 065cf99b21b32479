import AxeBuilder from '@axe-core/playwright';
import { SESSION_COOKIE } from '@cpc/auth';
import { createConsoleClient } from '@cpc/client';
import { startService, type RunningService } from '@cpc/runtime';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { queryService, startGroupsAtEnd, testConfig, waitFor } from '../../../../test/support';
import { conferenceStory, EventPublisher } from '../../test/console-harness';
import { ConsoleConfig } from '../console.config';
import { consoleService } from '../console.definition';

// Issue 14 "Tests": the console in a real browser (Debian's Chromium through playwright-core), signed in
// through the local OpenID Connect provider's own forms, with axe-core (WCAG 2.2 AA tags) on every page.
const REPO = join(__dirname, '..', '..', '..', '..');
// The README's screenshots are taken by this test; a run writes them to .local/screenshots, and to
// docs/screenshots (the committed ones) only when asked: UPDATE_SCREENSHOTS=1.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs', 'screenshots') : join(REPO, '.local', 'screenshots');
const PASSWORD = 'local-only-password';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const REFRESH_SECONDS = 2;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** deploy/local/oidc/run-local-identity.mjs as `npm start` runs it, on a free port, sending users back to this console. */
async function startProvider(consoleUrl: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(REPO, 'deploy', 'local', 'oidc', 'run-local-identity.mjs')], {
    env: {
      ...process.env,
      OIDC_PORT: '0',
      CPC_CACHE_DIR: mkdtempSync(join(tmpdir(), 'cpc-oidc-')),
      OIDC_CONSOLE_REDIRECT_URIS: `${consoleUrl}/auth/callback`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local identity provider exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { issuer?: string };
      if (message.issuer) resolve(message.issuer);
    });
  });
  return { issuer, child };
}

/**
 * axe runs scripts in the page, which a context without JavaScript refuses: there the same URL is opened,
 * with the same cookies, in a context whose page scripts (every script file) are blocked, and checked there.
 */
async function axePage(page: Page): Promise<Page> {
  if (!noScript.has(page.context())) return page;
  const state = await page.context().storageState();
  const checker = await page
    .context()
    .browser()!
    .newContext({ storageState: state, viewport: { width: 1280, height: 900 } });
  await checker.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
  const copy = await checker.newPage();
  await copy.goto(page.url());
  checkers.push(checker);
  return copy;
}
const noScript = new WeakSet<BrowserContext>();
const checkers: BrowserContext[] = [];

/** axe-core with the WCAG 2.2 AA tags; the violations named with their elements, so a failure says what to fix. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page: await axePage(page) }).withTags(WCAG).analyze();
  const violations = results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect({ url: page.url(), violations }).toEqual({ url: page.url(), violations: [] });
}

describe('console in a browser (Chromium, the local identity provider, axe)', () => {
  let publisher: EventPublisher;
  let service: RunningService;
  let provider: { issuer: string; child: ChildProcess };
  let browser: Browser;
  let consoleUrl: string;
  let a: ReturnType<typeof conferenceStory>;
  let review: ReturnType<typeof conferenceStory>;
  let elsewhere: ReturnType<typeof conferenceStory>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    consoleUrl = `http://127.0.0.1:${port}`;
    provider = await startProvider(consoleUrl);
    const groupId = `cpc-console-browser-${randomUUID().slice(0, 8)}`;
    await startGroupsAtEnd([groupId]);
    service = await startService(
      consoleService(
        testConfig(ConsoleConfig, {
          KAFKA_GROUP_ID: groupId,
          PORT: String(port),
          CONSOLE_BASE_URL: consoleUrl,
          AUTH_ISSUER: provider.issuer,
          TODAY_REFRESH_SECONDS: String(REFRESH_SECONDS),
        }),
      ),
    );
    publisher = await new EventPublisher().start();
    a = conferenceStory(publisher, 'LBHF', { chair: 'Chris Chair' });
    review = conferenceStory(publisher, 'LBHF', { chair: 'Robin Reviewer', kind: 'RCPC' });
    elsewhere = conferenceStory(publisher, 'ELSEWHERE', { chair: 'Olive Other' });
    await publisher.send(...a.events, ...review.events, ...elsewhere.events);
    await waitFor(async () => {
      const rows = await queryService('console', `SELECT count(*)::int AS n FROM console_notifications WHERE conference_id = ANY($1)`, [
        [a.conferenceId, review.conferenceId, elsewhere.conferenceId],
      ]);
      return rows[0].n === 3;
    }, 30000);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 90000);

  afterAll(async () => {
    for (const context of [...contexts, ...checkers]) await context.close().catch(() => undefined);
    await browser?.close();
    await service?.close();
    await publisher?.stop();
    provider?.child.kill('SIGTERM');
  }, 30000);

  async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(20000);
    if (options.javaScriptEnabled === false) noScript.add(context);
    contexts.push(context);
    return context.newPage();
  }

  /** The provider's login and consent forms, as a person fills them; ends back on the console page asked for. */
  async function signIn(page: Page, username: string, path = '/today'): Promise<void> {
    await page.goto(`${consoleUrl}${path}`);
    expect(page.url()).toMatch(new RegExp(`^${provider.issuer}/interaction/`));
    await expectAccessible(page);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.toString().startsWith(consoleUrl) || /\/interaction\//.test(url.pathname));
    if (page.url().startsWith(provider.issuer)) {
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.waitForURL((url) => url.toString().startsWith(`${consoleUrl}${path}`));
    await expect(page.locator('[data-signed-in]').getAttribute('data-signed-in')).resolves.toBe(username);
  }

  /** A new breached deadline for a conference, as scheduling publishes it. */
  function breach(story: ReturnType<typeof conferenceStory>, localAuthority: string, rule: string, description: string) {
    const deadlineId = randomUUID();
    const dueAt = new Date(Date.now() - 60_000).toISOString();
    const data = {
      conferenceId: story.conferenceId,
      deadlineId,
      kind: rule,
      description,
      dueAt,
      version: 1,
      conferenceStart: story.start.toISOString(),
      responsible: ['CHAIR'],
    };
    return {
      deadlineId,
      events: [
        publisher.envelope(
          'DeadlineScheduled',
          story.conferenceId,
          localAuthority,
          { ...data, status: 'PENDING' },
          new Date(Date.now() - 1000),
        ),
        publisher.envelope('DeadlineBreached', story.conferenceId, localAuthority, {
          ...data,
          status: 'BREACHED',
          breachedAt: new Date().toISOString(),
          alert: ['CHAIR'],
        }),
      ],
    };
  }

  it('with JavaScript: a clerk of LBHF signs in, sees Today, a conference, a filter and Deliveries, and a breach appears without a reload', async () => {
    const page = await newContext();
    await signIn(page, 'clerk.lbhf');

    // Today: LBHF's rows, none of ELSEWHERE's.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Today in LBHF');
    const breached = page.locator('table[data-list="breached"]');
    expect(await breached.locator(`tr[data-deadline="${a.deadlines.overdue}"]`).count()).toBe(1);
    expect(await breached.locator(`tr[data-deadline="${review.deadlines.overdue}"]`).count()).toBe(1);
    expect(await page.locator(`table[data-list="next24h"] tr[data-deadline="${a.deadlines.police}"]`).count()).toBe(1);
    expect(await page.locator(`a[href="/conferences/${a.conferenceId}"]`).count()).toBeGreaterThan(0);
    const html = await page.content();
    expect(html).not.toContain(elsewhere.conferenceId);
    expect(html).not.toContain('Olive');
    await expectAccessible(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'today.png'), fullPage: true });

    // A DeadlineBreached published while Today is open appears without a reload.
    const live = breach(a, 'LBHF', 'R-PREP-4', 'Live breach seen without a reload');
    const marker = await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same-document'));
    await publisher.send(...live.events);
    await page.locator(`table[data-list="breached"] tr[data-deadline="${live.deadlineId}"]`).waitFor({ timeout: 30000 });
    await expect(page.evaluate(() => (window as unknown as { marker?: string }).marker)).resolves.toBe(marker);
    await expect(page.locator('table[data-list="breached"]').textContent()).resolves.toContain('Live breach seen without a reload');
    await expectAccessible(page);

    // A conference link from Today to its page, with the whole timeline.
    await page
      .locator(`table[data-list="breached"] tr[data-deadline="${a.deadlines.overdue}"] a[href="/conferences/${a.conferenceId}"]`)
      .click();
    await page.waitForURL(`${consoleUrl}/conferences/${a.conferenceId}`);
    const timeline = page.locator('.moj-timeline');
    await expect(timeline.count()).resolves.toBe(1);
    const timelineText = await timeline.textContent();
    expect(timelineText).toContain('Deadline breached: R-PREP-1');
    expect(timelineText).toContain('Plan circulated, not to everyone');
    expect(await page.content()).toContain('p***@f***.example');
    expect(await page.content()).not.toContain('pat.stone@');
    await expectAccessible(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'conference.png'), fullPage: true });

    // The filter is a GET form: RCPC only.
    await page.getByRole('link', { name: 'Today' }).first().click();
    await page.waitForURL(`${consoleUrl}/today`);
    await page.getByLabel('Kind').selectOption('RCPC');
    await page.getByRole('button', { name: 'Show deadlines' }).click();
    await page.waitForURL(/\/today\?.*kind=RCPC/);
    expect(await page.locator(`tr[data-deadline="${review.deadlines.overdue}"]`).count()).toBe(1);
    expect(await page.locator(`tr[data-deadline="${a.deadlines.overdue}"]`).count()).toBe(0);
    await expectAccessible(page);

    // Deliveries: the held parent and the failed message.
    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.waitForURL(`${consoleUrl}/deliveries`);
    const unsettled = await page.locator('table[data-list="unsettled"]').textContent();
    expect(unsettled).toContain('Pat Stone');
    expect(unsettled).toContain('contact not confirmed by the chair');
    await expect(page.locator('table[data-list="failed-messages"]').textContent()).resolves.toContain('mailbox unavailable');
    expect(await page.content()).not.toContain(elsewhere.conferenceId);
    await expectAccessible(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'deliveries.png'), fullPage: true });

    // Signs out (console, then the provider's own sign-out form), and ELSEWHERE's clerk sees nothing of LBHF.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.toString().startsWith(provider.issuer));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => /\/interaction\//.test(url.pathname));
    await signIn(page, 'clerk.elsewhere');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Today in ELSEWHERE');
    expect(await page.locator(`tr[data-deadline="${elsewhere.deadlines.overdue}"]`).count()).toBe(1);
    const other = await page.content();
    for (const id of [a.conferenceId, review.conferenceId, live.deadlineId]) expect(other).not.toContain(id);
    expect(other).not.toContain('Chris Chair');
    await expectAccessible(page);
    await page.goto(`${consoleUrl}/conferences/${a.conferenceId}`);
    expect(await page.content()).not.toContain('Amy Stone');
    await expectAccessible(page);
    await page.goto(`${consoleUrl}/deliveries`);
    expect(await page.content()).toContain(elsewhere.conferenceId);
    expect(await page.content()).not.toContain(a.conferenceId);
    await expectAccessible(page);
  }, 180000);

  it("the JSON API knows the signed-in user from the session cookie that docs/openapi/console.json's `session` scheme names (typed client)", async () => {
    const page = await newContext();
    await signIn(page, 'clerk.lbhf');
    const cookies = await page.context().cookies(consoleUrl);
    expect(cookies.map((c) => c.name)).toEqual(expect.arrayContaining([SESSION_COOKIE, `${SESSION_COOKIE}.sig`]));
    // What a browser sends, set by hand: Node's fetch keeps no cookie jar.
    const Cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const today = await createConsoleClient({ baseUrl: consoleUrl, headers: { Cookie } }).GET('/api/v1/today');
    expect({ status: today.response.status, localAuthority: today.data?.localAuthority }).toEqual({ status: 200, localAuthority: 'LBHF' });
    expect(today.data!.lists.breached.map((item) => item.deadline.id)).toContain(a.deadlines.overdue);
    const deliveries = await createConsoleClient({ baseUrl: consoleUrl, headers: { Cookie } }).GET('/api/v1/deliveries');
    expect(deliveries.response.status).toBe(200);
    // Without the cookie (and no bearer token) the same call is refused as the document says: 401 problem+json.
    const anonymous = await createConsoleClient({ baseUrl: consoleUrl }).GET('/api/v1/today');
    expect({ status: anonymous.response.status, type: anonymous.error?.type }).toEqual({ status: 401, type: '/problems/unauthenticated' });
  }, 120000);

  it('without JavaScript: sign-in, Today, a conference, the filter and Deliveries work, and a breach shows on reload', async () => {
    const page = await newContext({ javaScriptEnabled: false });
    await signIn(page, 'clerk.lbhf');
    expect(await page.locator(`table[data-list="breached"] tr[data-deadline="${a.deadlines.overdue}"]`).count()).toBe(1);
    expect(await page.content()).not.toContain(elsewhere.conferenceId);
    await expectAccessible(page);

    const late = breach(review, 'LBHF', 'R-PREP-5', 'Breach seen on reload');
    await publisher.send(...late.events);
    await waitFor(
      async () => {
        await page.reload();
        return (await page.locator(`table[data-list="breached"] tr[data-deadline="${late.deadlineId}"]`).count()) === 1;
      },
      30000,
      1000,
    );

    await page.locator(`table[data-list="breached"] tr[data-deadline="${review.deadlines.overdue}"] a`).click();
    await page.waitForURL(`${consoleUrl}/conferences/${review.conferenceId}`);
    await expect(page.locator('.moj-timeline').textContent()).resolves.toContain('Deadline breached: R-PREP-1');
    await expectAccessible(page);

    await page.goto(`${consoleUrl}/today`);
    await page.getByLabel('Chair').selectOption('Chris Chair');
    await page.getByRole('button', { name: 'Show deadlines' }).click();
    await page.waitForURL(/\/today\?.*chair=Chris/);
    expect(await page.locator(`tr[data-deadline="${a.deadlines.overdue}"]`).count()).toBe(1);
    expect(await page.locator(`tr[data-deadline="${review.deadlines.overdue}"]`).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.waitForURL(`${consoleUrl}/deliveries`);
    await expect(page.locator('table[data-list="unsettled"]').textContent()).resolves.toContain('Pat Stone');
    await expect(page.locator('table[data-list="failed-messages"]').textContent()).resolves.toContain('mailbox unavailable');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.toString().startsWith(provider.issuer));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => /\/interaction\//.test(url.pathname));
    await page.goto(`${consoleUrl}/deliveries`);
    expect(page.url()).toMatch(new RegExp(`^${provider.issuer}/interaction/`));
  }, 180000);

  it('Performance, for a safeguarding service manager of LBHF, with its charts', async () => {
    const page = await newContext();
    await signIn(page, 'safeguarding-manager.lbhf', '/performance');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('LBHF');
    expect(await page.locator('table').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(await page.content()).not.toContain(elsewhere.conferenceId);
    await expectAccessible(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'performance.png'), fullPage: true });
  }, 120000);
});
