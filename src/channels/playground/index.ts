export { mountPlayground, type PlaygroundOptions } from './mount.js';
export { CONNECTOR_PATH } from './connector.js';
export { MESSAGES_PATH } from './messages.js';
export { PLAYGROUND_USER } from './bot.js';
export { playgroundEnabled } from './enabled.js';
