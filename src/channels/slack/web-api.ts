import type { webApi } from '@slack/bolt';

type WebClientOptions = webApi.WebClientOptions;

/**
 * Options for every Slack Web API client the app makes. The client's defaults have no time limit and
 * retry for about 30 minutes, so one call to a Slack that hangs held its worker (and shutdown) for
 * that long. Each call now gets `timeoutMs`; a failed call is retried twice, quickly, unless it timed
 * out: a post that timed out may have been posted, and sending it again would post it twice.
 */
export function webApiOptions(options: { apiUrl?: string; timeoutMs: number }): WebClientOptions {
  return {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    timeout: options.timeoutMs,
    // The client hands retryConfig to p-retry, whose onFailedAttempt stops retrying when it throws
    // (the client's type lists only the `retry` package's options).
    retryConfig: {
      retries: 2,
      factor: 2,
      minTimeout: 250,
      maxTimeout: 1_000,
      onFailedAttempt: (error: unknown) => {
        if (isTimeout(error)) throw error;
      },
    } as WebClientOptions['retryConfig'],
  };
}

/** A WebAPIRequestError whose request was aborted by the client's time limit. */
export function isTimeout(error: unknown): boolean {
  const original = (error as { original?: { name?: unknown } } | undefined)?.original;
  return original?.name === 'TimeoutError' || original?.name === 'AbortError';
}
