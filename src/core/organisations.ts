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
