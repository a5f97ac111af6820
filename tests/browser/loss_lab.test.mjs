// The loss lab: the article's worked example, live. Real key presses and mouse clicks only;
// window.celab.state().lossLab is read to check results, rects() to find where widgets are drawn.
import { check, checkClose, nextFrames, openApp, screenshot, typeIntoSlider, waitForState, widgetCenter } from './lib/page.mjs';

const ARTICLE_LOSS = 1.2729;  // the article's answer to 4 decimals: logits [-0.5, -0.2, -0.3], target 0

const lab = (page) => page.evaluate(() => window.celab.state().lossLab);
const waitForLab = (page, predicate, description) =>
  waitForState(page, `(s) => (${predicate})(s.lossLab)`, description).then((s) => s.lossLab);

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
}

// The three computations agree, and without options the loss is -log p[target].
function checkConsistent(state, options = false) {
  const { crossEntropy, formula, logSoftmaxNll } = state.losses;
  checkClose(formula, crossEntropy, 1e-12, '-x[y] + log sum exp(x) vs nn.CrossEntropyLoss');
  checkClose(logSoftmaxNll, crossEntropy, 1e-12, 'LogSoftmax + NLLLoss vs nn.CrossEntropyLoss');
  if (!options) checkClose(state.loss, -Math.log(state.probabilities[state.target]), 1e-12, `loss vs -log p[${state.target}]`);
  const sum = state.probabilities.reduce((a, b) => a + b, 0);
  checkClose(sum, 1, 1e-12, 'sum of the probabilities');
}

export const tests = [
  {
    name: 'shows the article example: loss 1.2729',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      const state = await lab(page);
      check(JSON.stringify(state.logits) === JSON.stringify([-0.5, -0.2, -0.3]), `logits ${JSON.stringify(state.logits)}`);
      check(state.target === 0, `target ${state.target}, expected 0`);
      checkClose(state.loss, ARTICLE_LOSS, 5e-5, 'loss of the article example');
      checkConsistent(state);
      await widgetCenter(page, 'lab-target/0');  // scrolls the lab into view
      await nextFrames(page, 2);
      await screenshot(page, artifacts, 'loss-lab');
    },
  },
  {
    name: "clicks on the lab's target buttons change its target (not the digit's)",
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await click(page, 'lab-target/2');
      let state = await waitForLab(page, (s) => s.target === 2, 'lab target 2 after clicking its button');
      checkConsistent(state);
      await click(page, 'lab-target/1');
      state = await waitForLab(page, (s) => s.target === 1, 'lab target 1 after clicking its button');
      checkConsistent(state);
      const digitTarget = await page.evaluate(() => window.celab.state().target);
      check(digitTarget === 0, `the lab's buttons moved the digit's target to ${digitTarget}`);
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-target-1');
    },
  },
  {
    name: 'setTarget() selects a digit class and rejects what is not one',
    async run({ page, url }) {
      await openApp(page, url);
      await page.evaluate(() => window.celab.setTarget(9));
      const state = await page.evaluate(() => window.celab.state());
      check(state.target === 9, `setTarget(9) left target ${state.target}`);
      for (const bad of [10, -1, 1.5, '1']) {
        const error = await page.evaluate((k) => {
          try {
            window.celab.setTarget(k);
            return null;
          } catch (e) {
            return e.name;
          }
        }, bad);
        check(error === 'RangeError', `setTarget(${JSON.stringify(bad)}) gave ${error}, expected a RangeError`);
      }
    },
  },
  {
    name: 'label smoothing and reduction are computed as PyTorch does',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await typeIntoSlider(page, 'lab-smoothing', 0.1);
      let state = await waitForLab(page, (s) => Math.abs(s.loss - 1.2729) > 1e-3, 'a new loss with label smoothing');
      checkConsistent(state, true);
      // PyTorch 1.13: (1 - eps) * (-log p[y]) + eps / C * sum_c(-log p[c]).
      const nll = state.probabilities.map((p) => -Math.log(p));
      const expected = 0.9 * nll[0] + (0.1 / 3) * nll.reduce((a, b) => a + b, 0);
      checkClose(state.loss, expected, 1e-12, 'label-smoothed loss');
      await click(page, 'lab-reduction/sum');
      await nextFrames(page, 2);
      state = await lab(page);
      checkClose(state.loss, expected, 1e-12, "one sample's loss with reduction 'sum'");
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-options');
    },
  },
  {
    name: 'crisp at devicePixelRatio 2, and follows the window size',
    timeoutMs: 180_000,  // several window sizes, each a full-page render with software WebGL
    device: { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 },
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { width: c.width, height: c.height, dpr: devicePixelRatio };
      });
      check(canvas.dpr === 2, `devicePixelRatio ${canvas.dpr}`);
      check(canvas.width === 2560 && canvas.height === 1440,
        `canvas backing store ${canvas.width}×${canvas.height}, expected 2560×1440 (CSS size × 2)`);
      // Clicks land where the button is drawn, in CSS pixels, at this ratio too.
      await click(page, 'lab-target/1');
      await waitForLab(page, (s) => s.target === 1, 'lab target 1 after a click at DPR 2');
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-dpr2');

      // A phone-sized window: the canvas follows and the page reflows to one column.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(() => document.getElementById('canvas').width === 780, null, { timeout: 5_000 });
      await nextFrames(page, 3);
      await click(page, 'lab-target/0');
      await waitForLab(page, (s) => s.target === 0, 'lab target 0 after a click in the phone layout');
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-phone');
    },
  },
  {
    name: 'a devicePixelRatio change while running keeps it crisp',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      const canvasWidth = () => page.evaluate(() => document.getElementById('canvas').width);
      check((await canvasWidth()) === 1280, `canvas ${await canvasWidth()} pixels wide at ratio 1, expected 1280`);
      // As when the window moves to a "retina" screen: the fonts are rebuilt at the new ratio.
      await page.setDeviceScaleFactor(2);
      await page.waitForFunction(() => document.getElementById('canvas').width === 2560, null, { timeout: 5_000 })
        .catch(async () => check(false, `canvas ${await canvasWidth()} pixels wide after the ratio became 2, expected 2560`));
      // Where the button is drawn at the new ratio: widget rects come from a drawn frame, and the
      // first frame after the change can still be laid out at the old one (slow frames in WebKit).
      await nextFrames(page, 3);
      await click(page, 'target/2');
      await waitForState(page, (s) => s.target === 2, 'target 2 after a click once the ratio changed');
      await nextFrames(page, 3);
      await screenshot(page, artifacts, 'ratio-change');
    },
  },
  {
    name: 'more classes: the + button adds a logit, its button targets it',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      // The field's + button is the square at its right end.
      await widgetCenter(page, 'classes');
      const field = await page.evaluate(() => window.celab.rects().classes);
      const plus = { x: field.x + field.width - field.height / 2, y: field.y + field.height / 2 };
      await page.mouse.click(plus.x, plus.y);
      let state = await waitForLab(page, (s) => s.logits.length === 4, 'four classes after clicking +');
      check(state.logits[3] === 0, `the new class's logit is ${state.logits[3]}, expected 0`);
      check(state.target === 0, `adding a class moved the target to ${state.target}`);
      await click(page, 'lab-target/3');
      state = await waitForLab(page, (s) => s.target === 3, 'target 3 with four classes');
      checkConsistent(state);
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-four-classes');
    },
  },
];
