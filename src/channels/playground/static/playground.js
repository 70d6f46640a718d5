/* global AdaptiveCards, window, document, location, crypto, fetch, URL, EventSource */
// The local playground page: a tiny Bot Framework client. It posts real activities, as Teams does, to
// the playground's own bot endpoint (named by /playground/session: the same bot as /api/messages, with
// no Bot Framework token needed) and renders the bot's replies, which arrive over /playground/events. Nothing from a
// message is ever inserted as HTML: plain text goes in with textContent, cards through the Adaptive
// Cards renderer with Markdown processing turned off.
(() => {
  'use strict';

  const BOT = { id: '28:safeguarding-guide-playground', name: 'Safeguarding Guide' };
  const CARD = 'application/vnd.microsoft.card.adaptive';

  const log = document.getElementById('log');
  const composer = document.getElementById('composer');
  const input = document.getElementById('message');
  const status = document.getElementById('status');

  // Text is always shown as typed: no Markdown, so no HTML from a message can reach the page.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (_text, result) => {
    result.didProcess = false;
  };

  // The card root is not a tab stop of its own: focus goes straight to the card's controls.
  AdaptiveCards.GlobalSettings.setTabIndexAtCardRoot = false;
  /** Teams' settings with an AA-contrast palette (host-config.json), loaded before the first card. */
  let hostConfig;

  const randomId = () => crypto.randomUUID();

  /** A new personal conversation per page load. */
  const conversationId = `pg-${randomId()}`;
  document.body.dataset.conversation = conversationId;
  /** From /playground/session: where to post, where the bot replies, and who the user is (the operator). */
  let session;
  let pending = 0;

  const setStatus = () => {
    status.textContent = pending > 0 ? 'The guide is answering…' : '';
  };

  function activity(type, fields) {
    return {
      id: randomId(),
      type,
      channelId: 'msteams',
      serviceUrl: session.serviceUrl,
      timestamp: new Date().toISOString(),
      // Teams matches admins by AAD object id: the playground's bot counts this user as one.
      from: { id: session.user.id, aadObjectId: session.user.id, name: session.user.name },
      recipient: BOT,
      conversation: {
        id: conversationId,
        conversationType: 'personal',
        isGroup: false,
        tenantId: 'playground',
      },
      channelData: { tenant: { id: 'playground' } },
      locale: 'en-GB',
      ...fields,
    };
  }

  /** Posts an activity to the bot; resolves to the response body (invokes answer in it) or undefined. */
  async function send(outgoing) {
    pending += 1;
    setStatus();
    try {
      const response = await fetch(session.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(outgoing),
      });
      if (!response.ok) {
        notice(`The bot could not take that message (HTTP ${response.status}).`);
        return undefined;
      }
      const body = await response.text();
      return body ? JSON.parse(body) : undefined;
    } catch {
      notice('The bot could not be reached. Is the server still running?');
      return undefined;
    } finally {
      pending -= 1;
      setStatus();
    }
  }

  function append(entry) {
    log.append(entry);
    entry.scrollIntoView({ block: 'end' });
  }

  function notice(text) {
    const entry = document.createElement('div');
    entry.className = 'entry notice';
    entry.textContent = text;
    append(entry);
  }

  function userEntry(text) {
    const entry = document.createElement('div');
    entry.className = 'entry user';
    entry.dataset.from = 'user';
    entry.textContent = text;
    append(entry);
  }

  /** An Adaptive Card element whose actions talk to the bot; `holder` is where an in-place update goes. */
  function renderCard(json, holder) {
    const card = new AdaptiveCards.AdaptiveCard();
    if (hostConfig) card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => void onAction(action, holder);
    try {
      card.parse(json);
      const element = card.render();
      if (element) return element;
    } catch {
      // fall through to the plain notice below
    }
    const failed = document.createElement('p');
    failed.className = 'text';
    failed.textContent = 'This card could not be shown.';
    return failed;
  }

  /** Fills a bot entry from an activity: its text (as text) and its Adaptive Card attachments. */
  function fill(entry, incoming) {
    entry.replaceChildren();
    if (typeof incoming.text === 'string' && incoming.text) {
      const p = document.createElement('p');
      p.className = 'text';
      p.textContent = incoming.text;
      entry.append(p);
    }
    const attachments = Array.isArray(incoming.attachments) ? incoming.attachments : [];
    for (const attachment of attachments) {
      if (attachment && attachment.contentType === CARD && attachment.content) {
        const holder = document.createElement('div');
        holder.className = 'card';
        holder.append(renderCard(attachment.content, holder));
        entry.append(holder);
      }
    }
  }

  const botEntries = new Map();

  function showBotActivity(incoming) {
    if (incoming.type && incoming.type !== 'message') return;
    let entry = botEntries.get(incoming.id);
    if (!entry) {
      entry = document.createElement('div');
      entry.className = 'entry bot';
      entry.dataset.from = 'bot';
      entry.dataset.activityId = incoming.id;
      botEntries.set(incoming.id, entry);
      fill(entry, incoming);
      append(entry);
    } else {
      fill(entry, incoming);
    }
  }

  async function onAction(action, holder) {
    const type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      const url = safeUrl(action.url);
      if (url) window.open(url, '_blank', 'noopener,noreferrer');
      return;
    }
    // Card actions show no echo bubble (as in Teams): the card itself, or the bot's next card, answers.
    if (type === 'Action.Submit') {
      await send(activity('message', { value: action.data ?? {} }));
      return;
    }
    if (type === 'Action.Execute') {
      const response = await send(
        activity('invoke', {
          name: 'adaptiveCard/action',
          value: {
            action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} },
            trigger: 'manual',
          },
        }),
      );
      // Universal Actions: the bot answers with the card that replaces this one.
      if (response && response.type === CARD && response.value) {
        holder.replaceChildren(renderCard(response.value, holder));
        keepInView(holder);
      } else if (response && response.type === 'application/vnd.microsoft.activity.message') {
        notice(String(response.value ?? ''));
      } else if (response && response.statusCode >= 400) {
        notice(String(response.value?.message ?? 'The bot could not handle that action.'));
      }
    }
  }

  /**
   * After a card is replaced in place: its top stays on screen and focus moves to its first input
   * (or its first control), so keyboard and screen-reader users continue where the question is.
   */
  function keepInView(holder) {
    holder.scrollIntoView({ block: 'start' });
    const target =
      holder.querySelector('input:not([type=hidden]), select, textarea') ?? holder.querySelector('button');
    if (target) target.focus({ preventScroll: true });
  }

  function safeUrl(raw) {
    try {
      const url = new URL(String(raw), location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !session) return;
    input.value = '';
    userEntry(text);
    void send(activity('message', { text, textFormat: 'plain' }));
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  function listen() {
    const events = new EventSource(`/playground/events?conversation=${encodeURIComponent(conversationId)}`);
    let welcomed = false;
    const onActivity = (event) => showBotActivity(JSON.parse(event.data).activity);
    events.addEventListener('activity', onActivity);
    events.addEventListener('update', onActivity);
    events.addEventListener('delete', (event) => {
      const id = JSON.parse(event.data).id;
      botEntries.get(id)?.remove();
      botEntries.delete(id);
    });
    // After the stored replies are replayed: the first time, say hello as Teams does when the app is added.
    events.addEventListener('ready', () => {
      if (welcomed) return;
      welcomed = true;
      document.body.dataset.ready = 'true';
      void send(
        activity('conversationUpdate', {
          membersAdded: [BOT, { id: session.user.id, name: session.user.name }],
        }),
      );
    });
  }

  async function start() {
    try {
      const response = await fetch('/playground/session');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      session = await response.json();
      const config = await fetch('/playground/host-config.json');
      if (config.ok) hostConfig = new AdaptiveCards.HostConfig(await config.json());
    } catch {
      notice('The playground could not start. Is the server still running?');
      return;
    }
    listen();
    input.focus();
  }

  void start();
})();
