/**
 * Said once to a turn from an organisation the partnership does not serve (a Teams tenant or Slack
 * workspace not in ALLOWED_TENANTS / ALLOWED_SLACK_TEAMS). Nothing of that turn is stored or counted.
 */
export const NOT_SET_UP_FOR_YOUR_ORGANISATION =
  'This service is not set up for your organisation. Please ask your safeguarding lead.';

/** True when `id` is served: always when no list is set (local mode only, config sees to that). */
export function isServed(allowed: ReadonlySet<string> | undefined, id: string | undefined): boolean {
  if (!allowed) return true;
  return id !== undefined && allowed.has(id);
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Slack user ids: U… (or W… on Enterprise Grid), upper-case letters and digits. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;
/** Slack workspace (T…) and Enterprise Grid organisation (E…) ids. */
export const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,20}$/;
