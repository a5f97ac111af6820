// The confidence side of the page (issue 18): the −log p curve and the units switch in the loss card,
// the temperature slider, squared error beside cross-entropy, the calibration card with "Fit T", the
// confusion matrix and the hardest digits, and the training card's criterion choice with past runs
// kept on the plot. Real clicks where a user would click; window.celab is read to check the numbers
// (against softmax and −log p computed here from the page's own logits).
import { check, checkClose, ctrlClick, nextFrames, openApp, screenshot, scrollTo, typeIntoSlider, widgetCenter } from './lib/page.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };

const state = (page) => page.evaluate(() => window.celab.state());

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
  await nextFrames(page, 2);
}

function softmax(z) {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

async function rangeError(page, call) {
  return page.evaluate((source) => {
    try {
      (0, eval)(source);
      return null;
    } catch (e) {
      return e.name;
    }
  }, call);
}

async function chinese(page) {
  await page.evaluate(() => window.celab.setLanguage('zh'));
  await page.waitForFunction(() => window.celab.state().language === 'zh', null, { timeout: 10_000 });
  await nextFrames(page, 4);
}

// Every recorded widget whose name starts with one of `prefixes` lies inside the window's width.
async function checkInsideWidth(page, prefixes) {
  const width = page.viewportSize().width;
  const rects = await page.evaluate(() => window.celab.rects());
  for (const [name, r] of Object.entries(rects)) {
    if (!prefixes.some((p) => name.startsWith(p))) continue;
    check(r.x >= 0 && r.x + r.width <= width + 0.5, `${name} outside the window's width ${width}: ${JSON.stringify(r)}`);
  }
}

// Screenshots of the loss card's curve, the temperature card, the calibration and hardest cards.
async function cardScreenshots(page, artifacts, suffix) {
  await page.evaluate(() => window.celab.showTestDigit(0));  // a 7, the model sure of it
  await page.evaluate(() => window.celab.setTarget(3));
  await scrollTo(page, 'units/nats');
  await screenshot(page, artifacts, `confidence-curve-${suffix}`);
  await scrollTo(page, 'temperature/slider');
  await screenshot(page, artifacts, `confidence-temperature-${suffix}`);
  await page.evaluate(() => window.celab.calibration());
  await scrollTo(page, 'calibration/fit');
  await click(page, 'calibration/fit');
  await scrollTo(page, 'calibration/diagram');
  await screenshot(page, artifacts, `confidence-calibration-${suffix}`);
  await scrollTo(page, 'hardest/cell/0/0');
  await screenshot(page, artifacts, `confidence-hardest-${suffix}`);
  await checkInsideWidth(page, ['units/', 'temperature/', 'calibration/', 'hardest/']);
}

export const tests = [
  {
    name: 'temperature divides the logits: probabilities, loss and gradients follow, the class stays',
    async run({ page, url }) {
      await openApp(page, url);
      await page.evaluate(() => window.celab.showTestDigit(0));
      await page.evaluate(() => window.celab.setTarget(3));
      const plain = await state(page);
      check(plain.temperature === 1, `temperature ${plain.temperature} at start, expected 1 (PyTorch's)`);
      check(plain.hasDigit && plain.predicted >= 0, 'no prediction for test digit 0');
      await typeIntoSlider(page, 'temperature/slider', 2.5);
      await page.waitForFunction(() => Math.abs(window.celab.state().temperature - 2.5) < 1e-6, null, { timeout: 5_000 });
      for (const t of [2.5, 0.1, 10, 0.37]) {
        await page.evaluate((v) => window.celab.setTemperature(v), t);
        const s = await state(page);
        checkClose(s.temperature, t, 1e-6, 'temperature');
        check(s.predicted === plain.predicted, `T = ${t} changed the class from ${plain.predicted} to ${s.predicted}`);
        check(JSON.stringify(s.logits) === JSON.stringify(plain.logits), `T = ${t} changed the model's logits`);
        const p = softmax(s.logits.map((x) => x / t));
        p.forEach((v, c) => checkClose(s.probabilities[c], v, 2e-6, `T = ${t}: p[${c}]`));
        const want = -Math.log(p[3]);
        checkClose(s.loss, want, 1e-4 * Math.max(1, want), `T = ${t}: loss = −log softmax(x / T)[3]`);
        p.forEach((v, c) => checkClose(s.gradLogits[c], (v - (c === 3 ? 1 : 0)) / t, 1e-5 / Math.min(1, t), `T = ${t}: dL/dx[${c}]`));
        checkClose(s.losses.crossEntropy, s.loss, 1e-4 * Math.max(1, want), `T = ${t}: the loss written out three ways`);
      }
      await click(page, 'temperature/reset');
      check((await state(page)).temperature === 1, 'T = 1 (PyTorch) did not reset the temperature');
      for (const bad of ['window.celab.setTemperature(0)', 'window.celab.setTemperature(-1)', "window.celab.setTemperature('2')",
        'window.celab.setTemperature(NaN)']) {
        check((await rangeError(page, bad)) === 'RangeError', `${bad} was not a RangeError`);
      }
    },
  },
  {
    // Dear ImGui 1.86 reads a key as down or up once a frame; the platform layer ends a frame's events
    // at a key press (src/app/platform/sdl_platform.h) so that a press and release within one frame
    // are both seen. Before, the field stayed open and wrote 2.5 back over setTemperature(0.1).
    name: 'temperature: Enter pressed and released within one frame closes the typed field; a value set afterwards stays',
    async run({ page, url }) {
      await openApp(page, url);
      await scrollTo(page, 'temperature/slider');
      await ctrlClick(page, await widgetCenter(page, 'temperature/slider'));
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2.5');
      // Both events in one task: they reach SDL's queue before the next frame, whatever the engine.
      await page.evaluate(() => {
        for (const type of ['keydown', 'keyup']) window.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', code: 'Enter' }));
      });
      // One key press a frame: the typed keys and the Enter take a frame each (WebDriver sends them all at once).
      await page.waitForFunction(() => Math.abs(window.celab.state().temperature - 2.5) < 1e-6, null, { timeout: 5_000 })
        .catch(async () => check(false, `the typed temperature: expected 2.5, got ${(await state(page)).temperature}`));
      await nextFrames(page, 4);
      await page.evaluate(() => window.celab.setTemperature(0.1));
      await nextFrames(page, 4);
      checkClose((await state(page)).temperature, 0.1, 1e-6, 'temperature after setTemperature(0.1): the typed field was left open');
    },
  },
  {
    name: 'squared error beside cross-entropy: sure and wrong, its push vanishes; units nats or bits',
    async run({ page, url }) {
      await openApp(page, url);
      await page.evaluate(() => window.celab.showTestDigit(0));
      const right = await state(page);
      const wrong = right.predicted === 3 ? 5 : 3;
      await page.evaluate((k) => window.celab.setTarget(k), wrong);
      const s = await state(page);
      check(s.probabilities[wrong] < 1e-3, `p[${wrong}] = ${s.probabilities[wrong]}: the model is not sure this digit is no ${wrong}`);
      const q = s.probabilities.map((_, c) => (c === wrong ? 1 : 0));
      const se = s.probabilities.reduce((sum, p, c) => sum + (p - q[c]) ** 2, 0);
      checkClose(s.squaredError, se, 1e-5, 'squared error = Σ (p − one-hot)²');
      check(s.squaredErrorGradient.length === 10, 'squaredErrorGradient has not 10 entries');
      // d/dx_k Σ_c (p_c − q_c)² = 2 p_k ((p_k − q_k) − Σ_c p_c (p_c − q_c))
      const inner = s.probabilities.reduce((sum, p, c) => sum + p * (p - q[c]), 0);
      s.probabilities.forEach((p, k) => checkClose(s.squaredErrorGradient[k], 2 * p * (p - q[k] - inner), 1e-6, `d SE / d x[${k}]`));
      checkClose(s.gradLogits[wrong], -1, 1e-3, "cross-entropy's push on the target's logit");
      check(Math.abs(s.squaredErrorGradient[wrong]) < 1e-3, `squared error's push ${s.squaredErrorGradient[wrong]} did not vanish`);

      check(s.units === 'nats', `units ${s.units} at start, expected nats`);
      await click(page, 'units/bits');
      check((await state(page)).units === 'bits', 'the bits switch did not set bits');
      await page.evaluate(() => window.celab.setUnits('nats'));
      check((await state(page)).units === 'nats', "setUnits('nats') did not set nats");
      check((await rangeError(page, "window.celab.setUnits('bans')")) === 'RangeError', "setUnits('bans') was not a RangeError");
    },
  },
  {
    name: 'calibration, confusion matrix and hardest digits of the 500 test digits; Fit T and a click on a cell',
    timeoutMs: 120_000,
    async run({ page, url }) {
      await openApp(page, url);
      const c = await page.evaluate(() => window.celab.calibration());
      check(c !== null, 'calibration() is null with the test digits loaded');
      check(c.bins.length === 15, `${c.bins.length} bins, expected 15`);
      check(c.bins.reduce((n, b) => n + b.count, 0) === 500, 'the bins do not hold 500 digits');
      c.bins.forEach((b, i) => {
        checkClose(b.lo, i / 15, 1e-12, `bin ${i} lo`);
        checkClose(b.hi, (i + 1) / 15, 1e-12, `bin ${i} hi`);
        if (b.count) check(b.confidence > b.lo - 1e-12 && b.confidence <= b.hi + 1e-12, `bin ${i}'s confidence ${b.confidence} outside it`);
      });
      const ece = c.bins.reduce((sum, b) => sum + (b.count / 500) * Math.abs(b.accuracy - b.confidence), 0);
      checkClose(c.ece, ece, 1e-12, 'ECE = Σ n_b / N |accuracy_b − confidence_b|');
      check(c.mce >= c.ece && c.mce <= 1, `largest gap ${c.mce} against ECE ${c.ece}`);
      check(c.accuracy > 0.98, `accuracy ${c.accuracy} of the shipped model on the page's digits`);
      check(c.fittedT > 0 && c.nllAfter <= c.nllBefore + 0.02, `Fit T: T ${c.fittedT}, NLL ${c.nllBefore} -> ${c.nllAfter}`);

      const m = await page.evaluate(() => window.celab.confusion());
      check(m.length === 10 && m.every((row) => row.length === 10), 'confusion() is not 10 x 10');
      m.forEach((row, label) => check(row.reduce((a, b) => a + b, 0) === 50, `row ${label} does not hold 50 digits`));
      checkClose(m.reduce((n, row, k) => n + row[k], 0) / 500, c.accuracy, 1e-12, 'accuracy from the diagonal');

      const all = await page.evaluate(() => window.celab.hardest(500));
      check(all.length === 500, `hardest(500) gave ${all.length}`);
      for (let k = 1; k < all.length; k++) check(all[k - 1].loss >= all[k].loss, `hardest() not sorted at ${k}`);
      checkClose(all.reduce((s, d) => s + d.loss, 0) / 500, c.nll, 1e-9, 'NLL = mean of the digits\' losses');
      check((await rangeError(page, 'window.celab.hardest(-1)')) === 'RangeError', 'hardest(-1) was not a RangeError');

      // "Fit T", then "Use this T": the drawing takes the fitted temperature.
      await scrollTo(page, 'calibration/fit');
      await click(page, 'calibration/fit');
      await click(page, 'calibration/use');
      checkClose((await state(page)).temperature, Math.min(10, Math.max(0.1, c.fittedT)), 1e-6, 'temperature after "Use this T"');
      await page.evaluate(() => window.celab.setTemperature(1));

      // A wrong cell: its digits, highest loss first; a click on the first draws it.
      const worst = all[0];
      check(worst.label !== worst.predicted, `the hardest digit ${JSON.stringify(worst)} is right`);
      await scrollTo(page, 'hardest/cell/0/0');
      await click(page, `hardest/cell/${worst.label}/${worst.predicted}`);
      await click(page, 'hardest/digit/0');
      const s = await state(page);
      check(s.label === worst.label, `the first digit of cell ${worst.label}/${worst.predicted} has label ${s.label}`);
      check(s.predicted === worst.predicted, `it is predicted as ${s.predicted}, not ${worst.predicted}`);
    },
  },
  {
    name: 'the new cards at 1280x720, in English',
    timeoutMs: 420_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await cardScreenshots(page, artifacts, 'en-1280x720');
    },
  },
  {
    name: 'the new cards at 1280x720, in Chinese',
    timeoutMs: 420_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await chinese(page);
      await cardScreenshots(page, artifacts, 'zh-1280x720');
    },
  },
  {
    name: 'the new cards on a phone, in English',
    device: PHONE,
    timeoutMs: 420_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await cardScreenshots(page, artifacts, 'en-phone');
    },
  },
  {
    name: 'the new cards on a phone, in Chinese',
    device: PHONE,
    timeoutMs: 420_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await chinese(page);
      await cardScreenshots(page, artifacts, 'zh-phone');
    },
  },
  {
    name: 'training criterion: squared error from scratch, then cross-entropy beside it; test NLL; calibration follows the run',
    browsers: ['chromium'],  // training runs in a Web Worker; Firefox's share of the suite is the app, digits, reach tests (CI time)
    timeoutMs: 150_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      check((await rangeError(page, "window.celab.startTraining({criterion: 'mse'})")) === 'RangeError',
        "startTraining({criterion: 'mse'}) was not a RangeError");
      await scrollTo(page, 'train/start');
      await click(page, 'train/criterion/squared_error');
      check((await page.evaluate(() => window.celab.training().options.criterion)) === 'squared_error', 'the radio did not choose squared error');
      await page.evaluate(() => window.celab.startTraining({ fromScratch: true, seed: 2 }));
      await page.waitForFunction(() => window.celab.training().accuracies.length >= 3, null, { timeout: 90_000 });
      await page.evaluate(() => window.celab.pauseTraining());
      let t = await page.evaluate(() => window.celab.training());
      check(t.options.criterion === 'squared_error', `run's criterion ${t.options.criterion}`);
      check(t.losses.every((l) => l >= 0 && l <= 2), 'a squared-error loss outside [0, 2]');
      checkClose(t.accuracies[0].nll, Math.log(10), 0.3, 'test NLL of a fresh network');
      check(t.testNll === t.accuracies[t.accuracies.length - 1].nll, 'testNll is not the last evaluation\'s');
      const c = await page.evaluate(() => window.celab.calibration());
      check(c.accuracy < 0.99, `calibration() is not of the training run's model (accuracy ${c.accuracy})`);
      const sqSteps = t.steps;

      await page.evaluate(() => window.celab.resetModel());
      await page.evaluate(() => window.celab.startTraining({ fromScratch: true, seed: 2, criterion: 'cross_entropy' }));
      await page.waitForFunction(() => window.celab.training().accuracies.length >= 3, null, { timeout: 90_000 });
      await page.evaluate(() => window.celab.pauseTraining());
      t = await page.evaluate(() => window.celab.training());
      check(t.options.criterion === 'cross_entropy', `second run's criterion ${t.options.criterion}`);
      check(t.pastRuns.length === 1 && t.pastRuns[0].criterion === 'squared_error', `pastRuns ${JSON.stringify(t.pastRuns.map((r) => r.criterion))}`);
      // (Steps of a slice under way when Pause was pressed may still have arrived.)
      check(t.pastRuns[0].runningMeans.length >= sqSteps, 'the past run lost steps');
      check(t.pastRuns[0].accuracies.every((a) => a.nll > 0), 'a past evaluation without its NLL');
      await scrollTo(page, 'train/start');
      await screenshot(page, artifacts, 'confidence-training-criteria');
    },
  },
];
