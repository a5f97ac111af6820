// The training lab (issue 10), used as a user uses it: real clicks on the training and batch cards;
// window.celab is read to check the numbers and to find the widgets. The batch's losses are checked
// against the native CLI (`celab loss`), a drawing made during training against `celab predict` with
// the page's own weights.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { asDrawnInto, drawWithMouse, readDrawings, setBrushRadius } from './lib/drawing.mjs';
import { nativeLoss, nativePredictions } from './lib/native.mjs';
import { check, checkClose, nextFrames, openApp, screenshot, scrollTo, typeIntoSlider, widgetCenter } from './lib/page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OWN = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl'));
const THREE = OWN.find((d) => d.label === 3);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const LN10 = Math.log(10);
const TRAIN_IMAGES = 'mnist-train-images.idx';
const TRAIN_IMAGES_PATH = `/train/${TRAIN_IMAGES}`;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

const training = (page) => page.evaluate(() => window.celab.training());
const batch = (page) => page.evaluate(() => window.celab.batch());

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
  await nextFrames(page, 2);
}

// Waits until training() satisfies `predicate(training, arg)` (run in the page: it sees only `arg`).
async function waitForTraining(page, predicate, description, timeout = 30_000, arg = null) {
  try {
    await page.waitForFunction(`(${predicate})(window.celab.training(), ${JSON.stringify(arg)})`, null, { timeout });
  } catch {
    const t = await training(page);
    throw new Error(`timed out waiting for ${description}; training() is ${JSON.stringify({ ...t, losses: t.losses.length, runningMeans: undefined })}`);
  }
  return training(page);
}

// The batch's losses against `celab loss` on the same logits, targets and options.
function checkBatchAgainstCli(b) {
  const options = { weight: b.weights, labelSmoothing: b.labelSmoothing };
  const none = nativeLoss(b.logits, b.targets, { ...options, reduction: 'none' });
  check(none.loss.length === b.lossNone.length, `celab loss gave ${none.loss.length} row losses for ${b.lossNone.length}`);
  b.lossNone.forEach((l, i) => checkClose(l, none.loss[i], 1e-12 * Math.max(1, none.loss[i]), `loss of sample ${i} (reduction='none')`));
  for (const reduction of ['mean', 'sum']) {
    const cli = nativeLoss(b.logits, b.targets, { ...options, reduction });
    const page = reduction === 'mean' ? b.lossMean : b.lossSum;
    checkClose(page, cli.loss, 1e-12 * Math.max(1, Math.abs(cli.loss)), `reduction='${reduction}'`);
  }
}

