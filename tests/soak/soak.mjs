// Soak test (issue 5; not part of CI): a long session of random use in headless Chromium, watching
// memory. For SECONDS (default 600) it draws our own test drawings with the mouse (moved and
// scaled at random), sets targets with the keys, learns, undoes, clears, loads random test digits
// and resets the model, as a user would, through real mouse and keyboard events.
//
// Every 10 s it samples, after a forced garbage collection:
//   - the JS heap in use (DevTools Runtime.getHeapUsage),
//   - the WebAssembly memory size (it only ever grows, so growth after warm-up is a leak),
//   - the bytes the C++ heap has handed out and not freed (window.celab.memory(), dlmalloc).
// It fails (exit 1) on any console error or page error, on wasm memory growth after the first
// minute (the warm-up), or when the C++ heap or the JS heap at the end stands more than their slack
// above the first sample after warm-up. A run no longer than the warm-up (./build.sh test runs 30 s,
// to catch a soak test that no longer runs) judges errors only, and says so. It prints every
// sample and a JSON summary. The page is the browser tests' TestPage (tests/browser/lib/test_page.mjs).
//
//   node tests/soak/soak.mjs [--seconds N] [--site DIR]      (./build.sh soak [SECONDS])
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch } from '../browser/lib/browsers.mjs';
import { drawWithMouse, readDrawings } from '../browser/lib/drawing.mjs';
import { openApp, widgetCenter } from '../browser/lib/page.mjs';
import { serveDirectory } from '../browser/lib/static_server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE_EVERY_MS = 10_000;
const WARMUP_MS = 60_000;
// Slack for the end-vs-start comparison: allocator and V8 bookkeeping move by a few kB either way.
const HEAP_SLACK_BYTES = 64 * 1024;
const JS_SLACK_BYTES = 1024 * 1024;

function options() {
  const o = { seconds: 600, site: join(ROOT, 'build/site') };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--seconds' && /^[0-9]+$/.test(value ?? '') && Number(value) >= 20) o.seconds = Number(value);
    else if (flag === '--site' && value) o.site = resolve(value);
    else {
      console.error(`soak.mjs: bad argument '${flag ?? ''} ${value ?? ''}'\n` +
        'usage: node tests/soak/soak.mjs [--seconds N (>= 20)] [--site DIR]');
      process.exit(2);
    }
  }
  if (!existsSync(join(o.site, 'index.html'))) {
    console.error(`soak.mjs: ${join(o.site, 'index.html')} not found; build the site first (./build.sh web)`);
    process.exit(2);
  }
  return o;
}

// A small seeded generator, so a failing run can be repeated (seed printed at the start).
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The drawing moved and scaled about the canvas centre, kept on the 280 x 280 canvas.
function jitter(drawing, random) {
  const scale = 0.6 + 0.5 * random();
  const dx = (random() - 0.5) * 80;
  const dy = (random() - 0.5) * 80;
  const clamp = (v) => Math.min(279, Math.max(0, v));
  return {
    ...drawing,
    strokes: drawing.strokes.map((s) => s.map(([x, y]) => [clamp(140 + (x - 140) * scale + dx), clamp(140 + (y - 140) * scale + dy)])),
  };
}

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
}

async function sample(page, startedAt) {
  const jsHeapBytes = await page.jsHeapBytes();
  const wasm = await page.evaluate(() => window.celab.memory());
  return { seconds: Math.round((Date.now() - startedAt) / 1000), jsHeapBytes, ...wasm };
}

