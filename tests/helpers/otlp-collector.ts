import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for an OpenTelemetry Collector's OTLP/HTTP receiver (an outside system): POST
 * /v1/traces and /v1/metrics with JSON bodies, answered `{}` with 200 as the collector does. Every
 * request is kept with its headers and parsed body.
 */
export interface OtlpRequest {
  path: string;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: Record<string, unknown>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};
type KeyValue = { key: string; value: AnyValue };

export interface ExportedSpan {
  name: string;
  attributes: Record<string, unknown>;
  status?: { code?: number };
  resource: Record<string, unknown>;
}

function attributeMap(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (list ?? []).map(({ key, value }) => [
      key,
      value.stringValue ??
        value.boolValue ??
        value.doubleValue ??
        (value.intValue !== undefined ? Number(value.intValue) : undefined),
    ]),
  );
}

export class OtlpCollector {
  readonly requests: OtlpRequest[] = [];
  #server?: Server;
  url = '';

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          res.statusCode = 400;
          res.end();
          return;
        }
        this.requests.push({
          path: req.url ?? '',
          contentType: req.headers['content-type'],
          headers: req.headers,
          raw,
          body,
        });
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** Every span received, flattened out of resourceSpans / scopeSpans. */
  spans(): ExportedSpan[] {
    return this.requests
      .filter((r) => r.path === '/v1/traces')
      .flatMap((r) =>
        (
          (r.body.resourceSpans ?? []) as {
            resource?: { attributes?: KeyValue[] };
            scopeSpans?: {
              spans?: { name: string; attributes?: KeyValue[]; status?: { code?: number } }[];
            }[];
          }[]
        ).flatMap((rs) =>
          (rs.scopeSpans ?? []).flatMap((ss) =>
            (ss.spans ?? []).map((s) => ({
              name: s.name,
              attributes: attributeMap(s.attributes),
              status: s.status,
              resource: attributeMap(rs.resource?.attributes),
            })),
          ),
        ),
      );
  }

  /**
   * The latest value of a cumulative counter, summed over data points whose attributes include
   * `where` (each export repeats the running totals, so the last export counts).
   */
  counter(name: string, where: Record<string, unknown> = {}): number | undefined {
    let latest: number | undefined;
    for (const r of this.requests.filter((q) => q.path === '/v1/metrics')) {
      const metrics = (
        (r.body.resourceMetrics ?? []) as {
          scopeMetrics?: {
            metrics?: {
              name: string;
              sum?: {
                dataPoints?: { attributes?: KeyValue[]; asInt?: string | number; asDouble?: number }[];
              };
            }[];
          }[];
        }[]
      ).flatMap((rm) => (rm.scopeMetrics ?? []).flatMap((sm) => sm.metrics ?? []));
      const metric = metrics.find((m) => m.name === name);
      if (!metric) continue;
      latest = (metric.sum?.dataPoints ?? [])
        .filter((p) => {
          const attributes = attributeMap(p.attributes);
          return Object.entries(where).every(([k, v]) => attributes[k] === v);
        })
        .reduce((sum, p) => sum + Number(p.asInt ?? p.asDouble ?? 0), 0);
    }
    return latest;
  }
}
