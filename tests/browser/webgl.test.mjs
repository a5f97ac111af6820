// WebGL as browsers really hand it out: WebGL 1 only (the page falls back to it), none at all (the
// page says what is missing and what to do), and a context lost and given back (the page draws
// again with the same drawing, target, options and trained weights).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { drawWithMouse, readDrawings } from './lib/drawing.mjs';
import { check, checkClose, nextFrames, openApp, screenshot, typeIntoSlider, waitForState, widgetCenter } from './lib/page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEVEN = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl')).find((d) => d.label === 7);
const NO_WEBGL = /neither a WebGL 2 nor a WebGL 1 context/;

const state = (page) => page.evaluate(() => window.celab.state());

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
}

// Calls WEBGL_lose_context's `action` on the page's own context and resolves when event `kind` came,
// to whether the context is lost then. (A canvas answers getContext with the context it has, or
// null for the other version.)
function loseContextExtension({ action, kind }) {
  const canvas = document.getElementById('canvas');
  const gl = canvas.getContext('webgl2') || canvas.getContext('webgl');
  // A lost context answers getExtension with null: keep the extension from before.
  window.loseContextForTest ??= gl.getExtension('WEBGL_lose_context');
  const extension = window.loseContextForTest;
  if (!extension) throw new Error('no WEBGL_lose_context extension');
  return new Promise((done) => {
    canvas.addEventListener(kind, () => done(gl.isContextLost()), { once: true });
    extension[action]();
  });
}

// Draws a 7, target 3, label smoothing 0.1, one learning step; loses the context and gets it back.
async function survivesContextLoss({ page, url, artifacts, browser }, name) {
  await openApp(page, url);
  await drawWithMouse(page, SEVEN, await page.evaluate(() => window.celab.drawingRect()));
  await page.keyboard.press('3');
  await waitForState(page, (s) => s.target === 3, 'target 3');
  await typeIntoSlider(page, 'smoothing', 0.1);
  const smoothed = await waitForState(page, (s) => Math.abs(s.loss + Math.log(s.probabilities[3])) > 1e-3,
    'a label-smoothed loss (no longer -log p[3])');
  // PyTorch's label smoothing: 0.9 * (-log p[3]) + 0.1 / 10 * sum over c of (-log p[c]).
  const nll = smoothed.probabilities.map((p) => -Math.log(p));
  checkClose(smoothed.loss, 0.9 * nll[3] + 0.01 * nll.reduce((a, b) => a + b, 0), 1e-4 * smoothed.loss,
    'loss with label smoothing 0.1, target 3');
  await click(page, 'learn');
  const before = await waitForState(page, (s) => s.learn.steps === 1, 'one learning step');
  check(before.loss < smoothed.loss, `learning did not lower the loss: ${smoothed.loss} -> ${before.loss}`);
  // Back to the top: the drawing, the model input and the saliency map (textures) in view.
  await page.mouse.move(640, 360);
  for (let i = 0; (await page.evaluate(() => window.celab.drawingRect().y)) < 0; i++) {
    check(i < 30, 'the drawing stays out of view');
    await page.mouse.wheel(0, -300);
    await nextFrames(page, 3);
  }
  await nextFrames(page, 3);
  const pixelsBefore = await screenshot(page, artifacts, `${name}-before`);

  const lost = await page.evaluate(loseContextExtension, { action: 'loseContext', kind: 'webglcontextlost' });
  check(lost === true, 'the context is not lost after loseContext()');
  await nextFrames(page, 5);  // frames come and go without a context: nothing may throw
  const whileLost = await state(page);
  check(whileLost.loss === before.loss && whileLost.target === 3, `state while lost: loss ${whileLost.loss} (before ${before.loss}), target ${whileLost.target}, steps ${whileLost.learn.steps}`);

  const stillLost = await page.evaluate(loseContextExtension, { action: 'restoreContext', kind: 'webglcontextrestored' });
  check(stillLost === false, 'the context is still lost after restoreContext()');
  await nextFrames(page, 5);
  const after = await state(page);
  for (const key of ['predicted', 'target', 'loss', 'probabilities', 'logits', 'input', 'learn', 'brushRadius'])
    check(JSON.stringify(after[key]) === JSON.stringify(before[key]), `${key} changed with the context: ` +
      `${JSON.stringify(before[key]).slice(0, 80)} -> ${JSON.stringify(after[key]).slice(0, 80)}`);
  // Every GL object is back: font atlas, the drawing, the model input, the saliency map.
  const pixelsAfter = await screenshot(page, artifacts, `${name}-after`);
  check(Buffer.compare(Buffer.from(pixelsBefore), Buffer.from(pixelsAfter)) === 0,
    `the page looks different after the context came back (${browser}: see ${name}-before/after.png)`);

  // And it goes on working.
  await page.keyboard.press('7');
  const seven = await waitForState(page, (s) => s.target === 7, 'target 7 after the context came back');
  check(seven.loss < before.loss, `target 7 of a drawn 7: loss ${seven.loss}, target 3 had ${before.loss}`);
  for (const [what, value] of Object.entries(seven.losses)) checkClose(value, seven.loss, 1e-5 * seven.loss, what);
  await click(page, 'clear');
  await waitForState(page, (s) => s.predicted === -1, 'an empty drawing after Clear');
}

