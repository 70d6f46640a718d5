import { Guide } from '../../src/core/guide.js';
import { MemoryStore } from '../../src/core/store/memory-store.js';
import { CONTENT_DIR } from './content-fixture.js';

let shared: Promise<Guide> | undefined;

/** One Guide over the real content pack and an in-memory store, shared by a test file. */
export function realGuide(): Promise<Guide> {
  shared ??= Guide.create({
    contentDir: CONTENT_DIR,
    store: new MemoryStore(),
  });
  return shared;
}
