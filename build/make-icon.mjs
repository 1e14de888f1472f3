// Draws build/icon.png (512×512): a document with a check mark on a blue tile, and the
// installable web app's icons in renderer/public/ (the same drawing at other sizes; the
// maskable one and Apple's fill the whole square, since the platform cuts its own shape).
// Plain Node (zlib for the PNG), so it runs anywhere without image tools: `node build/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/** The drawing's own coordinates: every shape below is placed on a 512×512 square. */
const SIZE = 512;
const SAMPLES = 4; // per axis: 16 samples a pixel smooth the edges

const BLUE_TOP = [29, 78, 137];
const BLUE_BOTTOM = [18, 52, 96];
const PAPER = [255, 255, 255];
const FOLD = [200, 214, 230];
const LINE = [150, 171, 196];
const GREEN = [40, 150, 90];

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function nearSegment(x, y, [ax, ay], [bx, by], halfWidth) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= halfWidth ** 2;
}

/** The colour at one point, or null outside the tile (transparent). */
function colourAt(x, y) {
  if (!inRoundedRect(x, y, 16, 16, 496, 496, 96)) return null;
  return drawingAt(x, y);
}

/**
 * Full bleed: the tile's blue everywhere, the drawing shrunk by `scale` about the centre so it
 * stays inside a maskable icon's safe circle (80% of the side).
 */
function fullBleedAt(scale) {
  return (x, y) => {
    const sx = SIZE / 2 + (x - SIZE / 2) / scale;
    const sy = SIZE / 2 + (y - SIZE / 2) / scale;
    if (sx < 0 || sy < 0 || sx > SIZE || sy > SIZE) return background(y);
    return drawingAt(sx, sy, y); // the tile's gradient by the pixel's own height: no seam
  };
}

function drawingAt(x, y, shadeY = y) {
  const badge = (x - 352) ** 2 + (y - 376) ** 2;
  if (badge <= 76 ** 2) {
    const tick = nearSegment(x, y, [318, 378], [343, 404], 11) || nearSegment(x, y, [343, 404], [390, 350], 11);
    return tick ? PAPER : GREEN;
  }
  if (badge <= 86 ** 2) return background(shadeY); // a gap between the badge and the sheet
  const sheet = { left: 136, top: 96, right: 356, bottom: 416, fold: 64 };
  if (x < sheet.left || x > sheet.right || y < sheet.top || y > sheet.bottom) return background(shadeY);
  // The top-right corner is folded over: beyond the diagonal is the tile, below it the flap.
  const intoCorner = x - (sheet.right - sheet.fold) - (y - sheet.top);
  if (intoCorner > 0) return background(shadeY);
  if (x >= sheet.right - sheet.fold && y <= sheet.top + sheet.fold) return FOLD;
  for (const [i, lineY] of [176, 220, 264, 308].entries()) {
    if (inRoundedRect(x, y, 172, lineY, i === 3 ? 250 : 318, lineY + 16, 8)) return LINE;
  }
  return PAPER;
}

function background(y) {
  const t = y / SIZE;
  return BLUE_TOP.map((c, i) => Math.round(c + (BLUE_BOTTOM[i] - c) * t));
}

/** The RGBA rows (each led by PNG's filter byte) of the drawing at `size`×`size` pixels. */
function render(size, shape) {
  const step = SIZE / size;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = shape((px + (sx + 0.5) / SAMPLES) * step, (py + (sy + 0.5) / SAMPLES) * step);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = row + 1 + px * 4;
      if (a > 0) {
        raw[o] = Math.round(r / a);
        raw[o + 1] = Math.round(g / a);
        raw[o + 2] = Math.round(b / a);
      }
      raw[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, shape) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(size, shape), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = [
  ['build/icon.png', SIZE, colourAt],
  // The web app manifest's icons (renderer/vite.config.ts) and iOS's home-screen icon.
  ['renderer/public/pwa-192.png', 192, colourAt],
  ['renderer/public/pwa-512.png', 512, colourAt],
  ['renderer/public/pwa-maskable-512.png', 512, fullBleedAt(0.8)],
  ['renderer/public/apple-touch-icon.png', 180, fullBleedAt(0.9)],
];
for (const [path, size, shape] of ICONS) {
  const file = png(size, shape);
  writeFileSync(new URL(`../${path}`, import.meta.url), file);
  console.log(`${path}: ${size}×${size}, ${file.length} bytes`);
}
