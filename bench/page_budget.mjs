// The page's budgets (issue 4), measured in headless Chromium on this machine:
//   - lastUpdateMs: median of window.celab.timings().lastUpdateMs over ~100 drawing updates
//     (preprocess + forward + loss + gradients), budget 2 ms;
//   - what the page loads before its first prediction, gzip-compressed, budget 1 MB: the files it
//     requests until window.celab.ready (recorded on every load; the training card's files in train/,
//     fetched on demand, must not be among them), and the site's top-level files it can request;
//     the Chinese font (zh-font.otf) is on demand too: only a page shown in Chinese fetches it;
//   - navigation to window.celab.ready (model fetched and loaded, first frame drawn), budget 1 s;
//   - while drawing: the app's own time per frame (the requestAnimationFrame callback) and the frame
//     interval (SwiftShader software WebGL here: the interval says more about this machine than the app);
//   - the network's forward pass on one image against ONNX Runtime Web's in the same page
//     (forward_vs_ort.mjs; goal: celab at most half of its time).
//
//   node bench/page_budget.mjs [--site DIR] [--updates N] [--loads N] [--onnx FILE]
// Needs the built site and the forward-pass module (./build.sh web: build/site, build/web/bench) and
// the ONNX export of the model (bench/export_onnx.py, default build/bench/model.onnx; ./build.sh bench
// page makes all three). Prints one line per figure,
// `ready within 0.5 s: K of N`, `forward ratio (celab/onnxruntime-web): X` and a JSON summary.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/lib/chromium.mjs';
import { serveDirectory } from '../tests/browser/lib/static_server.mjs';
import { compareForward } from './forward_vs_ort.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function options() {
  const o = { site: join(ROOT, 'build/site'), updates: 100, loads: 11, onnx: join(ROOT, 'build/bench/model.onnx') };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--site' || flag === '--onnx') o[flag.slice(2)] = resolve(value);
    else if ((flag === '--updates' || flag === '--loads') && Number.isInteger(Number(value)) && Number(value) > 0) {
      o[flag.slice(2)] = Number(value);
    } else {
      console.error(`page_budget.mjs: bad argument '${flag}${value === undefined ? '' : ' ' + value}'`);
      console.error('usage: node bench/page_budget.mjs [--site DIR] [--updates N] [--loads N] [--onnx FILE]');
      process.exit(2);
    }
  }
  return o;
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

