import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { telemetrySettings } from '../../src/server/telemetry.js';
import { conversation, message, post, USER } from '../channels/teams/activities.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { OtlpCollector } from '../helpers/otlp-collector.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { SLACK_CHANNEL, startWorld, subscribeBoth, type World } from '../e2e/digest-harness.js';

/**
 * Telemetry over the real protocol: the server exports OTLP/HTTP JSON to a local collector stand-in.
 * Spans and counters are read back from what the collector received, after a graceful stop (which
 * flushes). The questions' own words must never be among the exported bytes.
 */
const QUESTIONS = {
  answer: 'A 7 year old keeps touching other children at playtime, what do I do?',
  signpost: 'How do I renew my car insurance?',
  escalation: 'A boy is hurting a younger child right now in the toilets',
};
const TELLING_WORDS = ['playtime', 'insurance', 'toilets', 'hurting', 'renew'];

let collector: OtlpCollector;
let cap: CaptureServer;

beforeEach(async () => {
  collector = new OtlpCollector();
  await collector.start();
  cap = await startCaptureServer();
});

afterEach(async () => {
  await collector.stop();
  await cap.close();
});

async function askAll(server: TestServer): Promise<void> {
  const conv = conversation('personal');
  for (const [i, text] of Object.values(QUESTIONS).entries()) {
    const res = await post(server.url, message({ serviceUrl: cap.url, conv, text }));
    expect(res.status).toBe(200);
    await cap.waitFor(i + 1);
  }
}

describe('OpenTelemetry, on with the standard OTEL_* variables', () => {
  it('exports a span per turn and counts answers, signposts and escalations, with no message text', async () => {
    const server = await startServer(
      {},
      {
        telemetryEnv: {
          OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`,
          OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k%20123',
          OTEL_SERVICE_NAME: 'guide-under-test',
          OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
        },
      },
    );
    await askAll(server);
    await server.stop();

    const traces = collector.requests.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    for (const r of collector.requests) {
      expect(r.contentType).toMatch(/^application\/json/);
      expect(r.headers['x-collector-key']).toBe('k 123');
    }
    const turns = collector.spans().filter((s) => s.name === 'guide.turn');
    expect(turns.map((s) => s.attributes['guide.reply.kind']).sort()).toEqual([
      'answer',
      'escalation',
      'signpost',
    ]);
    for (const span of turns) {
      expect(span.attributes).toMatchObject({
        'guide.channel': 'teams',
        'guide.turn.kind': 'message',
        'guide.command': 'question',
      });
      expect(span.resource).toMatchObject({
        'service.name': 'guide-under-test',
        'deployment.environment': 'test',
      });
    }
    for (const kind of ['answers', 'signposts', 'escalations'])
      expect(collector.counter(`guide.${kind}`, { 'guide.channel': 'teams' }), kind).toBe(1);

    const exported = collector.requests.map((r) => r.raw).join('\n');
    for (const word of TELLING_WORDS) expect(exported).not.toContain(word);
    expect(exported).not.toContain(USER.aadObjectId);
    expect(exported).not.toContain(USER.id);
  });

  it('a command and a checklist form are turns too, named by command and kind', async () => {
    const server = await startServer({}, { telemetryEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } });
    await server.guide.handle(
      'checklist referral',
      { userId: 'u1', channel: 'cli', isAdmin: false },
      {
        conversationId: 'c1',
        kind: 'personal',
      },
    );
    await server.guide.submitForm({}, {}, { userId: 'u1', channel: 'cli', isAdmin: false });
    await server.stop();
    const turns = collector.spans().filter((s) => s.name === 'guide.turn');
    expect(
      turns.map((s) => [s.attributes['guide.turn.kind'], s.attributes['guide.command'] ?? null]),
    ).toEqual([
      ['message', 'checklist-start'],
      ['form', null],
    ]);
    expect(collector.counter('guide.answers')).toBeUndefined();
  });

  it('exports a span per digest delivery and counts a delivery that failed', async () => {
    const world: World = await startWorld();
    try {
      await subscribeBoth(world);
      world.slack.faults.set(SLACK_CHANNEL, [{ kind: 'status', status: 404 }]);
      // The subscriptions were made on a clock a week behind: on the real clock this week's digest is due.
      const delivering = await startServer(
        { ...world.env, DIGEST_SCHEDULER: 'off' },
        {
          telemetryEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
        },
      );
      const report = await delivering.guide.digests.sendDue();
      await delivering.stop();
      expect(report.results.map((r) => r.outcome).sort()).toEqual(['gave-up', 'sent']);

      const deliveries = collector.spans().filter((s) => s.name === 'digest.delivery');
      expect(
        deliveries.map((s) => [s.attributes['digest.platform'], s.attributes['digest.outcome']]).sort(),
      ).toEqual([
        ['slack', 'gave-up'],
        ['teams', 'sent'],
      ]);
      const failed = deliveries.find((s) => s.attributes['digest.outcome'] === 'gave-up');
      expect(failed?.status?.code).toBe(2); // ERROR
      expect(collector.counter('guide.digest.delivery_failures')).toBe(1);
      expect(collector.counter('guide.digest.delivery_failures', { 'digest.platform': 'slack' })).toBe(1);
      expect(collector.counter('guide.digest.deliveries')).toBe(2);
    } finally {
      await world.close();
    }
  });
});

describe('OpenTelemetry, off', () => {
  for (const [why, env] of [
    ['by default (no OTEL_* variables)', {}],
    ['with OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'COLLECTOR' }],
    [
      'with both exporters set to none',
      {
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'COLLECTOR',
      },
    ],
  ] as const) {
    it(`exports nothing ${why}`, async () => {
      const telemetryEnv = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [k, v === 'COLLECTOR' ? collector.url : v]),
      );
      expect(telemetrySettings(telemetryEnv)).toBeUndefined();
      const server = await startServer({}, { telemetryEnv });
      await askAll(server);
      await server.stop();
      expect(collector.requests).toEqual([]);
    });
  }

  it('one signal can be on without the other', async () => {
    const server = await startServer(
      {},
      {
        telemetryEnv: {
          OTEL_METRICS_EXPORTER: 'none',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/v1/traces`,
        },
      },
    );
    await askAll(server);
    await server.stop();
    expect(new Set(collector.requests.map((r) => r.path))).toEqual(new Set(['/v1/traces']));
  });
});

