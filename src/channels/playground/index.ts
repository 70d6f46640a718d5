export { mountPlayground, CONNECTOR_PATH, type PlaygroundOptions } from './mount.js';
export { playgroundEnabled } from './loopback.js';
