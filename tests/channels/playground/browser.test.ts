import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/start-server.js';

const CHROMIUM = '/usr/bin/chromium';
// Without Chromium the browser tests can only be skipped on a developer machine: in CI they must run.
const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true';
const title = skip
  ? `playground in Chromium (SKIPPED: ${CHROMIUM} is missing; install it with: apt-get install -y chromium)`
  : 'playground in Chromium';
/** Flags this machine needs (see the environment notes): no sandbox as root, no background network. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const QUESTION = 'a 7 year old is showing sexualised behaviour at school, what do I do';
const EMERGENCY = 'a child is being sexually assaulted right now';
const HOSTILE = '<img src=x onerror=alert(1)> ${x} what do I do';

describe.skipIf(skip)(title, () => {
  let server: TestServer;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const cspErrors: string[] = [];

  const botEntries = (): Locator => page.locator('#log .entry.bot');

  /** Types a message as a practitioner would and waits for the bot's next entry. */
  async function ask(text: string): Promise<Locator> {
    const before = await botEntries().count();
    await page.fill('#message', text);
    await page.press('#message', 'Enter');
    await expect.poll(() => botEntries().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    return botEntries().nth(before);
  }

  beforeAll(async () => {
    server = await startServer();
    profile = await mkdtemp(join(tmpdir(), 'sg-chromium-'));
    // A persistent context is how Playwright takes a fresh --user-data-dir of our choosing.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 900, height: 1200 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) cspErrors.push(message.text());
    });
    await page.goto(`${server.url}/playground`);
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows the privacy note and renders the welcome card on first load', async () => {
    await expect.poll(() => page.locator('.privacy').innerText()).toMatch(/don't enter identifying details/i);
    await expect.poll(() => botEntries().count(), { timeout: 15_000 }).toBe(1);
    const welcome = botEntries().first();
    await expect.poll(() => welcome.innerText()).toContain('Welcome to Safeguarding Guide');
    // Rendered by the Adaptive Cards renderer, buttons and all.
    expect(await welcome.locator('.ac-adaptiveCard').count()).toBe(1);
    expect(await welcome.getByRole('button', { name: 'Start the referral checklist' }).count()).toBe(1);
  });

  it('answers a typed question with a card showing the steps and a source', async () => {
    const answer = await ask(QUESTION);
    expect(await page.locator('#log .entry.user').last().innerText()).toBe(QUESTION);
    const text = await answer.innerText();
    expect(text).toContain('A young child showing sexualised behaviour towards others');
    expect(text).toContain('What to do now');
    expect(text).toContain('1. Stay calm.');
    expect(text).toContain('Sources');
    expect(text).toContain('Keeping Children Safe in Education');
  });

  it('leads an emergency with the 999 warning before anything else', async () => {
    const reply = await ask(EMERGENCY);
    const lines = (await reply.innerText()).split('\n').filter((l) => l.trim());
    expect(lines[0]).toContain('999');
    expect(lines[0]).toMatch(/immediate danger/i);
  });

  it('sends a follow-up button as a question and renders the new answer', async () => {
    const answer = botEntries().nth(1);
    // A follow-up is a button or a selectable container (role=button), depending on the card template.
    const followUp = answer.getByRole('button', {
      name: 'Is it normal for toddlers to touch their genitals?',
    });
    const before = await botEntries().count();
    await followUp.click();
    await expect.poll(() => botEntries().count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await page.locator('#log .entry.user').last().innerText()).toBe(
      'Is it normal for toddlers to touch their genitals?',
    );
    const text = await botEntries().nth(before).innerText();
    expect(text).toContain('Healthy sexual development in children');
    expect(text).toContain('What to do now');
  });

  it('runs a checklist step through Action.Execute and replaces the card in place', async () => {
    const step = await ask('checklist referral');
    const first = await step.innerText();
    expect(first).toContain('Is any child in immediate danger right now?');
    const count = await botEntries().count();
    // A required yes/no question is a pair of radio buttons; choose "No" (a toggle could not say no).
    await step.locator('input[type=radio]').nth(1).check();
    await step.locator('button.style-positive').first().click();
    await expect
      .poll(() => step.innerText(), { timeout: 15_000 })
      .not.toContain('Is any child in immediate danger right now?');
    expect(await botEntries().count()).toBe(count);
    expect(await step.locator('.ac-adaptiveCard').count()).toBe(1);
  });

  it('shows hostile text literally: no element injected, no script run', async () => {
    await ask(HOSTILE);
    expect(await page.locator('#log .entry.user').last().innerText()).toBe(HOSTILE);

    // The bot side too: an activity posted to the connector, as a bot would, with HTML and Markdown.
    const conversationId = await page.locator('body').getAttribute('data-conversation');
    expect(conversationId).toMatch(/^pg-/);
    const before = await botEntries().count();
    const hostileCard = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: '<img src=x onerror=alert(2)> **bold** [link](javascript:alert(3))' },
      ],
    };
    const posted = await fetch(
      `${server.url}/playground/connector/v3/conversations/${conversationId}/activities`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: '<b>not bold</b><script>alert(4)</script>',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: hostileCard }],
        }),
      },
    );
    expect(posted.status).toBe(200);
    await expect.poll(() => botEntries().count(), { timeout: 15_000 }).toBe(before + 1);
    const entry = botEntries().nth(before);
    const text = await entry.innerText();
    expect(text).toContain('<b>not bold</b><script>alert(4)</script>');
    expect(text).toContain('<img src=x onerror=alert(2)> **bold** [link](javascript:alert(3))');

    expect(
      await page.locator('#log img, #log script, #log b, #log strong, #log a[href^="javascript"]').count(),
    ).toBe(0);
    expect(dialogs).toEqual([]);
    expect(cspErrors).toEqual([]);
  });

  it('takes a non-empty screenshot of the conversation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-shot-'));
    const file = join(dir, 'playground.png');
    await page.locator('#log .entry.bot').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(10_000);
    const png = PNG.sync.read(await readFile(file));
    expect(png.width).toBe(900);
    // Not a blank page: many distinct colours (text, cards, buttons).
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(20);
    if (process.env.KEEP_SCREENSHOT) {
      await page.locator('#log .entry.bot').nth(1).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(dir, 'viewport.png') });
      console.log(`screenshot: ${file}`);
    } else await rm(dir, { recursive: true, force: true });
  });
});