describe('OpenTelemetry settings', () => {
  it('refuses what it cannot honour, listing every problem and never echoing a header value', () => {
    let message = '';
    try {
      telemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=%E0%A4%A',
        OTEL_TRACES_EXPORTER: 'zipkin',
        OTEL_METRIC_EXPORT_INTERVAL: '1000',
        OTEL_METRIC_EXPORT_TIMEOUT: '5000',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Invalid OpenTelemetry settings (5 problems)');
    expect(message).toContain('OTEL_TRACES_EXPORTER=zipkin is not supported: use otlp or none');
    expect(message).toContain('OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: use http/json');
    expect(message).toContain('OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL');
    expect(message).toContain('OTEL_EXPORTER_OTLP_HEADERS must be a comma-separated list');
    expect(message).toContain('OTEL_METRIC_EXPORT_TIMEOUT must not be longer');
    expect(message).not.toContain('%E0');
  });

  it('the server does not start with bad settings, and says why', async () => {
    await expect(
      startServer(
        {},
        {
          telemetryEnv: {
            OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
            OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
          },
        },
      ),
    ).rejects.toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL=http\/protobuf is not supported/);
  });

  it('the signal endpoints follow the OTLP rules: shared endpoint plus the signal path, or the signal endpoint as given', () => {
    expect(
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318/base/' }),
    ).toMatchObject({
      traces: { url: 'https://otel.example:4318/base/v1/traces' },
      metrics: { url: 'https://otel.example:4318/base/v1/metrics', intervalMs: 60_000 },
    });
    expect(
      telemetrySettings({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://m.example/in',
      }),
    ).toMatchObject({
      traces: { url: 'http://localhost:4318/v1/traces' },
      metrics: { url: 'http://m.example/in' },
    });
  });
});
