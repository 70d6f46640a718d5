import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDER_10_CRIME } from '../../helpers/referral-plans.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import { axeViolations, seriousOrCritical } from './accessibility.js';
import { saveScreenshot } from './screenshots.js';

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
/** A question the guidance cannot answer (signposted), with a name and a date of birth in it. */
const IDENTIFIABLE = 'Can Jane Smith, born 14/02/2016, get free school meals?';
const IDENTIFIERS = ['Jane Smith', 'Smith', '14/02/2016', '14/02'];

/** The referral checklist's steps, to tell which one a card is asking (its question is on the card). */
const REFERRAL_STEPS = (
  parse(readFileSync(new URL('../../../content/checklists/referral.yaml', import.meta.url), 'utf8')) as {
    steps: { id: string; question: string }[];
  }
).steps;

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

  /** True when `target` is drawn inside the chat log's visible box (what a practitioner sees without scrolling). */
  async function onScreen(target: Locator): Promise<boolean> {
    const box = await target.boundingBox();
    const log = await page.locator('#log').boundingBox();
    if (!box || !log) return false;
    return box.y >= log.y - 1 && box.y + box.height <= log.y + log.height + 1;
  }

  const horizontalOverflow = (p: Page) =>
    p.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  it('answers on the first screen at 1280 and 390 px: summary, three steps, the key contact; Show more reveals the rest', async () => {
    const expected = server.guide.ask(QUESTION);
    expect(expected.steps.length).toBeGreaterThan(3);
    await page.setViewportSize({ width: 1280, height: 900 });
    try {
      const answer = await ask(QUESTION);
      expect(await page.locator('#log .entry.user').last().innerText()).toBe(QUESTION);
      for (const [width, height] of [
        [1280, 900],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        await answer.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await saveScreenshot(`answer-first-screen-${width}`, page, { minWidth: width });
        const firstScreen = [
          answer.getByText(expected.title, { exact: true }),
          answer.getByText(expected.summary ?? '', { exact: true }),
          ...expected.steps
            .slice(0, 3)
            .map((step, i) => answer.getByText(`${i + 1}. ${step}`, { exact: true })),
          answer.getByText(expected.contacts[0]?.name ?? '', { exact: true }),
        ];
        for (const target of firstScreen)
          expect(await onScreen(target), `${width}px: ${await target.innerText()}`).toBe(true);
        expect(await answer.getByText(`4. ${expected.steps[3]}`, { exact: true }).isVisible()).toBe(false);
        expect(await answer.getByText('Sources', { exact: true }).isVisible()).toBe(false);
        expect(await horizontalOverflow(page)).toBe(0);
      }
      const more = answer.getByRole('button', { name: 'Show more' });
      await more.click();
      await expect.poll(() => answer.getByText('Sources', { exact: true }).isVisible()).toBe(true);
      const text = await answer.innerText();
      expect(text).toContain(`4. ${expected.steps[3]}`);
      expect(text).toContain('Keeping Children Safe in Education');
      expect(await horizontalOverflow(page)).toBe(0);
      await answer.getByText('Sources', { exact: true }).scrollIntoViewIfNeeded();
      await saveScreenshot('answer-show-more-390', page, { minWidth: 390 });
    } finally {
      await page.setViewportSize({ width: 900, height: 1200 });
    }
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
    const echoes = await page.locator('#log .entry.user').count();
    await followUp.click();
    await expect.poll(() => botEntries().count(), { timeout: 15_000 }).toBe(before + 1);
    // A card action shows no echo bubble: the new answer is the response.
    expect(await page.locator('#log .entry.user').count()).toBe(echoes);
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
    // No "Next" bubble; focus is on the new card's first input, and its top is in view.
    expect(await page.locator('#log .entry.user').last().innerText()).toBe('checklist referral');
    expect(
      await step.evaluate((el) => {
        const active = el.ownerDocument.activeElement;
        return active && el.contains(active) ? active.tagName : undefined;
      }),
    ).toBe('INPUT');
    expect(await onScreen(step.locator('.ac-adaptiveCard').locator('input').first())).toBe(true);
  });

  it('at 390 px, choice labels wrap whole and buttons never break inside a word ("Nex t")', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const step = await ask('checklist recognition');
      await expect.poll(() => step.locator('.ac-pushButton').count()).toBeGreaterThan(1);
      // Every word of every button fits the button's text box on one line.
      const broken = await page.evaluate<string[]>(`(() => {
        const out = [];
        for (const button of document.querySelectorAll('#log .entry.bot:last-child .ac-pushButton')) {
          const probe = document.createElement('span');
          probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;font:' + getComputedStyle(button).font;
          document.body.append(probe);
          const style = getComputedStyle(button);
          const room = button.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          for (const word of button.innerText.split(/\\s+/).filter(Boolean)) {
            probe.textContent = word;
            if (probe.offsetWidth > room + 1) out.push(word);
          }
          probe.remove();
        }
        return out;
      })()`);
      expect(broken).toEqual([]);
      // Choice labels wrap rather than being cut with an ellipsis: none overflows its own box.
      const labels = await page.evaluate<{ text: string; cut: boolean }[]>(`[...document.querySelectorAll(
        '#log .entry.bot:last-child .ac-input label')].map((l) => ({ text: l.innerText, cut: l.scrollWidth > l.clientWidth + 1 }))`);
      expect(labels.length).toBeGreaterThan(1);
      expect(labels.some((l) => l.text.length > 40)).toBe(true);
      expect(labels.filter((l) => l.cut)).toEqual([]);
      await saveScreenshot('checklist-step-390', page, { minWidth: 390 });
    } finally {
      await page.setViewportSize({ width: 900, height: 1200 });
    }
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

  it('completes the referral checklist in the browser, card by card in place, to the summary with its record', async () => {
    const card = await ask('checklist referral');
    const entries = await botEntries().count();
    const seen: string[] = [];
    for (let guard = 0; guard < 40; guard++) {
      const text = await card.innerText();
      if (text.includes('For your case record (copy this)')) break;
      const step = REFERRAL_STEPS.find((s) => text.includes(s.question));
      if (!step) throw new Error(`no referral step on the card: ${text.slice(0, 200)}`);
      seen.push(step.id);
      const value = UNDER_10_CRIME.answers[step.id];
      if (value === undefined) throw new Error(`the plan has no answer for ${step.id}`);
      await answerStep(card, value);
      await card.locator('button.style-positive').first().click();
      // The next step, or the summary (which repeats every question with its answer).
      await expect
        .poll(
          async () => {
            const next = await card.innerText();
            return !next.includes(step.question) || next.includes('For your case record (copy this)');
          },
          { timeout: 15_000 },
        )
        .toBe(true);
    }
    expect(seen).toEqual(UNDER_10_CRIME.path);
    // Every step replaced the same card: no new entries in the conversation.
    expect(await botEntries().count()).toBe(entries);

    const summary = await card.innerText();
    expect(summary).toContain('Making a referral about harmful sexual behaviour: summary');
    expect(summary).toContain('Copy the record below into your own case record.');
    expect(summary).toContain('For your case record (copy this)');
    for (const action of UNDER_10_CRIME.actions) expect(summary).toContain(action);
    expect(summary).toContain('Agreed next steps with the strategy group');
    // The copyable record, in the page as the practitioner sees it.
    await card.getByText('For your case record (copy this)').scrollIntoViewIfNeeded();
    await saveScreenshot('checklist-summary', page, { minWidth: 900 });
  });

  it('sends "not helpful" feedback with a reason from the answer card', async () => {
    const answer = botEntries().nth(1);
    expect(await answer.innerText()).toContain('A young child showing sexualised behaviour towards others');
    await answer.getByRole('button', { name: 'Not helpful' }).click();
    await answer.getByLabel('Something was missing (e.g. local contacts)').check();
    const before = await botEntries().count();
    await answer.getByRole('button', { name: 'Send feedback' }).click();
    // The card is redrawn in place: the buttons give way to "Thanks — recorded"; nothing new is posted.
    await expect.poll(() => answer.innerText(), { timeout: 15_000 }).toContain('Thanks — recorded');
    expect(await answer.getByRole('button', { name: 'Not helpful' }).count()).toBe(0);
    expect(await answer.innerText()).toContain('A young child showing sexualised behaviour towards others');
    expect(await botEntries().count()).toBe(before);
  });

  it('opens the admin view and sees a question counted, a signposted one grouped and redacted', async () => {
    const link = page.getByRole('link', { name: 'Admin view' });
    expect(await link.getAttribute('href')).toBe('/playground/admin');
    const admin = await context.newPage();
    const adminCsp: string[] = [];
    admin.on('console', (message) => {
      if (/content security policy/i.test(message.text())) adminCsp.push(message.text());
    });
    try {
      const open = async (): Promise<void> => {
        await admin.goto(`${server.url}/playground/admin`);
        await expect
          .poll(() => admin.locator('body').getAttribute('data-ready'), { timeout: 15_000 })
          .toBe('true');
      };
      const figure = async (id: string): Promise<number> =>
        Number((await admin.locator(`#${id}`).innerText()).replace(/,/g, ''));
      await open();
      const total = await figure('questions-total');
      const signposted = await figure('questions-signposted');
      expect(total).toBeGreaterThanOrEqual(3); // the questions asked above

      await ask(IDENTIFIABLE);
      await open();
      expect(await figure('questions-total')).toBe(total + 1);
      expect(await figure('questions-signposted')).toBe(signposted + 1);

      // Grouped, counted and redacted; the raw identifiers appear nowhere on the page, text or markup.
      const row = admin.locator('#question-groups tbody tr', { hasText: 'school meals' });
      expect(await row.count()).toBe(1);
      const cells = await row.locator('th, td').allInnerTexts();
      expect(cells[1]).toBe('Signposted');
      expect(cells[2]).toBe('1');
      const html = await admin.content();
      const text = await admin.locator('body').innerText();
      for (const raw of IDENTIFIERS) {
        expect(html).not.toContain(raw);
        expect(text).not.toContain(raw);
      }

      // The charts say what they show, and the same numbers are in tables.
      expect(await admin.locator('#questions-svg > title').textContent()).toBe('Questions per week');
      expect(await admin.locator('#questions-svg > desc').textContent()).toMatch(/\d+ answered/);
      expect(await admin.locator('#questions-svg rect').count()).toBeGreaterThan(0);
      expect(await admin.locator('#feedback-svg > title').textContent()).toBe('Feedback trend per week');
      const weeks = await admin.locator('#questions-per-week tbody tr').allInnerTexts();
      expect(weeks.length).toBeGreaterThan(1);
      expect(Number(weeks.at(-1)?.split('\t').at(-1))).toBeGreaterThanOrEqual(4);
      // The feedback sent above, against the guidance item it was about, with its reason.
      const feedbackRow = admin.locator('#feedback-table tr', {
        hasText: 'A young child showing sexualised behaviour towards others',
      });
      expect(await feedbackRow.count()).toBe(1);
      expect(await feedbackRow.innerText()).toContain('Something was missing');
      expect(await admin.locator('#checklist-stats tbody tr', { hasText: 'Making a referral' }).count()).toBe(
        1,
      );

      // This week's digest preview, drawn by the Adaptive Cards renderer.
      const preview = admin.locator('#digest-preview .ac-adaptiveCard');
      expect(await preview.count()).toBe(1);
      expect(await preview.innerText()).toContain('Weekly learning:');

      await saveScreenshot('admin', admin, { fullPage: true, minWidth: 900 });
      expect(adminCsp).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('passes axe-core on the chat page (answers, a checklist, feedback) and the admin page: no serious or critical violation', async () => {
    const chat = await axeViolations(page);
    expect(seriousOrCritical(chat), JSON.stringify(chat, null, 1)).toEqual([]);
    const admin = await context.newPage();
    try {
      await admin.goto(`${server.url}/playground/admin`);
      await expect
        .poll(() => admin.locator('#digest-preview .ac-adaptiveCard').count(), { timeout: 15_000 })
        .toBe(1);
      const found = await axeViolations(admin);
      expect(seriousOrCritical(found), JSON.stringify(found, null, 1)).toEqual([]);
      // A phone: the page fits 390 px; wide tables scroll inside their own box.
      await admin.setViewportSize({ width: 390, height: 844 });
      expect(await horizontalOverflow(admin)).toBe(0);
      await saveScreenshot('admin-390', admin, { minWidth: 390 });
    } finally {
      await admin.close();
    }
  });

  it('gives every control a visible focus ring, no bare card-root tab stops, and a real "Not helpful" glyph', async () => {
    expect(await page.locator('.ac-adaptiveCard[tabindex]').count()).toBe(0);
    const answer = botEntries().nth(1);
    const followUp = answer.locator('[role=button].ac-selectable').first();
    await followUp.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab'); // keyboard focus: :focus-visible applies
    const ring = await page.evaluate<{ style: string; width: string }>(
      '(() => { const s = getComputedStyle(document.activeElement); return { style: s.outlineStyle, width: s.outlineWidth }; })()',
    );
    expect(ring.style).toBe('solid');
    expect(Number.parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
    // The renderer's chevron used an icon font the page does not load (a missing-glyph box).
    const glyph = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('.ac-pushButton.expandable'), '::after').fontFamily`,
    );
    expect(glyph).not.toMatch(/FabricMDL2Icons/);
  });

  it('takes a non-empty screenshot of the whole conversation', async () => {
    await page.locator('#log .entry.bot').first().scrollIntoViewIfNeeded();
    await saveScreenshot('conversation', page, { fullPage: true, minWidth: 900 });
  });

  it('shows the welcome again after a reload', async () => {
    await page.reload();
    await expect.poll(() => botEntries().count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => botEntries().first().innerText()).toContain('Welcome to Safeguarding Guide');
  });
});

/** Fills one checklist step's input on a rendered card: a choice (radio or checkboxes), a date or text. */
async function answerStep(card: Locator, value: string | string[]): Promise<void> {
  if (Array.isArray(value)) {
    for (const v of value) await card.locator(`input[type=checkbox][value="${v}"]`).check();
    return;
  }
  const radio = card.locator(`input[type=radio][value="${value}"]`);
  if ((await radio.count()) > 0) return radio.check();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return card.locator('input[type=date]').fill(value);
  await card.locator('input[type=text], textarea').first().fill(value);
}
