/**
 * OpenTelemetry traces and metrics, sent over OTLP/HTTP (JSON) to a collector. Off unless the
 * standard OTEL_* variables ask for it: an OTLP endpoint, or OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER
 * set to `otlp`. When off, no OpenTelemetry package is loaded (they are imported only here, lazily).
 *
 * What is exported: a span per turn (channel, turn kind, command, reply kind) and per digest delivery
 * (platform, outcome), and counters of answers, signposts, escalations, deliveries and delivery
 * failures. Never message text, user or conversation ids, or error messages (which may quote input).
 */
import type { Span } from '@opentelemetry/api';
import type { DeliveryOutcome } from '../core/digests/delivery.js';
import { isDeliveryProblem } from '../core/digests/delivery.js';
import { CodedError } from '../core/errors.js';
import type { Observer } from '../core/observer.js';
import type { Reply } from '../core/reply.js';

export interface Telemetry extends Observer {
  readonly traces: boolean;
  readonly metrics: boolean;
  /** Exports what is pending and stops; call once, at shutdown. */
  shutdown(): Promise<void>;
}

interface Exporting {
  url: string;
  headers: Record<string, string>;
}

export interface TelemetrySettings {
  traces?: Exporting & { delayMs: number };
  metrics?: Exporting & { intervalMs: number; timeoutMs: number };
  resource: Record<string, string>;
}

const SERVICE_NAME = 'safeguarding-guide';
const DEFAULT_ENDPOINT = 'http://localhost:4318';
const SIGNALS = { traces: 'TRACES', metrics: 'METRICS' } as const;

/** Replies counted by kind; every other kind (help, checklists…) is a turn but not an answer. */
const COUNTED_KINDS = {
  answer: 'guide.answers',
  signpost: 'guide.signposts',
  escalation: 'guide.escalations',
} as const;

function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `key=value,key2=value2` (W3C baggage style, values percent-encoded), as OTEL_*_HEADERS use. */
function keyValues(raw: string | undefined, name: string, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    if (!pair.trim()) continue;
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    try {
      if (!key) throw new Error('no key');
      out[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      // Header values are often API keys: the problem names the variable, never the value.
      problems.push(`${name} must be a comma-separated list of key=value pairs (values percent-encoded)`);
      break;
    }
  }
  return out;
}

function positiveMs(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  problems.push(`${name} must be a whole number of milliseconds above 0 (got ${JSON.stringify(raw)})`);
  return fallback;
}

