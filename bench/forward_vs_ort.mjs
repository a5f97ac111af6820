// The network's forward pass on one image in a browser page, celab (the page's C++ and compiler flags,
// built as a module of its own: build/web/bench/forward-bench.js, window.celabBench,
// bench/web/forward_bench.cpp) against ONNX Runtime Web (npm onnxruntime-web, its wasm backend: SIMD,
// one thread) running the same weights (build/bench/model.onnx, made by bench/export_onnx.py from
// assets/model.celab), side by side in one blank page of the site's origin (no app frames drawn
// meanwhile). performance.now() is coarse (0.1 ms) on a page that is not cross-origin
// isolated, so each figure times a block of many runs (2-4 ms); blocks alternate between the two.
// On a shared machine most blocks are stretched by other processes, by chance and by different
// amounts, so the per-image latency is each one's fastest block (their medians are printed too).
// Used by page_budget.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ORT_PREFIX = '/bench-ort/';
const CELAB_PREFIX = '/bench-celab/';
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream' };

// Serves ONNX Runtime Web's files and the ONNX model under /bench-ort/, celab's forward module and a
// blank page under /bench-celab/, to this page only: they are bench products, not part of the site.
async function routeBench(page, { ortDir, onnxPath, celabDir }) {
  for (const path of [ortDir, onnxPath, join(celabDir, 'forward-bench.js')]) {
    if (!existsSync(path)) throw new Error(`${path} is missing (run ./build.sh bench page, which makes it)`);
  }
  const serve = (prefix, fileOf) => page.route(`**${prefix}**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(prefix.length);
    if (name === 'blank.html') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>bench</title>' });
    const file = fileOf(name);
    if (name.includes('/') || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
  await serve(ORT_PREFIX, (name) => (name === 'model.onnx' ? onnxPath : join(ortDir, name)));
  await serve(CELAB_PREFIX, (name) => join(celabDir, name));
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Resolves to { celabMs, ortMs, ratio, celabMedianMs, ortMedianMs, ortVersion, logitsMaxDiff }: milliseconds
// per image, the fastest of `blocks` blocks of `runs` forward passes each (and the medians). `url`: the
// site (its model.celab and mnist-test-images.idx); `celabDir`: where forward-bench.js and .wasm are.
export async function compareForward(page, url, { ortDir, onnxPath, celabDir, blocks = 100, runs = 60 }) {
  await routeBench(page, { ortDir, onnxPath, celabDir });
  await page.goto(new URL(`${CELAB_PREFIX}blank.html`, url).href);
  await page.addScriptTag({ url: new URL(`${CELAB_PREFIX}forward-bench.js`, url).href });
  await page.waitForFunction(() => window.celabBench, null, { timeout: 60_000 });
  await page.addScriptTag({ url: new URL(`${ORT_PREFIX}ort.wasm.min.js`, url).href });
  const r = await page.evaluate(async ({ prefix, blocks, runs }) => {
    // Site files from the site's root (the page is /bench-celab/blank.html), bench products by their path.
    const bytes = async (name) => new Uint8Array(await (await fetch(name.startsWith('/') ? name : `/${name}`)).arrayBuffer());
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = prefix;
    const session = await ort.InferenceSession.create(await bytes(`${prefix}model.onnx`),
      { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    window.celabBench.load(await bytes('model.celab'));
    // The first MNIST test digit shipped with the site (IDX: 16-byte header, then 28 x 28 bytes).
    const images = await bytes('mnist-test-images.idx');
    const pixels = Float32Array.from(images.subarray(16, 16 + 784), (v) => v / 255);
    const feeds = { pixels: new ort.Tensor('float32', pixels, [1, 1, 28, 28]) };

    const celab = () => window.celabBench.forward(pixels, 1);
    const onnx = async () => (await session.run(feeds)).logits.data;
    for (let i = 0; i < 100; i++) { celab(); await onnx(); }  // warm-up: compile tiers, caches
    const celabBlocks = [];
    const ortBlocks = [];
    for (let b = 0; b < blocks; b++) {
      let start = performance.now();
      for (let i = 0; i < runs; i++) celab();
      celabBlocks.push((performance.now() - start) / runs);
      start = performance.now();
      for (let i = 0; i < runs; i++) await onnx();
      ortBlocks.push((performance.now() - start) / runs);
    }
    const a = celab();
    const o = await onnx();
    const logitsMaxDiff = Math.max(...a.map((v, i) => Math.abs(v - o[i])));
    return { celabBlocks, ortBlocks, logitsMaxDiff, ortVersion: ort.env.versions?.web ?? 'unknown' };
  }, { prefix: ORT_PREFIX, blocks, runs });
  const celabMs = Math.min(...r.celabBlocks);
  const ortMs = Math.min(...r.ortBlocks);
  return {
    celabMs, ortMs, ratio: celabMs / ortMs, celabMedianMs: median(r.celabBlocks), ortMedianMs: median(r.ortBlocks),
    ortVersion: r.ortVersion, logitsMaxDiff: r.logitsMaxDiff,
  };
}
