/**
 * What the platforms have done to us since start: replies cut off by a time limit, and whether Slack
 * has confirmed its token. `/healthz` reports it; the channels write to it.
 */
export class PlatformStatus {
  readonly timeouts = { teams: 0, slack: 0 };
  /** Undefined when Slack is not configured; false until `auth.test` has succeeded. */
  slackReady: boolean | undefined;

  timedOut(platform: 'teams' | 'slack'): void {
    this.timeouts[platform] += 1;
  }
}