export const tests = [
  {
    name: "batch card: per-sample losses, 'mean' and 'sum' equal celab loss, with an ignored sample, class weights and label smoothing",
    timeoutMs: 120_000,
    // In every engine. WebKit once missed the thumbnail's click 1 run in 3: the rects it aimed at were
    // drawn while the batch's logits were still coming, and the card grew when they arrived, moving
    // the thumbnails. The card now keeps its layout while computing (batch_card.cpp).
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      check((await training(page)).dataFraction === 0, 'the training digits were fetched at start-up');
      await click(page, 'batch/open');
      await waitForTraining(page, (t) => t.dataReady, 'the training digits');
      await page.waitForFunction(() => window.celab.batch() !== null, null, { timeout: 10_000 });
      let b = await batch(page);
      check(b.labels.length === 64, `a batch of ${b.labels.length}, expected 64 by default`);
      check(b.labels.every((y) => Number.isInteger(y) && y >= 0 && y <= 9), `labels ${b.labels}`);
      checkBatchAgainstCli(b);

      // Click sample 5's label: it becomes ignore_index, out of both reductions.
      await scrollTo(page, 'batch/new');
      await click(page, 'batch/label/5');
      b = await batch(page);
      check(b.ignored[5] && b.targets[5] === -100 && b.lossNone[5] === 0, `sample 5 after its click: ${JSON.stringify({ ignored: b.ignored[5], target: b.targets[5] })}`);
      check(b.ignored.filter(Boolean).length === 1, 'one click ignored more than one sample');
      checkClose(b.meanDivisor, 63, 0, 'the mean divides by the 63 samples not ignored');
      checkBatchAgainstCli(b);
      await screenshot(page, artifacts, 'batch-ignored');

      // Class weights and label smoothing from the loss options card, set with the mouse.
      await click(page, 'weights');
      const slider = await page.evaluate(() => window.celab.rects()['weight/3']);
      await page.mouse.click(slider.x + slider.width / 2, slider.y + slider.height * 0.3);
      await typeIntoSlider(page, 'smoothing', 0.1);
      await nextFrames(page, 3);
      b = await batch(page);
      check(b.weights && b.weights.length === 10 && b.weights[3] > 1, `weights ${JSON.stringify(b.weights)} after raising class 3's`);
      checkClose(b.labelSmoothing, 0.1, 1e-6, 'label smoothing');
      check(b.criterion.includes('weight=') && b.criterion.includes('label_smoothing=0.1'), `criterion ${b.criterion}`);
      checkBatchAgainstCli(b);

      // A new batch: the next digits of the epoch's order, nothing ignored.
      await scrollTo(page, 'batch/new');
      const before = b.labels.join(',');
      await click(page, 'batch/new');
      b = await batch(page);
      check(b.labels.join(',') !== before && !b.ignored.some(Boolean), 'New batch did not give a fresh batch');
      // A thumbnail clicked goes into the drawing area with its label.
      await click(page, 'batch/thumb/2');
      // The click shows on the page's next frame (WebKit's click returns before it).
      const s = await page.waitForFunction((label) => window.celab.state().label === label && window.celab.state().hasDigit,
        b.labels[2], { timeout: 5_000 }).then(() => page.evaluate(() => window.celab.state()),
        () => page.evaluate(() => window.celab.state()));
      check(s.label === b.labels[2] && s.hasDigit, `the drawing area shows label ${s.label}, expected ${b.labels[2]}`);
      await nextFrames(page, 3);
      await screenshot(page, artifacts, 'batch-desktop');
    },
  },
  {
    name: 'Start from scratch: the first loss is ln 10 within 0.3 and falls; Pause stops the steps; Reset returns to the shipped model',
    browsers: ['chromium'],  // training runs in a Web Worker; Firefox's share of the suite is the app, digits, reach tests (CI time)
    timeoutMs: 120_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await drawWithMouse(page, THREE, await page.evaluate(() => window.celab.drawingRect()));
      const shipped = (await page.evaluate(() => window.celab.state())).logits;
      await scrollTo(page, 'train/start');
      await click(page, 'train/scratch');
      await click(page, 'train/start');
      let t = await waitForTraining(page, (x) => x.steps >= 60, '60 steps');
      check(t.running && t.options.fromScratch && t.options.seed === 1, `running ${t.running}, options ${JSON.stringify(t.options)}`);
      checkClose(t.losses[0], LN10, 0.3, "a fresh network's first loss");
      const first10 = t.losses.slice(0, 10).reduce((a, b) => a + b) / 10;
      const last10 = t.losses.slice(-10).reduce((a, b) => a + b) / 10;
      check(last10 < 0.5 * first10, `the loss did not fall: mean of the first 10 steps ${first10}, of the last 10 ${last10}`);
      check(t.accuracies.length >= 1 && t.accuracies[0].step === 0, `accuracies ${JSON.stringify(t.accuracies)}`);
      check(t.imagesPerSecond > 0 && t.epochs > 0, `images/s ${t.imagesPerSecond}, epochs ${t.epochs}`);
      await screenshot(page, artifacts, 'training-running');

      await click(page, 'train/pause');
      t = await waitForTraining(page, (x) => x.status === 'paused', 'paused');
      await sleep(300);  // a report of the step under way may still come in
      const paused = (await training(page)).steps;
      await sleep(1500);
      t = await training(page);
      check(t.steps === paused && !t.running, `steps went on after Pause: ${paused} -> ${t.steps}`);
      await click(page, 'train/step');
      t = await waitForTraining(page, (x, n) => x.steps === n + 1, 'one more step after Step', 10_000, paused);

      const trained = (await page.evaluate(() => window.celab.state())).logits;
      check(trained.some((v, k) => v !== shipped[k]), 'the drawing is still predicted by the shipped model');
      await click(page, 'train/reset');
      t = await training(page);
      const after = (await page.evaluate(() => window.celab.state())).logits;
      check(t.steps === 0 && t.status === 'idle', `after Reset: ${t.steps} steps, ${t.status}`);
      check(after.every((v, k) => v === shipped[k]), 'Reset did not bring back the shipped model');
    },
  },
  {
    name: 'from scratch to 97% on the test digits within 60 s of training',
    browsers: ['chromium'],  // a speed goal, measured where the speed bench measures it
    timeoutMs: 180_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await scrollTo(page, 'train/start');
      await click(page, 'train/start');
      await waitForTraining(page, (t) => t.steps >= 1, 'the first step');
      const started = Date.now();
      const t = await waitForTraining(page, (x) => x.testAccuracy >= 0.97, 'test accuracy 97%', 60_000);
      const seconds = (Date.now() - started) / 1000;
      console.log(`      97% after ${seconds.toFixed(1)} s: step ${t.steps}, epoch ${t.epochs.toFixed(2)}, ` +
        `${t.imagesPerSecond.toFixed(0)} images/s, accuracy ${t.testAccuracy}`);
      await screenshot(page, artifacts, 'training-97');
    },
  },
  {
    name: 'a drawing made during training is predicted by the current weights (celab predict with the page\'s model file)',
    browsers: ['chromium'],  // training runs in a Web Worker; Firefox's share of the suite is the app, digits, reach tests (CI time)
    timeoutMs: 120_000,
    async run({ page, url }) {
      await openApp(page, url);
      await page.evaluate(() => window.celab.startTraining({ fromScratch: true, seed: 7, optimizer: 'sgd', batchSize: 32 }));
      await waitForTraining(page, (t) => t.steps >= 5, '5 steps');
      const rect = await page.evaluate(() => window.celab.drawingRect());
      await setBrushRadius(page, THREE.brush_radius);
      await drawWithMouse(page, THREE, rect);
      // The same drawing, predicted anew as the weights change.
      const a = (await page.evaluate(() => window.celab.state())).logits;
      const stepsA = (await training(page)).steps;
      await waitForTraining(page, (t, n) => t.steps > n + 3, 'more steps', 30_000, stepsA);
      await nextFrames(page, 2);
      const b = (await page.evaluate(() => window.celab.state())).logits;
      check(a.some((v, k) => v !== b[k]), 'the prediction of the drawing did not change while training');

      await page.evaluate(() => window.celab.pauseTraining());
      await waitForTraining(page, (t) => t.status === 'paused', 'paused');
      await sleep(500);
      await nextFrames(page, 3);
      const s = await page.evaluate(() => window.celab.state());
      const dir = mkdtempSync(join(tmpdir(), 'celab-trained-'));
      try {
        const model = join(dir, 'trained.celab');
        writeFileSync(model, Buffer.from(await page.evaluate(() => Array.from(window.celab.modelFile()))));
        const [native] = nativePredictions([asDrawnInto(THREE, rect)], model);
        // The CLI prints 3 decimals.
        native.logits.forEach((v, k) => checkClose(s.logits[k], v, 2e-3, `logit ${k} vs celab predict --model (page's weights)`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a failed or truncated download of the training digits is reported in the page, and Retry recovers',
    browsers: ['chromium'],  // training runs in a Web Worker; Firefox's share of the suite is the app, digits, reach tests (CI time)
    timeoutMs: 120_000,
    // Chromium logs the 404 without the file's name.
    expectedErrors: new RegExp(`${TRAIN_IMAGES}|the server responded with a status of 404`),
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await drawWithMouse(page, THREE, await page.evaluate(() => window.celab.drawingRect()));
      const drawn = await page.evaluate(() => window.celab.state());
      await page.respondTo(TRAIN_IMAGES_PATH, { status: 404, body: 'not here', contentType: 'text/plain' });
      await scrollTo(page, 'train/start');
      await click(page, 'train/start');
      let t = await waitForTraining(page, (x) => x.error !== null, 'an error');
      check(t.error.includes(TRAIN_IMAGES) && t.error.includes('404'), `error "${t.error}" does not name the file and the status`);
      check(!t.running && !t.dataReady && t.steps === 0, `after the failure: ${JSON.stringify({ running: t.running, dataReady: t.dataReady })}`);
      await nextFrames(page, 3);
      await screenshot(page, artifacts, 'training-download-failed');

      // Half the file: the IDX check names what is missing.
      const full = await (await fetch(`${url}train/${TRAIN_IMAGES}`)).arrayBuffer();
      await page.respondTo(TRAIN_IMAGES_PATH, { status: 200, body: Buffer.from(full).subarray(0, full.byteLength >> 1) });
      await click(page, 'train/retry');
      t = await waitForTraining(page, (x) => x.error !== null && x.error.includes('images'), 'the truncation error');
      check(/truncated|bytes/.test(t.error), `error "${t.error}" does not say the file is short`);

      // Nothing already shown is lost: the drawing and its prediction are still there.
      const s = await page.evaluate(() => window.celab.state());
      check(s.hasDigit && s.predicted === drawn.predicted, `the drawing's prediction went from ${drawn.predicted} to ${s.predicted}`);

      await page.stopRespondingTo(TRAIN_IMAGES_PATH);
      await click(page, 'train/retry');
      t = await waitForTraining(page, (x) => x.dataReady, 'the training digits after Retry');
      check(t.error === null, `error still shown: ${t.error}`);
      await click(page, 'train/start');
      await waitForTraining(page, (x) => x.steps >= 3, 'training after the retried download');
    },
  },
  {
    name: 'both cards on a phone',
    browsers: ['chromium'],  // training runs in a Web Worker; Firefox's share of the suite is the app, digits, reach tests (CI time)
    device: PHONE,
    timeoutMs: 120_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await page.evaluate(() => window.celab.startTraining({ seed: 3 }));
      await waitForTraining(page, (t) => t.steps >= 40, '40 steps');
      await page.evaluate(() => window.celab.pauseTraining());
      await page.evaluate(() => window.celab.newBatch());
      await page.waitForFunction(() => window.celab.batch() !== null, null, { timeout: 10_000 });
      await scrollTo(page, 'train/start');
      await screenshot(page, artifacts, 'training-phone');
      await scrollTo(page, 'batch/new');
      await screenshot(page, artifacts, 'batch-phone');
      const rects = await page.evaluate(() => window.celab.rects());
      for (const name of ['batch/thumb/0', 'batch/label/0', 'train/start']) {
        check(rects[name] && rects[name].x >= 0 && rects[name].x + rects[name].width <= 390, `${name} outside the phone's width: ${JSON.stringify(rects[name])}`);
      }
    },
  },
];
