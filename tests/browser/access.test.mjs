// The page without the canvas's pictures or a mouse: the state in words in the ARIA live region,
// and the keyboard alone (Tab and the arrow keys move ImGui's focus, Space presses).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { drawWithMouse, readDrawings } from './lib/drawing.mjs';
import { check, nextFrames, openApp, screenshot, tapKey, waitForState } from './lib/page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEVEN = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl')).find((d) => d.label === 7);

const focused = (page) => page.evaluate(() => window.celab.focused());
const spoken = (page) => page.evaluate(() => document.getElementById('live').textContent);

// Presses `key` until the focus satisfies `done` (at most `limit` times); returns the focus.
async function pressUntil(page, key, done, limit, what) {
  for (let i = 0; i <= limit; i++) {
    const name = await focused(page);
    if (done(name)) return name;
    if (i === limit) break;
    await tapKey(page, key);
  }
  check(false, `${limit} presses of ${key} did not reach ${what}; the focus is on ${await focused(page)}`);
}

export const tests = [
  {
    name: 'the live region says what the page shows: prediction, its probability, the target and the loss',
    async run({ page, url }) {
      await openApp(page, url);
      const live = await page.evaluate(() => {
        const region = document.getElementById('live');
        return { role: region.getAttribute('role'), polite: region.getAttribute('aria-live') };
      });
      check(live.role === 'status' && live.polite === 'polite', `live region ${JSON.stringify(live)}`);
      await page.waitForFunction(() => document.getElementById('live').textContent === 'Draw a digit. Target 0.', null,
        { timeout: 5_000 });
      await drawWithMouse(page, SEVEN, await page.evaluate(() => window.celab.drawingRect()));
      await page.keyboard.press('3');
      const s = await waitForState(page, (st) => st.target === 3, 'target 3');
      const expected = `The model says 7, ${Math.round(100 * s.probabilities[7])}%. Target 3: loss ${s.loss.toFixed(2)}.`;
      await page.waitForFunction((e) => document.getElementById('live').textContent === e, expected, { timeout: 5_000 })
        .catch(async () => check(false, `live region "${await spoken(page)}", expected "${expected}"`));
    },
  },
  {
    name: 'the keyboard alone: the arrow keys reach the target buttons, Space presses one; Tab reaches the sliders',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await pressUntil(page, 'ArrowDown', (n) => n === 'clear', 6, 'the Clear button');
      await pressUntil(page, 'ArrowRight', (n) => n?.startsWith('target/'), 6, 'a target button');
      await pressUntil(page, 'ArrowRight', (n) => n === 'target/3', 9, 'target button 3');
      await nextFrames(page, 2);
      await screenshot(page, artifacts, 'keyboard-focus-target-3');
      await tapKey(page, 'Space');
      await waitForState(page, (st) => st.target === 3, 'target 3 after Space on its button');
      await pressUntil(page, 'Tab', (n) => n === 'brush', 12, 'the brush slider');
      await pressUntil(page, 'Tab', (n) => n === 'smoothing', 12, 'the label smoothing slider');
    },
  },
];
