import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{raw body}`. */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequestOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  headers?: Record<string, string>;
  /** Leave out the signature headers entirely. */
  unsigned?: boolean;
}

export function signedHeaders(body: string, options: SignedRequestOptions): Record<string, string> {
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': options.contentType ?? 'application/json',
    ...(options.unsigned
      ? {}
      : {
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': slackSignature(options.secret, ts, body),
        }),
    ...options.headers,
  };
}

/** POSTs a signed request the way Slack does and returns the status and body text. */
export async function postSigned(
  url: string,
  body: string,
  options: SignedRequestOptions,
): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body, headers: signedHeaders(body, options) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** A form-encoded body: slash commands send fields, interactivity sends `payload=<json>`. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
