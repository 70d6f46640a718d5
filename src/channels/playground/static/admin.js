/* global AdaptiveCards, document, fetch */
// The playground admin view: draws the partnership report (from /playground/admin/report.json) as
// tables and SVG charts, and this week's digest preview with the Adaptive Cards renderer. Every node is
// built with createElement / createElementNS and filled with textContent: nothing is parsed as HTML.
(() => {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const status = document.getElementById('status');
  const main = document.getElementById('report');

  // Card text is shown as written: no Markdown, so nothing in a card can become markup.
  AdaptiveCards.GlobalSettings.setTabIndexAtCardRoot = false;
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (_text, result) => {
    result.didProcess = false;
  };

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, String(value));
    node.append(...children.filter((c) => c !== undefined && c !== null).map(asNode));
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, String(value));
    node.append(...children.map(asNode));
    return node;
  }

  function asNode(child) {
    return typeof child === 'string' || typeof child === 'number'
      ? document.createTextNode(String(child))
      : child;
  }

  function fill(id, ...children) {
    document.getElementById(id).replaceChildren(...children);
  }

  const numberFormat = new Intl.NumberFormat('en-GB');
  const count = (n) => numberFormat.format(n);

  /** A week's Monday (YYYY-MM-DD) as "3 Mar". */
  function weekLabel(week) {
    const [y, m, d] = week.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
  }

  function dateLabel(iso) {
    if (!iso) return '';
    const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }

  /**
   * A table with a caption; `columns` are { label, value(row), number? }. Numeric columns are
   * right-aligned. An empty list shows `empty` instead.
   */
  function table(caption, columns, rows, empty, id) {
    if (rows.length === 0) return el('p', { class: 'empty' }, empty);
    const head = el(
      'tr',
      {},
      ...columns.map((c) => el('th', { scope: 'col', class: c.number ? 'number' : '' }, c.label)),
    );
    const body = rows.map((row) =>
      el(
        'tr',
        {},
        ...columns.map((c, i) => {
          const value = c.value(row);
          const attributes = { class: [c.number ? 'number' : '', c.className?.(row) ?? ''].join(' ').trim() };
          // The first column names the row, for screen readers reading across.
          return i === 0 ? el('th', { scope: 'row', ...attributes }, value) : el('td', attributes, value);
        }),
      ),
    );
    return el(
      'table',
      id ? { id } : {},
      el('caption', {}, caption),
      el('thead', {}, head),
      el('tbody', {}, ...body),
    );
  }

  // Colours with at least 3:1 contrast against white and against each other's neighbours.
  const COLOURS = {
    answered: '#2b6f3e',
    lowConfidence: '#b35c00',
    signposted: '#5b5fc7',
    helpful: '#2b6f3e',
    notHelpful: '#a4262c',
  };

  const CHART = { width: 720, height: 280, left: 48, right: 12, top: 16, bottom: 44 };

  /** Axis ticks: 0, then about four round steps up to at least `max`. */
  function ticks(max) {
    const top = Math.max(1, max);
    const raw = top / 4;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = Math.max(1, [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw);
    const out = [];
    for (let v = 0; v <= top + step - 1e-9 && out.length < 12; v += step) out.push(Math.round(v));
    return out;
  }

  /** The chart frame shared by both charts: title, description, grid lines and the y axis. */
  function chartFrame(id, titleText, descText, max) {
    const titleId = `${id}-title`;
    const descId = `${id}-desc`;
    const root = svg('svg', {
      viewBox: `0 0 ${CHART.width} ${CHART.height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      id,
    });
    root.append(svg('title', { id: titleId }, titleText), svg('desc', { id: descId }, descText));
    const axis = ticks(max);
    const top = axis[axis.length - 1] || 1;
    const plotHeight = CHART.height - CHART.top - CHART.bottom;
    const y = (v) => CHART.top + plotHeight - (v / top) * plotHeight;
    for (const v of axis) {
      root.append(
        svg('line', {
          x1: CHART.left,
          x2: CHART.width - CHART.right,
          y1: y(v),
          y2: y(v),
          stroke: v === 0 ? '#1b1b1b' : '#d0d0d0',
          'stroke-width': 1,
        }),
        svg(
          'text',
          { x: CHART.left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1b1b' },
          count(v),
        ),
      );
    }
    return { root, y };
  }

  function weekAxis(root, weeks, band) {
    const every = weeks.length > 14 ? 2 : 1;
    weeks.forEach((week, i) => {
      if (i % every !== 0) return;
      root.append(
        svg(
          'text',
          {
            x: CHART.left + band * i + band / 2,
            y: CHART.height - CHART.bottom + 18,
            'text-anchor': 'middle',
            'font-size': 11,
            fill: '#1b1b1b',
          },
          weekLabel(week),
        ),
      );
    });
    root.append(
      svg(
        'text',
        {
          x: CHART.left + (CHART.width - CHART.left - CHART.right) / 2,
          y: CHART.height - 6,
          'text-anchor': 'middle',
          'font-size': 12,
          fill: '#1b1b1b',
        },
        'Week starting',
      ),
    );
  }

  function legend(series) {
    return el(
      'ul',
      { class: 'legend' },
      ...series.map((s) => {
        const swatch = el('span', { 'aria-hidden': 'true' });
        swatch.style.background = s.colour;
        return el('li', {}, swatch, s.label);
      }),
    );
  }

  /** Stacked bars per week; each segment carries its own <title> for a tooltip. */
  function stackedBars(id, titleText, descText, rows, series) {
    const totals = rows.map((r) => series.reduce((n, s) => n + r[s.key], 0));
    const { root, y } = chartFrame(id, titleText, descText, Math.max(0, ...totals));
    const band = (CHART.width - CHART.left - CHART.right) / Math.max(1, rows.length);
    const barWidth = Math.max(4, band * 0.6);
    rows.forEach((row, i) => {
      let base = 0;
      const x = CHART.left + band * i + (band - barWidth) / 2;
      for (const s of series) {
        const value = row[s.key];
        if (value > 0) {
          root.append(
            svg(
              'rect',
              {
                x,
                y: y(base + value),
                width: barWidth,
                height: y(base) - y(base + value),
                fill: s.colour,
                class: `bar-${s.key}`,
              },
              svg(
                'title',
                {},
                `Week starting ${weekLabel(row.week)}: ${count(value)} ${s.label.toLowerCase()}`,
              ),
            ),
          );
        }
        base += value;
      }
    });
    weekAxis(
      root,
      rows.map((r) => r.week),
      band,
    );
    return root;
  }

  /** One line per series with a marker per week (markers keep single points visible). */
  function lines(id, titleText, descText, rows, series) {
    const max = Math.max(0, ...rows.flatMap((r) => series.map((s) => r[s.key])));
    const { root, y } = chartFrame(id, titleText, descText, max);
    const band = (CHART.width - CHART.left - CHART.right) / Math.max(1, rows.length);
    const x = (i) => CHART.left + band * i + band / 2;
    series.forEach((s, n) => {
      const points = rows.map((r, i) => `${x(i).toFixed(1)},${y(r[s.key]).toFixed(1)}`).join(' ');
      root.append(
        svg('polyline', {
          points,
          fill: 'none',
          stroke: s.colour,
          'stroke-width': 2.5,
          // The second series is dashed, so the two lines differ without relying on colour.
          'stroke-dasharray': n === 1 ? '6 4' : 'none',
        }),
      );
      rows.forEach((r, i) => {
        root.append(
          svg(
            n === 1 ? 'rect' : 'circle',
            n === 1
              ? { x: x(i) - 4, y: y(r[s.key]) - 4, width: 8, height: 8, fill: s.colour }
              : { cx: x(i), cy: y(r[s.key]), r: 4, fill: s.colour },
            svg(
              'title',
              {},
              `Week starting ${weekLabel(r.week)}: ${count(r[s.key])} ${s.label.toLowerCase()}`,
            ),
          ),
        );
      });
    });
    weekAxis(
      root,
      rows.map((r) => r.week),
      band,
    );
    return root;
  }

  function figure(id, chart, series, caption) {
    fill(id, chart, legend(series), el('figcaption', {}, caption));
  }

  function sum(rows, key) {
    return rows.reduce((n, r) => n + r[key], 0);
  }

  function describeSeries(rows, series) {
    if (rows.length === 0) return 'No weeks to show.';
    const parts = series.map((s) => `${count(sum(rows, s.key))} ${s.label.toLowerCase()}`);
    const busiest = rows.reduce((a, b) =>
      series.reduce((n, s) => n + b[s.key], 0) > series.reduce((n, s) => n + a[s.key], 0) ? b : a,
    );
    return (
      `${rows.length} weeks from ${weekLabel(rows[0].week)} to ${weekLabel(rows[rows.length - 1].week)}: ` +
      `${parts.join(', ')}. Busiest week: starting ${weekLabel(busiest.week)}.`
    );
  }

  function showQuestions(report) {
    const q = report.questions;
    const total = q.totals.answered + q.totals.lowConfidence + q.totals.signposted;
    const totals = [
      ['questions-total', 'Questions asked', total],
      ['questions-answered', 'Answered from guidance', q.totals.answered],
      ['questions-low-confidence', 'Answered with low confidence', q.totals.lowConfidence],
      ['questions-signposted', 'Signposted (no guidance found)', q.totals.signposted],
    ];
    fill(
      'question-totals',
      ...totals.map(([id, label, value]) =>
        el('div', {}, el('dt', {}, label), el('dd', { id }, count(value))),
      ),
    );
    const series = [
      { key: 'answered', label: 'Answered', colour: COLOURS.answered },
      { key: 'lowConfidence', label: 'Low confidence', colour: COLOURS.lowConfidence },
      { key: 'signposted', label: 'Signposted', colour: COLOURS.signposted },
    ];
    figure(
      'questions-chart',
      stackedBars(
        'questions-svg',
        'Questions per week',
        describeSeries(q.perWeek, series),
        q.perWeek,
        series,
      ),
      series,
      `Questions per week over the last ${report.weeks} weeks, by outcome. The table below has the same numbers.`,
    );
    fill(
      'questions-table',
      table(
        'Questions per week',
        [
          { label: 'Week starting', value: (r) => weekLabel(r.week) },
          { label: 'Answered', value: (r) => count(r.answered), number: true },
          { label: 'Low confidence', value: (r) => count(r.lowConfidence), number: true },
          { label: 'Signposted', value: (r) => count(r.signposted), number: true },
          { label: 'Total', value: (r) => count(r.answered + r.lowConfidence + r.signposted), number: true },
        ],
        q.perWeek,
        'No weeks to show.',
        'questions-per-week',
      ),
    );
    fill(
      'groups-note',
      q.retentionDays > 0
        ? `Similar questions are grouped. Examples are redacted before they are stored and kept for ${q.retentionDays} days.`
        : 'Examples of questions are not kept (QUESTION_LOG_DAYS is 0): counts only.',
    );
    fill(
      'groups-table',
      table(
        'Signposted and low-confidence questions, most asked first',
        [
          { label: 'Example (redacted)', value: (g) => g.example },
          { label: 'Outcome', value: (g) => (g.kind === 'signposted' ? 'Signposted' : 'Low confidence') },
          { label: 'Times asked', value: (g) => count(g.count), number: true },
          { label: 'Last asked', value: (g) => dateLabel(g.lastAsked) },
          { label: 'Answered with', value: (g) => g.answeredWith?.title ?? '' },
        ],
        q.groups,
        'Every question so far was answered from the guidance with confidence.',
        'question-groups',
      ),
    );
  }

  function showFeedback(report) {
    const f = report.feedback;
    fill('feedback-note', `${count(f.responses)} feedback responses.`);
    const series = [
      { key: 'helpful', label: 'Helpful', colour: COLOURS.helpful },
      { key: 'notHelpful', label: 'Not helpful', colour: COLOURS.notHelpful },
    ];
    figure(
      'feedback-chart',
      lines('feedback-svg', 'Feedback trend per week', describeSeries(f.perWeek, series), f.perWeek, series),
      series,
      'Helpful (solid line, circles) and not helpful (dashed line, squares) responses per week. The table below has the same numbers.',
    );
    fill(
      'feedback-trend-table',
      table(
        'Feedback per week',
        [
          { label: 'Week starting', value: (r) => weekLabel(r.week) },
          { label: 'Helpful', value: (r) => count(r.helpful), number: true },
          { label: 'Not helpful', value: (r) => count(r.notHelpful), number: true },
        ],
        f.perWeek,
        'No weeks to show.',
        'feedback-per-week',
      ),
    );
    fill(
      'feedback-table',
      table(
        'Feedback per guidance item, most "not helpful" first',
        [
          { label: 'Guidance', value: (i) => i.title },
          { label: 'Helpful', value: (i) => count(i.helpful), number: true },
          { label: 'Not helpful', value: (i) => count(i.notHelpful), number: true },
          {
            label: 'Reasons given',
            value: (i) => i.reasons.map((r) => `${r.label} (${count(r.count)})`).join('; '),
          },
        ],
        f.perItem,
        'No feedback yet.',
        'feedback-per-item',
      ),
    );
  }

  function showReviews(report) {
    fill(
      'review-table',
      table(
        'Guidance past or within 60 days of its review-by date',
        [
          { label: 'Guidance', value: (r) => r.title },
          { label: 'Owner', value: (r) => r.owner },
          { label: 'Review by', value: (r) => dateLabel(r.reviewBy) },
          {
            label: 'Status',
            value: (r) => (r.status === 'overdue' ? 'Overdue' : 'Due soon'),
            className: (r) => `status-${r.status}`,
          },
        ],
        report.reviewDates,
        'All guidance is within its review date.',
        'review-dates',
      ),
    );
  }

  function showChecklists(report) {
    fill(
      'checklists-table',
      table(
        'Checklist runs',
        [
          { label: 'Checklist', value: (c) => c.title },
          { label: 'Started', value: (c) => count(c.runs), number: true },
          { label: 'Completed', value: (c) => count(c.completed), number: true },
          {
            label: 'Completion',
            value: (c) => (c.runs ? `${Math.round((c.completed / c.runs) * 100)}%` : '–'),
            number: true,
          },
          { label: 'Cancelled', value: (c) => count(c.cancelled), number: true },
          { label: 'Open', value: (c) => count(c.open), number: true },
          { label: 'Referrals made', value: (c) => count(c.referralsMade), number: true },
          {
            label: 'Median minutes to referral made',
            value: (c) => (c.medianMinutesToReferral === undefined ? '–' : count(c.medianMinutesToReferral)),
            number: true,
          },
          { label: 'Optional steps left blank', value: (c) => count(c.optionalStepsLeftBlank), number: true },
        ],
        report.checklists,
        'No checklists in the content pack.',
        'checklist-stats',
      ),
    );
  }

  function showDigests(report) {
    const stateLabel = { ok: 'OK', failing: 'Failing', 'needs-attention': 'Needs attention' };
    fill(
      'digests-table',
      table(
        'Subscribed channels',
        [
          { label: 'Channel', value: (c) => c.channelKey },
          { label: 'Platform', value: (c) => c.platform },
          { label: 'Schedule', value: (c) => c.schedule },
          { label: 'Sent', value: (c) => count(c.sent), number: true },
          { label: 'Failed', value: (c) => count(c.failed), number: true },
          { label: 'Last sent', value: (c) => dateLabel(c.lastSent) },
          {
            label: 'State',
            value: (c) => stateLabel[c.state] ?? c.state,
            className: (c) => `state-${c.state}`,
          },
        ],
        report.digests.channels,
        'No channel is subscribed to the digest yet.',
        'digest-channels',
      ),
    );
    fill(
      'digest-problems',
      table(
        'Delivery problems',
        [
          { label: 'Channel', value: (p) => p.channelKey },
          { label: 'Period', value: (p) => p.period ?? '' },
          { label: 'Detail', value: (p) => p.detail },
        ],
        report.digests.problems,
        'No delivery problems.',
        'digest-problems-table',
      ),
    );
  }

  async function showPreview() {
    const holder = document.getElementById('digest-preview');
    const response = await fetch('/playground/admin/digest-preview.json');
    if (!response.ok) throw new Error(`digest preview: HTTP ${response.status}`);
    const preview = await response.json();
    if (!preview.card) {
      holder.replaceChildren(el('p', { class: 'empty' }, preview.message ?? 'No digest this week.'));
      return;
    }
    const card = new AdaptiveCards.AdaptiveCard();
    const config = await fetch('/playground/host-config.json');
    if (config.ok) card.hostConfig = new AdaptiveCards.HostConfig(await config.json());
    // A preview: its buttons do nothing here (in a channel they would record feedback).
    card.onExecuteAction = () => {
      status.textContent = 'This is a preview: its buttons work in the channel that receives the digest.';
    };
    card.parse(preview.card);
    const rendered = card.render();
    holder.replaceChildren(rendered ?? el('p', { class: 'empty' }, 'This card could not be shown.'));
  }

  async function start() {
    try {
      const response = await fetch('/playground/admin/report.json');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { report } = await response.json();
      fill(
        'generated',
        `${report.partnership}: report built ${new Date(report.generatedAt).toLocaleString('en-GB')}, covering the last ${report.weeks} weeks.`,
      );
      showQuestions(report);
      showFeedback(report);
      showReviews(report);
      showChecklists(report);
      showDigests(report);
    } catch {
      status.textContent = 'The report could not be loaded. Is the server still running?';
    }
    try {
      await showPreview();
    } catch {
      fill('digest-preview', el('p', { class: 'empty' }, 'The digest preview could not be loaded.'));
    }
    main.setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
  }

  void start();
})();
