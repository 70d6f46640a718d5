/**
 * Draws the Teams app icons with pngjs: `npx tsx scripts/make-icons.ts`.
 * color.png: 192×192, a white shield on the accent colour (full bleed, as Teams asks).
 * outline.png: 32×32, a white shield outline on a transparent background.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const ACCENT = [0x1f, 0x5c, 0x99] as const;

/** Inside a shield shape in unit coordinates (x, y in [0,1]): flat top, straight sides, pointed bottom. */
function inShield(x: number, y: number): boolean {
  if (y < 0 || y > 1 || x < 0 || x > 1) return false;
  const cx = Math.abs(x - 0.5);
  if (y <= 0.55) return cx <= 0.5;
  // Below the shoulder the half-width narrows along a curve to the point at y = 1.
  const t = (y - 0.55) / 0.45;
  return cx <= 0.5 * Math.sqrt(1 - t * t);
}

/** Coverage in [0,1] of pixel (px, py) by a shield placed in the box, supersampled 4×4 for smooth edges. */
function coverage(
  px: number,
  py: number,
  box: { x: number; y: number; w: number; h: number },
  inset = 0,
): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4 - box.x) / box.w;
      const y = (py + (sy + 0.5) / 4 - box.y) / box.h;
      const inside = inShield(x, y);
      const innerHit =
        inset > 0 && inShield((x - inset) / (1 - 2 * inset), (y - inset * 0.8) / (1 - 2 * inset));
      if (inside && !innerHit) hits++;
    }
  }
  return hits / 16;
}

function draw(size: number, paint: (png: PNG, i: number, x: number, y: number) => void): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) paint(png, (y * size + x) * 4, x, y);
  }
  return png;
}

const color = draw(192, (png, i, x, y) => {
  const c = coverage(x, y, { x: 52, y: 40, w: 88, h: 112 });
  for (let k = 0; k < 3; k++) png.data[i + k] = Math.round((ACCENT[k] ?? 0) * (1 - c) + 255 * c);
  png.data[i + 3] = 255;
});

const outline = draw(32, (png, i, x, y) => {
  const c = coverage(x, y, { x: 6, y: 3, w: 20, h: 26 }, 0.16);
  png.data[i] = 255;
  png.data[i + 1] = 255;
  png.data[i + 2] = 255;
  png.data[i + 3] = Math.round(255 * c);
});

const dir = new URL('../appPackage/', import.meta.url);
writeFileSync(new URL('color.png', dir), PNG.sync.write(color));
writeFileSync(new URL('outline.png', dir), PNG.sync.write(outline));
console.log('wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