async function main() {
  const o = options();
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
  const random = mulberry32(seed);
  const drawings = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl'));
  const server = await serveDirectory(o.site);
  const problems = [];
  const samples = [];
  const actions = { draw: 0, target: 0, learn: 0, undo: 0, clear: 0, digit: 0, reset: 0 };
  console.log(`soak: ${o.seconds} s of random use of ${server.url}, seed ${seed} (SOAK_SEED=${seed} repeats it)`);
  let session;
  try {
    session = await launch('chromium', { device: { viewport: { width: 1280, height: 720 } } });
    const page = session.page;
    page.on('console', (type, text) => { if (type === 'error') problems.push(`console error: ${text}`); });
    page.on('pageerror', (message) => problems.push(`page error: ${message}`));
    await openApp(page, server.url);
    const startedAt = Date.now();
    let nextSampleAt = startedAt;
    while (Date.now() - startedAt < o.seconds * 1000 && problems.length === 0) {
      if (Date.now() >= nextSampleAt) {
        const s = await sample(page, startedAt);
        samples.push(s);
        console.log(`  t=${String(s.seconds).padStart(4)} s  JS heap ${s.jsHeapBytes} B  wasm memory ${s.wasmBytes} B  ` +
          `C++ heap in use ${s.heapBytesInUse} B`);
        nextSampleAt += SAMPLE_EVERY_MS;
      }
      const r = random();
      if (r < 0.45) {
        await widgetCenter(page, 'drawing');  // scrolls it back into view after a click further down
        const rect = await page.evaluate(() => window.celab.drawingRect());
        await drawWithMouse(page, jitter(drawings[Math.floor(random() * drawings.length)], random), rect);
        actions.draw++;
      } else if (r < 0.65) {
        await page.keyboard.press(String(Math.floor(random() * 10)));
        actions.target++;
      } else if (r < 0.75) {
        await click(page, 'learn');
        actions.learn++;
      } else if (r < 0.82) {
        await page.keyboard.press('Control+z');
        actions.undo++;
      } else if (r < 0.92) {
        await page.keyboard.press('c');
        actions.clear++;
      } else if (r < 0.98) {
        await click(page, 'random-digit');
        actions.digit++;
      } else {
        await click(page, 'reset-model');
        actions.reset++;
      }
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
    }
    samples.push(await sample(page, startedAt));
    const state = await page.evaluate(() => window.celab.state());
    if (state.predicted !== -1 && !state.probabilities.every(Number.isFinite)) {
      problems.push(`the probabilities are not finite at the end: ${JSON.stringify(state.probabilities)}`);
    }
  } catch (error) {
    problems.push(error.stack ?? String(error));
  } finally {
    await session?.close().catch(() => {});
    await server.close();
  }

  const afterWarmup = samples.filter((s) => s.seconds * 1000 >= WARMUP_MS);
  if (afterWarmup.length >= 2) {
    const [first, last] = [afterWarmup[0], afterWarmup[afterWarmup.length - 1]];
    if (last.wasmBytes !== first.wasmBytes) {
      problems.push(`wasm memory grew after warm-up: ${first.wasmBytes} B at ${first.seconds} s -> ${last.wasmBytes} B at ${last.seconds} s`);
    }
    if (last.heapBytesInUse - first.heapBytesInUse > HEAP_SLACK_BYTES) {
      problems.push(`C++ heap in use grew: ${first.heapBytesInUse} B at ${first.seconds} s -> ${last.heapBytesInUse} B at ${last.seconds} s`);
    }
    if (last.jsHeapBytes - first.jsHeapBytes > JS_SLACK_BYTES) {
      problems.push(`JS heap grew: ${first.jsHeapBytes} B at ${first.seconds} s -> ${last.jsHeapBytes} B at ${last.seconds} s`);
    }
  } else if (o.seconds * 1000 <= WARMUP_MS) {
    console.log(`soak: memory not judged (a run of ${o.seconds} s ends within the ${WARMUP_MS / 1000} s warm-up)`);
  } else if (problems.length === 0) {
    problems.push(`too few samples after the ${WARMUP_MS / 1000} s warm-up to judge (${afterWarmup.length})`);
  }
  const range = (key) => afterWarmup.length ? [Math.min(...afterWarmup.map((s) => s[key])), Math.max(...afterWarmup.map((s) => s[key]))] : null;
  console.log(`actions: ${Object.entries(actions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(JSON.stringify({
    seconds: o.seconds, seed, actions, samples: samples.length,
    afterWarmup: { jsHeapBytes: range('jsHeapBytes'), wasmBytes: range('wasmBytes'), heapBytesInUse: range('heapBytesInUse') },
    problems,
  }));
  if (problems.length > 0) {
    console.log(`soak: FAILED\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const judged = afterWarmup.length >= 2 ? 'memory flat after warm-up, ' : '';
  console.log(`soak: passed (${judged}no console errors, no page errors)`);
}

main().catch((error) => {
  console.error(`soak.mjs: ${error.stack ?? error}`);
  process.exit(1);
});
