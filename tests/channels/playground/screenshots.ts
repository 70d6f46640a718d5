import { mkdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';

/** Screenshots kept as test artifacts (CI uploads them): `test-artifacts/playground/` at the repo root. */
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/playground/', import.meta.url));

/**
 * Saves a screenshot of a page (its viewport, or the whole document with `fullPage`) or of one element,
 * and checks it is a real picture: a PNG of a plausible size with many distinct colours (text, cards,
 * buttons), not a blank or single-colour page.
 */
export async function saveScreenshot(
  name: string,
  target: Page | Locator,
  options: { fullPage?: boolean; minWidth?: number } = {},
): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = `${ARTIFACTS}${name}.png`;
  if ('goto' in target) await target.screenshot({ path: file, fullPage: options.fullPage ?? false });
  else await target.screenshot({ path: file });
  expect((await stat(file)).size).toBeGreaterThan(10_000);
  const png = PNG.sync.read(await readFile(file));
  expect(png.width).toBeGreaterThanOrEqual(options.minWidth ?? 300);
  expect(png.height).toBeGreaterThan(200);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
  expect(colours.size).toBeGreaterThan(20);
  return file;
}
