// Drawing into the page as a user does: real mouse or touch events on the drawing area, a strokes
// file's 280 x 280 canvas scaled into window.celab.drawingRect().
import { readFileSync } from 'node:fs';

import { check, nextFrames, typeIntoSlider } from './page.mjs';

// The drawings of a strokes file (JSON lines, src/data/drawing.h).
export function readDrawings(path) {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

// Page coordinates of canvas point (x, y), whole CSS pixels (the mouse reports whole pixels).
export function toPage(rect, canvas, [x, y]) {
  return { x: Math.round(rect.x + (x * rect.width) / canvas[0]), y: Math.round(rect.y + (y * rect.height) / canvas[1]) };
}

// Where the page's canvas pixels land when a drawing is sent through toPage: the drawing a test
// should hand the CLI to expect exactly the page's input.
export function asDrawnInto(drawing, rect) {
  const [w, h] = drawing.canvas;
  const back = ({ x, y }) => [((x - rect.x) * w) / rect.width, ((y - rect.y) * h) / rect.height];
  return { ...drawing, strokes: drawing.strokes.map((s) => s.map((p) => back(toPage(rect, drawing.canvas, p)))) };
}

// Sets the brush radius as a user can (typeIntoSlider).
export async function setBrushRadius(page, radius) {
  const current = await page.evaluate(() => window.celab.state().brushRadius);
  if (Math.abs(current - radius) < 1e-9) return;
  await typeIntoSlider(page, 'brush', radius);
  await page.waitForFunction((r) => Math.abs(window.celab.state().brushRadius - r) < 1e-6, radius, { timeout: 5_000 })
    .catch(async () => check(false, `brush radius ${await page.evaluate(() => window.celab.state().brushRadius)} after typing ${radius}`));
}

// Draws `drawing`'s strokes with the mouse, then waits for the page to have run the pipeline on them.
export async function drawWithMouse(page, drawing, rect) {
  const before = await page.evaluate(() => window.celab.state().updates);
  for (const stroke of drawing.strokes) await page.stroke(stroke.map((p) => toPage(rect, drawing.canvas, p)), 'mouse');
  await settle(page, before);
}

// The same with one finger, as on a touch screen.
export async function drawWithTouch(page, drawing, rect) {
  const before = await page.evaluate(() => window.celab.state().updates);
  for (const stroke of drawing.strokes) await page.stroke(stroke.map((p) => toPage(rect, drawing.canvas, p)), 'touch');
  await settle(page, before);
}

// One finger dragged from `from` to `to` (page coordinates) in 10 steps, a frame apart.
export async function dragWithTouch(page, from, to) {
  await page.touchDrag(from, to, 10, () => nextFrames(page, 1));
}

// Waits until the pipeline has run since `updatesBefore` and a frame has been drawn after it.
async function settle(page, updatesBefore) {
  await page.waitForFunction((n) => window.celab.state().updates > n, updatesBefore, { timeout: 10_000 });
  await nextFrames(page, 2);
}
