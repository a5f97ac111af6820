// Draws the page's icons (home screen, installed app, browser tab) at build time in the page's own
// look: a card of the app's palette (src/app/ui/theme.h) holding a handwritten 7 from the MNIST test
// digits the site ships, as the model-input panel shows its 28 x 28 pixels, over a row of ten
// probability bars with the 7's bar the tallest, in the predicted-class colour. (The bars' heights
// are a picture of a confident prediction, not numbers the model computed.)
//
//   node web/make_icons.mjs THEME_H TEST_IMAGES TEST_LABELS OUT_DIR
// writes OUT_DIR/icon-192.png, icon-512.png (any shape, rounded), icon-maskable-512.png (full bleed,
// the picture inside the safe circle), apple-touch-icon.png (180, full bleed: iOS rounds it) and
// favicon-32.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

import { crc32 } from './crc32.mjs';

import { IMAGES_MAGIC, LABELS_MAGIC, readIdx } from './idx_files.mjs';
import { readThemeColors, themeColor } from './theme_colors.mjs';

const SCRIPT = 'make_icons';
const DIGIT = 7;
const [themePath, imagesPath, labelsPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error(`${SCRIPT}: usage: node web/make_icons.mjs THEME_H TEST_IMAGES TEST_LABELS OUT_DIR`);
  process.exit(2);
}
const colors = readThemeColors(SCRIPT, themePath);
const color = (name) => themeColor(SCRIPT, themePath, colors, name);
const palette = {
  page: color('kPageBackground'), card: color('kCardBackground'), border: color('kCardBorder'),
  ground: color('kPictureGround'), ink: color('kPictureInk'), bar: color('kBar'), track: color('kBarTrack'),
  predicted: color('kPredicted'),
};
const images = readIdx(SCRIPT, imagesPath, IMAGES_MAGIC, 3);
const labels = readIdx(SCRIPT, labelsPath, LABELS_MAGIC, 1);
const index = labels.data.indexOf(DIGIT);
if (index < 0) {
  console.error(`${SCRIPT}: ${labelsPath}: no digit ${DIGIT}`);
  process.exit(2);
}
const [, rows, cols] = images.shape;
const digit = images.data.subarray(index * rows * cols, (index + 1) * rows * cols);
const BARS = [0.05, 0.03, 0.08, 0.04, 0.03, 0.02, 0.03, 1, 0.06, 0.04];  // class DIGIT the tallest

// Signed distance from (x, y) to a rectangle with rounded corners (negative inside).
function roundedRect(x, y, left, top, right, bottom, radius) {
  const qx = Math.abs(x - (left + right) / 2) - ((right - left) / 2 - radius);
  const qy = Math.abs(y - (top + bottom) / 2) - ((bottom - top) / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

// The colour (r, g, b, a in 0..255) at point (x, y) of the unit square. `fullBleed`: the page colour
// fills the square (maskable, Apple); else a rounded tile with transparent corners. `scale`: the
// picture's size around the centre (the maskable icon keeps it inside the middle 80% circle).
function colourAt(x, y, { fullBleed, scale }) {
  if (!fullBleed && roundedRect(x, y, 0, 0, 1, 1, 0.18) > 0) return [0, 0, 0, 0];
  const u = 0.5 + (x - 0.5) / scale;
  const v = 0.5 + (y - 0.5) / scale;
  const card = roundedRect(u, v, 0.14, 0.12, 0.86, 0.88, 0.07);
  if (card > 0) return palette.page;
  if (card > -0.014) return palette.border;
  // The model input: 28 x 28 pixels on the picture ground.
  const [px, py, side] = [0.27, 0.19, 0.46];
  if (u >= px && u < px + side && v >= py && v < py + side) {
    const c = Math.floor(((u - px) / side) * cols);
    const r = Math.floor(((v - py) / side) * rows);
    return mix(palette.ground, palette.ink, digit[r * cols + c] / 255);
  }
  // Ten bars on their tracks.
  const [bx, bw, gap, base, height] = [0.24, 0.04, 0.016, 0.8, 0.11];
  const k = Math.floor((u - bx) / (bw + gap));
  if (k >= 0 && k < 10 && u - bx - k * (bw + gap) < bw && v <= base && v >= base - height) {
    const filled = v >= base - height * BARS[k];
    return filled ? (k === DIGIT ? palette.predicted : palette.bar) : palette.track;
  }
  return palette.card;
}

// A size x size RGBA picture, each pixel the mean of 4 x 4 samples (smooth edges).
function draw(size, options) {
  const n = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const c = colourAt((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size, options);
          // Premultiplied, so transparent samples do not darken the edge.
          for (let ch = 0; ch < 3; ch++) sum[ch] += (c[ch] * c[3]) / 255;
          sum[3] += c[3];
        }
      }
      const at = (y * size + x) * 4;
      const alpha = sum[3] / (n * n);
      for (let ch = 0; ch < 3; ch++) pixels[at + ch] = alpha ? Math.round((sum[ch] / (n * n)) * (255 / alpha)) : 0;
      pixels[at + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

function png(size, rgba) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);  // 8 bits, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const ICONS = [
  ['icon-192.png', 192, { fullBleed: false, scale: 1 }],
  ['icon-512.png', 512, { fullBleed: false, scale: 1 }],
  ['icon-maskable-512.png', 512, { fullBleed: true, scale: 0.85 }],
  ['apple-touch-icon.png', 180, { fullBleed: true, scale: 0.92 }],
  ['favicon-32.png', 32, { fullBleed: false, scale: 1 }],
];
mkdirSync(outDir, { recursive: true });
for (const [name, size, options] of ICONS) writeFileSync(join(outDir, name), png(size, draw(size, options)));
