// The network's forward pass on one image in the page, celab (index.wasm, through
// window.celabBench, src/app/web_forward_bench.cpp) against ONNX Runtime Web (npm onnxruntime-web,
// its wasm backend: SIMD, one thread) running the same weights (build/bench/model.onnx, made by
// bench/export_onnx.py from assets/model.celab), side by side in one page. The app's frames are
// paused while timing. performance.now() is coarse (0.1 ms) on a page that is not cross-origin
// isolated, so each figure times a block of many runs; blocks alternate between the two and the
// medians of the per-image times are compared. Used by page_budget.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ORT_PREFIX = '/bench-ort/';
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream' };

// Serves ONNX Runtime Web's files and the ONNX model under /bench-ort/ to this page only: they are
// bench products, not part of the site.
async function routeOrt(page, ortDir, onnxPath) {
  for (const path of [ortDir, onnxPath]) {
    if (!existsSync(path)) throw new Error(`${path} is missing (run ./build.sh bench page, which makes it)`);
  }
  await page.route(`**${ORT_PREFIX}**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(ORT_PREFIX.length);
    const file = name === 'model.onnx' ? onnxPath : join(ortDir, name);
    if (name.includes('/') || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Resolves to { celabMs, ortMs, ratio, ortVersion, logitsMaxDiff, celabBlocks, ortBlocks }: the median
// milliseconds per image over `blocks` blocks of `runs` forward passes each.
export async function compareForward(page, url, { ortDir, onnxPath, blocks = 15, runs = 400 }) {
  await routeOrt(page, ortDir, onnxPath);
  await page.goto(url);
  await page.waitForFunction(() => window.celab && window.celab.ready, null, { timeout: 60_000 });
  await page.addScriptTag({ url: new URL(`${ORT_PREFIX}ort.wasm.min.js`, url).href });
  const r = await page.evaluate(async ({ prefix, blocks, runs }) => {
    const bytes = async (name) => new Uint8Array(await (await fetch(name)).arrayBuffer());
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
    window.celabBench.pauseFrames(true);
    try {
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
    } finally {
      window.celabBench.pauseFrames(false);
    }
  }, { prefix: ORT_PREFIX, blocks, runs });
  const celabMs = median(r.celabBlocks);
  const ortMs = median(r.ortBlocks);
  return { ...r, celabMs, ortMs, ratio: celabMs / ortMs };
}
