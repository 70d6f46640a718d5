import './server/v8-flags.js';
import { loadConfig } from './config.js';
import { asCodedError } from './core/errors.js';
import { playgroundEnabled } from './channels/playground/index.js';
import { createApp } from './server/app.js';
import { createLogger } from './server/logger.js';

/** `npm start`: the bot server. Reads the environment once, then runs until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const app = await createApp(config, { logger });
  const mode = config.localMode
    ? `local mode (no MicrosoftAppId: Bot Framework auth is off, listening on ${config.host} only)`
    : 'Bot Framework auth on';
  logger.info(
    {
      url: app.url,
      localMode: config.localMode,
      slack: Boolean(config.slack),
      contentItems: app.partnerships.contentItems(),
      partnerships: app.partnerships.all.map((p) => p.id),
    },
    `Safeguarding Guide listening on ${app.url}; ${mode}; Slack ${config.slack ? 'on' : 'off'}. ` +
      `Try it: ${playgroundEnabled(config) ? `open ${app.url}/playground in a browser, or ` : ''}` +
      `point Microsoft 365 Agents Playground or Bot Framework Emulator at ${app.url}/api/messages`,
  );
  if (process.stdout.isTTY && playgroundEnabled(config)) {
    // Someone ran `npm start` in a terminal: besides the JSON log, say plainly where to go.
    process.stderr.write(`\n  Safeguarding Guide is running. Try it: ${app.url}/playground\n\n`);
  }
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutdown: stopping');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown: failed');
        process.exit(1);
      },
    );
  };
  // `npm run content:check`, then `kill -HUP <pid>`: the new pack serves once it loads.
  process.on('SIGHUP', () => {
    logger.info({ signal: 'SIGHUP' }, 'content: reload requested');
    void app.reload();
  });
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const coded = asCodedError(error);
  // Start-up errors (bad environment, unreadable store) carry their own clear message, one problem a
  // line: the operator sees that, not a stack trace. Exit once it is written (a pipe may be async).
  process.stderr.write(`Safeguarding Guide could not start: ${coded.message}\n`, () => process.exit(1));
});
