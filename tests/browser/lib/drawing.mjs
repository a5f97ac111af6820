// Drawing into the page as a user does: real mouse or touch events on the drawing area, a strokes
// file's 280 x 280 canvas scaled into window.celab.drawingRect().
import { readFileSync } from 'node:fs';

import { check, ctrlClick, nextFrames, widgetCenter } from './page.mjs';

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

// Sets the brush radius as a user can: Ctrl+click the slider, type the value, Enter.
export async function setBrushRadius(page, radius) {
  const current = await page.evaluate(() => window.celab.state().brushRadius);
  if (Math.abs(current - radius) < 1e-9) return;
  const slider = await widgetCenter(page, 'brush');
  await ctrlClick(page, slider);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(radius));
  await page.keyboard.press('Enter');
  await page.waitForFunction((r) => Math.abs(window.celab.state().brushRadius - r) < 1e-6, radius, { timeout: 5_000 })
    .catch(async () => check(false, `brush radius ${await page.evaluate(() => window.celab.state().brushRadius)} after typing ${radius}`));
}

const sessions = new WeakMap();
async function cdpOf(page) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  return sessions.get(page);
}

// Sends a stroke's events through the DevTools protocol without waiting for each to be handled,
// as fast as a quick hand: the browser coalesces the moves of one frame into one event, and the
// page reads them back with getCoalescedEvents(). Waiting for each would cost a frame per point.
async function sendAll(cdp, messages) {
  await Promise.all(messages.map(([method, params]) => cdp.send(method, params)));
}

// Draws `drawing`'s strokes with the mouse, then waits for the page to have run the pipeline on them.
export async function drawWithMouse(page, drawing, rect) {
  const cdp = await cdpOf(page);
  const before = await page.evaluate(() => window.celab.state().updates);
  const mouse = (type, { x, y }, buttons) =>
    ['Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons, clickCount: type === 'mouseMoved' ? 0 : 1 }];
  for (const stroke of drawing.strokes) {
    const points = stroke.map((p) => toPage(rect, drawing.canvas, p));
    await sendAll(cdp, [
      mouse('mouseMoved', points[0], 0),
      mouse('mousePressed', points[0], 1),
      ...points.slice(1).map((p) => mouse('mouseMoved', p, 1)),
      mouse('mouseReleased', points[points.length - 1], 0),
    ]);
  }
  await settle(page, before);
}

// The same with one finger: touchstart / touchmove / touchend as from a touch screen.
export async function drawWithTouch(page, drawing, rect) {
  const cdp = await cdpOf(page);
  const before = await page.evaluate(() => window.celab.state().updates);
  const touch = (type, p) => ['Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [] }];
  for (const stroke of drawing.strokes) {
    const points = stroke.map((p) => toPage(rect, drawing.canvas, p));
    await sendAll(cdp, [touch('touchStart', points[0]), ...points.slice(1).map((p) => touch('touchMove', p)),
      touch('touchEnd', null)]);
  }
  await settle(page, before);
}

// One finger dragged from `from` to `to` (page coordinates) in 10 steps, a frame apart.
export async function dragWithTouch(page, from, to) {
  const cdp = await cdpOf(page);
  const at = (k) => ({ x: from.x + ((to.x - from.x) * k) / 10, y: from.y + ((to.y - from.y) * k) / 10, id: 1 });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
  for (let k = 1; k <= 10; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(k)] });
    await nextFrames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

// Waits until the pipeline has run since `updatesBefore` and a frame has been drawn after it.
async function settle(page, updatesBefore) {
  await page.waitForFunction((n) => window.celab.state().updates > n, updatesBefore, { timeout: 10_000 });
  await nextFrames(page, 2);
}
