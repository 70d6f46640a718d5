import { DeliveryError } from './sender.js';

/** Retry-After as ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value * 1000);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Client errors a retry cannot fix (not 408 timeout, 412 precondition or 429 throttling). */
export function isPermanentStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && ![408, 412, 429].includes(status);
}

type HeaderBag = { get?: (name: string) => string | null | undefined } & Record<string, unknown>;

function header(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== 'object') return undefined;
  const bag = headers as HeaderBag;
  if (typeof bag.get === 'function') return bag.get(name) ?? undefined;
  const hit = Object.entries(bag).find(([k]) => k.toLowerCase() === name);
  return hit?.[1];
}

/**
 * Maps an HTTP client's error (botbuilder/ms-rest RestError, axios/fetch-like shapes) to a
 * DeliveryError. No status means the request got no answer (timeout, reset, DNS).
 */
export function deliveryErrorFromHttp(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as {
    statusCode?: unknown;
    status?: unknown;
    response?: { status?: unknown; headers?: unknown };
    headers?: unknown;
  };
  const raw = e.statusCode ?? e.status ?? e.response?.status;
  const status = typeof raw === 'number' ? raw : undefined;
  const retryAfterMs = parseRetryAfter(
    header(e.response?.headers, 'retry-after') ?? header(e.headers, 'retry-after'),
  );
  return new DeliveryError(
    `${what} failed${status !== undefined ? ` with HTTP ${status}` : ' without a response'}`,
    {
      status,
      retryAfterMs,
      permanent: isPermanentStatus(status),
      cause: error,
    },
  );
}