// The files under `dir` (relative paths), each with its size and gzip size.
function siteFiles(dir, prefix = '') {
  const files = [];
  for (const name of readdirSync(join(dir, prefix))) {
    const path = join(prefix, name);
    if (statSync(join(dir, path)).isDirectory()) {
      files.push(...siteFiles(dir, path));
      continue;
    }
    const bytes = readFileSync(join(dir, path));
    files.push({ path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return files;
}

const total = (files, key) => files.reduce((sum, f) => sum + f[key], 0);

async function withPage(fn) {
  const profile = mkdtempSync(join(tmpdir(), 'celab-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    return await fn(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// Per load: ms to ready, and the site paths requested until then.
async function timeToReady(url, loads) {
  const times = [];
  const requested = new Set();
  for (let i = 0; i < loads; i++) {
    times.push(await withPage(async (page) => {
      const seen = [];
      page.on('request', (r) => seen.push(r.url()));
      await page.goto(url);
      await page.waitForFunction(() => window.celab && window.celab.ready, null, { timeout: 60_000 });
      seen.forEach((u) => { if (u.startsWith(url)) requested.add(u.slice(url.length) || 'index.html'); });
      return page.evaluate(() => window.celab.readyAtMs);
    }));
  }
  return { times, requested };
}

// Draws a spiral with real mouse events, one move at a time so each move is one update.
async function drawingUpdates(url, count) {
  return withPage(async (page) => {
    await page.addInitScript(() => {
      const raf = window.requestAnimationFrame.bind(window);
      window.__frames = [];
      window.requestAnimationFrame = (callback) => raf((t) => {
        const start = performance.now();
        callback(t);
        window.__frames.push([t, performance.now() - start]);
      });
    });
    await page.goto(url);
    await page.waitForFunction(() => window.celab && window.celab.ready, null, { timeout: 60_000 });
    const r = await page.evaluate(() => window.celab.drawingRect());
    const at = (k) => {
      const angle = k * 0.35;
      const radius = 20 + k * 0.9;
      return { x: r.x + r.width / 2 + radius * Math.cos(angle), y: r.y + r.height / 2 + radius * Math.sin(angle) };
    };
    const updates = [];
    await page.mouse.move(at(0).x, at(0).y);
    await page.mouse.down();
    await page.evaluate(() => { window.__frames.length = 0; });
    let last = await page.evaluate(() => window.celab.state().updates);
    for (let k = 1; updates.length < count && k < 4 * count; k++) {
      await page.mouse.move(at(k).x, at(k).y);
      await page.waitForFunction((n) => window.celab.state().updates > n, last, { timeout: 10_000 });
      const sample = await page.evaluate(() => ({ updates: window.celab.state().updates, ms: window.celab.timings().lastUpdateMs }));
      last = sample.updates;
      updates.push(sample.ms);
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => window.__frames);
    const callbackMs = frames.map(([, ms]) => ms);
    const intervals = frames.slice(1).map(([t], i) => t - frames[i][0]);
    return { updates, callbackMs, intervals };
  });
}

const o = options();
const files = siteFiles(o.site);
// Fetched only on demand: the training card's files (train/) and the Chinese font. Everything else
// (icons/ too: index.html links the favicon and the manifest) the page may fetch at start-up.
const isOnDemand = (f) => f.path.startsWith('train/') || f.path === 'zh-font.otf';
const startUp = files.filter((f) => !isOnDemand(f));  // what the page can fetch at start-up
const onDemand = files.filter(isOnDemand);
const server = await serveDirectory(o.site);
try {
  const { times: ready, requested } = await timeToReady(server.url, o.loads);
  const { updates, callbackMs, intervals } = await drawingUpdates(server.url, o.updates);
  const forward = await withPage((page) => compareForward(page, server.url, {
    ortDir: join(ROOT, 'node_modules/onnxruntime-web/dist'), onnxPath: o.onnx, celabDir: join(ROOT, 'build/web/bench'),
  }));
  for (const f of files) console.log(`site file        ${f.path} ${f.raw} B (gzip ${f.gzip} B)${isOnDemand(f) ? ', on demand' : ''}`);
  const before = files.filter((f) => requested.has(f.path));
  const strays = [...requested].filter((p) => !startUp.some((f) => f.path === p));
  console.log(`requested before ready: ${[...requested].sort().join(', ')}`);
  if (strays.length > 0) console.log(`NOT a start-up file, requested before ready: ${strays.join(', ')}`);
  console.log(`before the first prediction  ${total(before, 'raw')} B, gzip ${total(before, 'gzip')} B (budget 1048576 B gzip)`);
  console.log(`site at start-up ${total(startUp, 'raw')} B, gzip ${total(startUp, 'gzip')} B (budget 1048576 B gzip); ` +
    `on demand (train/, zh-font.otf) ${total(onDemand, 'raw')} B, gzip ${total(onDemand, 'gzip')} B`);
  console.log(`ready after      median ${median(ready).toFixed(0)} ms over ${ready.length} loads ` +
    `(${ready.map((t) => t.toFixed(0)).join(', ')}) (budget 1000 ms)`);
  console.log(`lastUpdateMs     median ${median(updates).toFixed(3)} ms, p90 ${percentile(updates, 0.9).toFixed(3)} ms ` +
    `over ${updates.length} drawing updates (budget 2 ms)`);
  console.log(`frame callback   median ${median(callbackMs).toFixed(2)} ms, p90 ${percentile(callbackMs, 0.9).toFixed(2)} ms ` +
    `over ${callbackMs.length} frames while drawing (the app's work per frame)`);
  console.log(`frame interval   median ${median(intervals).toFixed(1)} ms while drawing (60 fps = 16.7 ms)`);
  const us = (ms) => (ms * 1000).toFixed(1);
  console.log(`forward, 1 image celab ${us(forward.celabMs)} us (median block ${us(forward.celabMedianMs)} us), ` +
    `onnxruntime-web ${forward.ortVersion} ${us(forward.ortMs)} us (median block ${us(forward.ortMedianMs)} us): ` +
    `fastest of many blocks each; logits differ by at most ${forward.logitsMaxDiff.toExponential(1)}`);
  console.log(`ready within 0.5 s: ${ready.filter((t) => t <= 500).length} of ${ready.length}`);
  console.log(`forward ratio (celab/onnxruntime-web): ${forward.ratio.toFixed(3)}`);
  console.log(JSON.stringify({
    siteGzipBytes: total(startUp, 'gzip'), siteBytes: total(startUp, 'raw'), beforeReadyGzipBytes: total(before, 'gzip'),
    onDemandGzipBytes: total(onDemand, 'gzip'), strayRequestsBeforeReady: strays, readyMedianMs: median(ready), lastUpdateMedianMs: median(updates),
    lastUpdateP90Ms: percentile(updates, 0.9), updates: updates.length, frameCallbackMedianMs: median(callbackMs),
    frameIntervalMedianMs: median(intervals), readyMs: ready, forwardCelabMs: forward.celabMs,
    forwardOrtMs: forward.ortMs, forwardRatio: forward.ratio,
  }));
} finally {
  await server.close();
}
