// Slack Events API envelopes for tests: each with a new event id (the server handles an event once).

let seq = 0;

export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${(seq += 1)}`) {
  return {
    token: 'x',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event,
  };
}

/** A direct message from `user` to the bot. */
export function dm(user: string, text: string, extra: Record<string, unknown> = {}) {
  return eventEnvelope({
    type: 'message',
    channel: `D${user}`,
    channel_type: 'im',
    user,
    text,
    ts: `1700000${seq}.0001`,
    ...extra,
  });
}