function exporting(env: NodeJS.ProcessEnv, signal: keyof typeof SIGNALS, problems: string[]) {
  const S = SIGNALS[signal];
  const exporterVar = `OTEL_${S}_EXPORTER`;
  const exporters = text(env, exporterVar)
    ?.split(',')
    .map((e) => e.trim().toLowerCase());
  const specific = text(env, `OTEL_EXPORTER_OTLP_${S}_ENDPOINT`);
  const generic = text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (exporters?.includes('none')) return undefined;
  const unsupported = exporters?.filter((e) => e !== 'otlp') ?? [];
  if (unsupported.length) {
    problems.push(`${exporterVar}=${unsupported.join(',')} is not supported: use otlp or none`);
    return undefined;
  }
  // Off by default: unlike the SDK's own default, nothing is sent until someone names a collector.
  if (!exporters && !specific && !generic) return undefined;

  const protocolVar = text(env, `OTEL_EXPORTER_OTLP_${S}_PROTOCOL`)
    ? `OTEL_EXPORTER_OTLP_${S}_PROTOCOL`
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = text(env, protocolVar) ?? 'http/json';
  if (protocol !== 'http/json')
    problems.push(
      `${protocolVar}=${protocol} is not supported: use http/json (a collector's OTLP/HTTP receiver, port 4318, takes it)`,
    );
  // The signal's own endpoint is used as it is; the shared one gets the signal's path (OTLP spec).
  const url = specific ?? `${(generic ?? DEFAULT_ENDPOINT).replace(/\/+$/, '')}/v1/${signal}`;
  const endpointVar = specific ? `OTEL_EXPORTER_OTLP_${S}_ENDPOINT` : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  let scheme = '';
  try {
    scheme = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (scheme !== 'http:' && scheme !== 'https:')
    problems.push(`${endpointVar} must be an http:// or https:// URL, e.g. http://localhost:4318`);
  const headers = {
    ...keyValues(text(env, 'OTEL_EXPORTER_OTLP_HEADERS'), 'OTEL_EXPORTER_OTLP_HEADERS', problems),
    ...keyValues(text(env, `OTEL_EXPORTER_OTLP_${S}_HEADERS`), `OTEL_EXPORTER_OTLP_${S}_HEADERS`, problems),
  };
  return { url, headers };
}

/**
 * Reads the standard variables. Undefined when telemetry is off (the default, or OTEL_SDK_DISABLED);
 * every problem is reported together, as for the rest of the environment.
 */
export function telemetrySettings(env: NodeJS.ProcessEnv): TelemetrySettings | undefined {
  if (text(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const problems: string[] = [];
  const traces = exporting(env, 'traces', problems);
  const metricsTo = exporting(env, 'metrics', problems);
  const intervalMs = positiveMs(env, 'OTEL_METRIC_EXPORT_INTERVAL', 60_000, problems);
  const timeoutMs = positiveMs(env, 'OTEL_METRIC_EXPORT_TIMEOUT', 30_000, problems);
  const delayMs = positiveMs(env, 'OTEL_BSP_SCHEDULE_DELAY', 5_000, problems);
  if (metricsTo && timeoutMs > intervalMs)
    problems.push('OTEL_METRIC_EXPORT_TIMEOUT must not be longer than OTEL_METRIC_EXPORT_INTERVAL');
  const resource = {
    ...keyValues(text(env, 'OTEL_RESOURCE_ATTRIBUTES'), 'OTEL_RESOURCE_ATTRIBUTES', problems),
    'service.name': text(env, 'OTEL_SERVICE_NAME') ?? SERVICE_NAME,
  };
  if (problems.length)
    throw new CodedError(
      'bad_input',
      `Invalid OpenTelemetry settings (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  - ${problems.join('\n  - ')}`,
    );
  if (!traces && !metricsTo) return undefined;
  return {
    traces: traces && { ...traces, delayMs },
    metrics: metricsTo && { ...metricsTo, intervalMs, timeoutMs },
    resource,
  };
}

const OFF: Telemetry = {
  traces: false,
  metrics: false,
  turn: (_facts, work) => work(),
  delivery: (_facts, work) => work(),
  shutdown: async () => {},
};

/** Telemetry as the environment asks: the no-op when off, else providers exporting to the collector. */
export async function startTelemetry(env: NodeJS.ProcessEnv = process.env): Promise<Telemetry> {
  const settings = telemetrySettings(env);
  return settings ? exportingTelemetry(settings) : OFF;
}

async function exportingTelemetry(settings: TelemetrySettings): Promise<Telemetry> {
  const [api, { resourceFromAttributes }, traceSdk, metricsSdk, traceOtlp, metricsOtlp] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/resources'),
    settings.traces ? import('@opentelemetry/sdk-trace') : undefined,
    settings.metrics ? import('@opentelemetry/sdk-metrics') : undefined,
    settings.traces ? import('@opentelemetry/exporter-trace-otlp-http') : undefined,
    settings.metrics ? import('@opentelemetry/exporter-metrics-otlp-http') : undefined,
  ]);
  const resource = resourceFromAttributes(settings.resource);
  const tracerProvider =
    settings.traces && traceSdk && traceOtlp
      ? new traceSdk.TracerProvider({
          resource,
          spanProcessors: [
            new traceSdk.BatchSpanProcessor({
              exporter: new traceOtlp.OTLPTraceExporter({
                url: settings.traces.url,
                headers: settings.traces.headers,
              }),
              scheduledDelayMillis: settings.traces.delayMs,
            }),
          ],
        })
      : undefined;
  const meterProvider =
    settings.metrics && metricsSdk && metricsOtlp
      ? new metricsSdk.MeterProvider({
          resource,
          readers: [
            new metricsSdk.PeriodicExportingMetricReader({
              exporter: new metricsOtlp.OTLPMetricExporter({
                url: settings.metrics.url,
                headers: settings.metrics.headers,
              }),
              exportIntervalMillis: settings.metrics.intervalMs,
              exportTimeoutMillis: settings.metrics.timeoutMs,
            }),
          ],
        })
      : undefined;

  const tracer = (tracerProvider ?? api.trace.getTracerProvider()).getTracer(SERVICE_NAME);
  const meter = (meterProvider ?? api.metrics.getMeterProvider()).getMeter(SERVICE_NAME);
  const replies = Object.fromEntries(
    Object.entries(COUNTED_KINDS).map(([kind, name]) => [kind, meter.createCounter(name, { unit: '1' })]),
  ) as Record<keyof typeof COUNTED_KINDS, ReturnType<typeof meter.createCounter>>;
  const deliveries = meter.createCounter('guide.digest.deliveries', { unit: '1' });
  const deliveryFailures = meter.createCounter('guide.digest.delivery_failures', { unit: '1' });
  const ERROR = api.SpanStatusCode.ERROR;

  /** Runs `work` in a span; a throw marks it failed by error type only (messages may quote input). */
  async function inSpan<T>(
    name: string,
    attributes: Record<string, string | undefined>,
    work: (span: Span) => Promise<T>,
  ): Promise<T> {
    const span = tracer.startSpan(name, { kind: api.SpanKind.INTERNAL, attributes: defined(attributes) });
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: ERROR });
      span.setAttribute('error.type', error instanceof Error ? error.name : typeof error);
      throw error;
    } finally {
      span.end();
    }
  }

  return {
    traces: Boolean(tracerProvider),
    metrics: Boolean(meterProvider),
    turn: (facts, work) =>
      inSpan(
        'guide.turn',
        { 'guide.channel': facts.channel, 'guide.turn.kind': facts.kind, 'guide.command': facts.command },
        async (span) => {
          const reply: Reply = await work();
          span.setAttribute('guide.reply.kind', reply.kind);
          if (reply.kind in COUNTED_KINDS)
            replies[reply.kind as keyof typeof COUNTED_KINDS].add(1, { 'guide.channel': facts.channel });
          return reply;
        },
      ),
    delivery: (facts, work) =>
      inSpan('digest.delivery', { 'digest.platform': facts.platform }, async (span) => {
        let outcome: DeliveryOutcome | 'error' = 'error';
        try {
          outcome = await work();
          span.setAttribute('digest.outcome', outcome);
          if (isDeliveryProblem(outcome)) span.setStatus({ code: ERROR });
          return outcome;
        } finally {
          const attributes = { 'digest.platform': facts.platform, 'digest.outcome': outcome };
          deliveries.add(1, attributes);
          if (outcome === 'error' || isDeliveryProblem(outcome)) deliveryFailures.add(1, attributes);
        }
      }),
    async shutdown() {
      await Promise.all([tracerProvider?.shutdown(), meterProvider?.shutdown()]);
    },
  };
}

function defined(attributes: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}
