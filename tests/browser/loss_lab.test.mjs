// The first page: the article's worked example, live. Real key presses and mouse clicks only;
// window.celab is read to check results and to find where the target buttons are drawn.
import { check, checkClose, nextFrames, openApp, screenshot, waitForState, widgetCenter } from './lib/page.mjs';

const ARTICLE_LOSS = 1.2729;  // the article's answer to 4 decimals: logits [-0.5, -0.2, -0.3], target 0

// The three computations agree, and the loss is -log p[target] of the page's own probabilities.
function checkConsistent(state) {
  const { crossEntropy, formula, logSoftmaxNll } = state.losses;
  checkClose(formula, crossEntropy, 1e-12, '-x[y] + log sum exp(x) vs nn.CrossEntropyLoss');
  checkClose(logSoftmaxNll, crossEntropy, 1e-12, 'LogSoftmax + NLLLoss vs nn.CrossEntropyLoss');
  checkClose(state.loss, -Math.log(state.probabilities[state.target]), 1e-12, `loss vs -log p[${state.target}]`);
  const sum = state.probabilities.reduce((a, b) => a + b, 0);
  checkClose(sum, 1, 1e-12, 'sum of the probabilities');
}

export const tests = [
  {
    name: 'shows the article example: loss 1.2729',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await nextFrames(page, 3);
      const state = await page.evaluate(() => window.celab.state());
      check(JSON.stringify(state.logits) === JSON.stringify([-0.5, -0.2, -0.3]), `logits ${JSON.stringify(state.logits)}`);
      check(state.target === 0, `target ${state.target}, expected 0`);
      checkClose(state.loss, ARTICLE_LOSS, 5e-5, 'loss of the article example');
      checkConsistent(state);
      await screenshot(page, artifacts, 'loss-lab');
    },
  },
  {
    name: 'a key press and a mouse click change the target',
    async run({ page, url, artifacts }) {
      await openApp(page, url);

      await page.keyboard.press('1');
      let state = await waitForState(page, (s) => s.target === 1, 'target 1 after pressing the key 1');
      checkConsistent(state);
      checkClose(state.loss, -Math.log(state.probabilities[1]), 1e-12, 'loss after key 1');

      // A digit that is not a class of three logits changes nothing.
      await page.keyboard.press('7');
      await nextFrames(page, 3);
      state = await page.evaluate(() => window.celab.state());
      check(state.target === 1, `key 7 with 3 classes moved the target to ${state.target}`);

      const button = await widgetCenter(page, 'target/2');
      await page.mouse.click(button.x, button.y);
      state = await waitForState(page, (s) => s.target === 2, 'target 2 after clicking its button');
      checkConsistent(state);
      checkClose(state.loss, -Math.log(state.probabilities[2]), 1e-12, 'loss after clicking target 2');
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-target-2');
    },
  },
  {
    name: 'setTarget() selects a class and rejects what is not one',
    async run({ page, url }) {
      await openApp(page, url);
      await page.evaluate(() => window.celab.setTarget(2));
      const state = await page.evaluate(() => window.celab.state());
      check(state.target === 2, `setTarget(2) left target ${state.target}`);
      for (const bad of [3, -1, 1.5, '1']) {
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
    name: 'crisp at devicePixelRatio 2, and follows the window size',
    device: { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 },
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await nextFrames(page, 3);
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { width: c.width, height: c.height, css: c.getBoundingClientRect().width, dpr: devicePixelRatio };
      });
      check(canvas.dpr === 2, `devicePixelRatio ${canvas.dpr}`);
      check(canvas.width === 2560 && canvas.height === 1440,
        `canvas backing store ${canvas.width}×${canvas.height}, expected 2560×1440 (CSS size × 2)`);
      // Clicks land where the button is drawn, in CSS pixels, at this ratio too.
      const button = await widgetCenter(page, 'target/1');
      await page.mouse.click(button.x, button.y);
      await waitForState(page, (s) => s.target === 1, 'target 1 after a click at DPR 2');
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-dpr2');

      // A phone-sized window: the canvas follows and the page reflows to one column.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(() => document.getElementById('canvas').width === 780, null, { timeout: 5_000 });
      await nextFrames(page, 3);
      const narrow = await widgetCenter(page, 'target/0');
      check(narrow.x < 390 && narrow.y < 844, `target button 0 at ${JSON.stringify(narrow)} is off a 390×844 screen`);
      await page.mouse.click(narrow.x, narrow.y);
      await waitForState(page, (s) => s.target === 0, 'target 0 after a click in the phone layout');
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
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 720, deviceScaleFactor: 2, mobile: false });
      await page.waitForFunction(() => document.getElementById('canvas').width === 2560, null, { timeout: 5_000 })
        .catch(async () => check(false, `canvas ${await canvasWidth()} pixels wide after the ratio became 2, expected 2560`));
      const button = await widgetCenter(page, 'target/2');
      await page.mouse.click(button.x, button.y);
      await waitForState(page, (s) => s.target === 2, 'target 2 after a click once the ratio changed');
      await nextFrames(page, 3);
      await screenshot(page, artifacts, 'loss-lab-ratio-change');
    },
  },
  {
    name: 'more classes: the + button adds a logit, its number key targets it',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      // The field's + button is the square at its right end.
      const field = await page.evaluate(() => window.celab.rects().classes);
      check(field, 'the class count field is not on the page');
      const plus = { x: field.x + field.width - field.height / 2, y: field.y + field.height / 2 };
      await page.mouse.click(plus.x, plus.y);
      let state = await waitForState(page, (s) => s.logits.length === 4, 'four classes after clicking +');
      check(state.logits[3] === 0, `the new class's logit is ${state.logits[3]}, expected 0`);
      check(state.target === 0, `adding a class moved the target to ${state.target}`);

      await page.keyboard.press('3');
      state = await waitForState(page, (s) => s.target === 3, 'target 3 after pressing 3 with four classes');
      checkConsistent(state);
      checkClose(state.loss, -Math.log(state.probabilities[3]), 1e-12, 'loss for target 3');
      await nextFrames(page);
      await screenshot(page, artifacts, 'loss-lab-four-classes');
    },
  },
];
