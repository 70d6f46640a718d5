/**
 * The benchmark baseline: a bare botbuilder echo bot on the same stack as ours (restify 11,
 * bodyParser on the route only, CloudAdapter in local mode), replying with the text it received.
 * Run: PORT=0 node --import tsx bench/echo-bot.ts (prints the URL it listens on); the HTTP load
 * bench bundles it with esbuild to build/bench/echo-bot.js and runs that with plain node, like ours.
 *
 * ECHO_KEEP_CLIENTS=1: the same echo bot keeping its connector clients between turns, with the
 * module ours uses (src/channels/teams/connector-clients.ts): the floor our default path can reach.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import { createServer, plugins } from 'restify';
import { keepClients } from '../src/channels/teams/connector-clients.js';

const auth = new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({}));
if (process.env.ECHO_KEEP_CLIENTS === '1') keepClients(auth, { version: () => 0 });
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  console.error(`echo-bot: turn failed: ${(error as Error).message}`);
  await context.sendActivity('Sorry, that failed.');
};

const server = createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.post(
  '/api/messages',
  ...plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }),
  async (req, res) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(context.activity.text ?? '');
    });
  },
);

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`echo-bot listening on http://127.0.0.1:${server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
