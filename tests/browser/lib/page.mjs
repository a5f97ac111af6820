// Helpers for browser tests: open the app, wait for frames, check numbers, save screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class TestFailure extends Error {}

export function check(condition, message) {
  if (!condition) throw new TestFailure(message);
}

export function checkClose(actual, expected, tolerance, what) {
  check(
    typeof actual === 'number' && Math.abs(actual - expected) <= tolerance,
    `${what}: expected ${expected} ± ${tolerance}, got ${actual}`,
  );
}

// Loads the page and waits until window.celab.ready (the first frame is drawn).
export async function openApp(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.celab && window.celab.ready === true, null, { timeout: 30_000 });
}

// Resolves after `count` more animation frames, so the UI has drawn what changed.
export async function nextFrames(page, count = 2) {
  await page.evaluate(
    (n) =>
      new Promise((done) => {
        const step = (left) => (left === 0 ? done() : requestAnimationFrame(() => step(left - 1)));
        step(n);
      }),
    count,
  );
}

// Waits until state() satisfies `predicate` (a function of the state, run in the page).
export async function waitForState(page, predicate, description, timeout = 5_000) {
  try {
    await page.waitForFunction(`(${predicate})(window.celab.state())`, null, { timeout });
  } catch {
    const state = await page.evaluate(() => window.celab.state());
    throw new TestFailure(`timed out waiting for ${description}; state is ${JSON.stringify(state)}`);
  }
  return page.evaluate(() => window.celab.state());
}

// Where the wheel is turned to scroll the page: in its left margin, over no card (over a card's own
// scrolling region the wheel scrolls that region; the training lab made the page long enough to meet one).
const WHEEL_X = 2;

const WIDGET_APPEARS_MS = 3000;  // a frame or two after the state that shows it, on a busy machine

// The centre of a named widget (window.celab.rects()), in CSS pixels. A widget below the bottom of
// the window is scrolled into view first, as a user would: with the mouse wheel. A widget not drawn
// yet is waited for: state() is current at once, the frame that shows what it says comes after it
// (an idle page draws when asked: issue 20), and a user sees a button before clicking it too.
export async function widgetCenter(page, name) {
  const viewport = page.viewportSize();
  for (let attempt = 0; ; attempt++) {
    let rect = await page.evaluate((n) => window.celab.rects()[n], name);
    for (const end = Date.now() + WIDGET_APPEARS_MS; !rect && Date.now() < end;) {
      await nextFrames(page, 1);
      rect = await page.evaluate((n) => window.celab.rects()[n], name);
    }
    check(rect, `widget "${name}" is not on the page (waited ${WIDGET_APPEARS_MS} ms for it)`);
    const bottom = rect.y + rect.height;
    if (bottom <= viewport.height && rect.y >= 0) return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    // A widget out of view keeps the rect it had when last drawn: scroll on until it is drawn again.
    check(attempt < 60, `widget "${name}" stays out of view at ${JSON.stringify(rect)}`);
    await page.mouse.move(WHEEL_X, viewport.height / 2);
    await page.mouse.wheel(0, rect.y < 0 ? -200 : 200);
    await nextFrames(page, 3);
  }
}

// Ctrl+click at `point` (how an ImGui slider becomes a text field), each event a frame apart:
// ImGui 1.86 reads Ctrl once per frame, so Ctrl pressed and released within one slow frame would
// turn this into a plain click that sets the slider where it lands.
export async function ctrlClick(page, point) {
  await page.mouse.move(point.x, point.y);
  for (const step of [() => page.keyboard.down('Control'), () => page.mouse.down(), () => page.mouse.up(),
    () => page.keyboard.up('Control')]) {
    await step();
    await nextFrames(page, 2);
  }
}

// Legacy keyCodes of the keys tapKey sends (SDL takes the keycode from it, the scancode from `code`).
const KEY_CODES = { ArrowDown: 40, ArrowUp: 38, ArrowRight: 39, ArrowLeft: 37, Tab: 9, Space: 32, Enter: 13 };

// Taps the key whose KeyboardEvent.code is `code`: keydown and keyup dispatched in one task, so both
// reach the app before its next frame, and no driver's latency between them can make a long press
// (held past Dear ImGui's 0.275 s, a key repeats: under load a driver's down and up came that far
// apart, and the focus ran past its target). The app sees a press within one frame
// (src/app/platform/sdl_platform.h). Real key delivery is tested where keys are typed.
export async function tapKey(page, code) {
  if (!(code in KEY_CODES)) throw new Error(`tapKey: no keyCode known for ${code}`);
  await page.evaluate(([c, keyCode]) => {
    const key = c === 'Space' ? ' ' : c;
    for (const type of ['keydown', 'keyup']) {
      const event = new KeyboardEvent(type, { key, code: c, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'keyCode', { value: keyCode });
      window.dispatchEvent(event);
    }
  }, [code, KEY_CODES[code]]);
  await nextFrames(page, 3);
}

// Scrolls (with the wheel, as a user) until widget `name` is near the top of the window.
export async function scrollTo(page, name) {
  const viewport = page.viewportSize();
  await page.mouse.move(WHEEL_X, viewport.height / 2);
  for (let i = 0; i < 80; i++) {
    const rect = await page.evaluate((n) => window.celab.rects()[n], name);
    if (rect && rect.y >= 0 && rect.y < 160) return;
    await page.mouse.wheel(0, rect && rect.y < 0 ? -120 : 120);
    await nextFrames(page, 2);
  }
}

// Saves the page as artifactsDir/name.png; resolves to the PNG's bytes.
export async function screenshot(page, artifactsDir, name) {
  mkdirSync(artifactsDir, { recursive: true });
  return page.screenshot({ path: join(artifactsDir, `${name}.png`) });
}

// Types `value` into a slider as a user can: Ctrl+click makes it a text field, then the value, Enter.
export async function typeIntoSlider(page, name, value) {
  await ctrlClick(page, await widgetCenter(page, name));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(value));
  // A tap as the driver sends it: the app sees a press and release within one frame (the
  // confidence test "Enter pressed and released within one frame" holds it to that).
  await page.keyboard.press('Enter');
  // The app takes one key press a frame (a driver may send them all before the next frame).
  await nextFrames(page, String(value).length + 3);
}