export const tests = [
  {
    name: 'WebGL 2 switched off: the page runs on WebGL 1 and reads a drawn 7',
    webgl: 'webgl1',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      check((await page.evaluate(() => window.celab.webgl)) === 1, 'window.celab.webgl is not 1');
      await drawWithMouse(page, SEVEN, await page.evaluate(() => window.celab.drawingRect()));
      const s = await state(page);
      check(s.predicted === 7, `predicted ${s.predicted} for a drawn 7 on WebGL 1`);
      await screenshot(page, artifacts, 'webgl1-seven');
    },
  },
  {
    name: 'with WebGL the page uses WebGL 2',
    async run({ page, url }) {
      await openApp(page, url);
      check((await page.evaluate(() => window.celab.webgl)) === 2, 'window.celab.webgl is not 2');
    },
  },
  {
    name: 'no WebGL at all: a message says what is missing and what to do; window.celab.error is set',
    webgl: 'none',
    expectedErrors: NO_WEBGL,
    async run({ page, url, artifacts }) {
      await page.goto(url);
      await page.waitForFunction(() => window.celab.error, null, { timeout: 30_000 });
      const shown = await page.evaluate(() => ({
        error: window.celab.error,
        ready: window.celab.ready,
        visible: !document.getElementById('failure').hidden,
        title: document.querySelector('#failure h1').textContent,
        advice: document.querySelector('#failure p').textContent,
        canvasShown: getComputedStyle(document.getElementById('canvas')).display !== 'none',
        loading: document.getElementById('status') !== null,
      }));
      check(/no WebGL/.test(shown.error) && NO_WEBGL.test(shown.error), `window.celab.error: ${shown.error}`);
      check(shown.visible && !shown.canvasShown && !shown.loading && shown.ready === false,
        `message shown ${shown.visible}, canvas shown ${shown.canvasShown}, "Loading…" ${shown.loading}, ready ${shown.ready}`);
      check(shown.title === 'This browser gives the page no WebGL', `title "${shown.title}"`);
      check(/hardware acceleration/.test(shown.advice) && /another browser/.test(shown.advice), `advice "${shown.advice}"`);
      await screenshot(page, artifacts, 'no-webgl');
    },
  },
  {
    name: 'a lost WebGL context is survived: same drawing, target, options and weights, drawn again',
    async run(context) {
      await survivesContextLoss(context, 'context-loss');
    },
  },
  {
    name: 'a lost WebGL 1 context is survived too',
    webgl: 'webgl1',
    async run(context) {
      await survivesContextLoss(context, 'context-loss-webgl1');
    },
  },
];
