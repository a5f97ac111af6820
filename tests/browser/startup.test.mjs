// Start-up failures are never a blank page: a file that does not arrive, WebAssembly that does not
// compile, an exception before the first frame. Each shows a message in the page saying what
// happened and what to do, and sets window.celab.error. (No WebGL at all: webgl.test.mjs.)
import { check, screenshot } from './lib/page.mjs';

// Opens the page and resolves to what it shows once window.celab.error is set.
async function failure(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.celab && window.celab.error, null, { timeout: 30_000 });
  return page.evaluate(() => ({
    error: window.celab.error,
    ready: window.celab.ready,
    visible: !document.getElementById('failure').hidden,
    title: document.querySelector('#failure h1').textContent,
    advice: document.querySelector('#failure p').textContent,
    detail: document.querySelector('#failure code').textContent,
    canvasShown: getComputedStyle(document.getElementById('canvas')).display !== 'none',
    loading: document.getElementById('status') !== null,
  }));
}

function checkShown(shown, title, advice, detail) {
  check(shown.visible && !shown.canvasShown && !shown.loading && shown.ready === false,
    `message shown ${shown.visible}, canvas shown ${shown.canvasShown}, "Loading…" ${shown.loading}, ready ${shown.ready}`);
  check(shown.title === title, `title "${shown.title}", expected "${title}"`);
  check(advice.test(shown.advice), `advice "${shown.advice}" does not match ${advice}`);
  check(detail.test(shown.detail), `detail "${shown.detail}" does not match ${detail}`);
  check(shown.error === `${shown.title}: ${shown.detail}`, `window.celab.error "${shown.error}"`);
}

export const tests = [
  {
    name: 'index.wasm not found: "a file of the page did not arrive", with the file and the HTTP status',
    expectedErrors: /index\.wasm|404/,
    async run({ page, url, artifacts }) {
      await page.respondTo('/index.wasm', { status: 404, body: 'not found', contentType: 'text/plain' });
      const shown = await failure(page, url);
      checkShown(shown, 'A file of the page did not arrive', /reload the page/, /^index\.wasm: HTTP 404/);
      await screenshot(page, artifacts, 'startup-wasm-404');
    },
  },
  {
    name: 'index.js not found: the same message, naming index.js',
    expectedErrors: /index\.js|404/,
    async run({ page, url }) {
      await page.respondTo('/index.js', { status: 404, body: 'not found', contentType: 'text/plain' });
      checkShown(await failure(page, url), 'A file of the page did not arrive', /reload the page/, /^index\.js could not be fetched/);
    },
  },
  {
    name: 'index.wasm that does not compile: which browsers run the page',
    async run({ page, url, artifacts }) {
      await page.respondTo('/index.wasm', { body: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff, 0xff]),
        contentType: 'application/wasm' });
      const shown = await failure(page, url);
      checkShown(shown, 'This browser cannot run the page\'s WebAssembly', /Firefox 100 or later/, /^index\.wasm: /);
      await screenshot(page, artifacts, 'startup-wasm-broken');
    },
  },
  {
    name: 'an exception before the first frame stops the page with a message, not a blank page',
    expectedErrors: /shader creation failed for this test/,
    async run({ page, url, artifacts }) {
      // WebGL that fails as a broken driver would: the renderer's first shader throws.
      await page.addInitScript(() => {
        for (const type of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
          type.prototype.createShader = () => { throw new Error('shader creation failed for this test'); };
        }
      });
      const shown = await failure(page, url);
      checkShown(shown, 'Cross-Entropy Lab stopped', /Reload the page/, /shader creation failed for this test/);
      await screenshot(page, artifacts, 'startup-exception');
    },
  },
];
