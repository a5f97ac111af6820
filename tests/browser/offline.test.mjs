// Installable and offline (web/service_worker.js, cmake/offline.cmake): after a first visit the page
// reloads without a network ready and predicting; the training digits need the network until the
// training card has fetched them once; a new build is never shadowed by the old one's cache; the
// manifest of the page's language names the app and its icons. The network goes away as a phone's
// does: the static server stops answering (page.setOffline).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { drawWithMouse, readDrawings } from './lib/drawing.mjs';
import { check, nextFrames, openApp, screenshot, scrollTo, widgetCenter } from './lib/page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEVEN = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl')).find((d) => d.label === 7);
// The downloads that fail offline, as the training card reports them (Chromium logs them as
// "Failed to load resource: net::ERR_FAILED", without their names).
const TRAIN_FILES = /train\/mnist-train-(images|labels)\.idx|FetchEvent|net::ERR_FAILED|NetworkError|Failed to fetch|Load failed/;

const training = (page) => page.evaluate(() => window.celab.training());

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
}

// Until this build's service worker controls the page (its start-up files all in its cache: it
// activates only once they are). Resolves to the cache names.
async function serviceWorkerReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null &&
    navigator.serviceWorker.controller.state === 'activated', null, { timeout: 60_000 });
  return page.evaluate(() => caches.keys());
}

// Loads the page (as a reload does) and waits until ready; resolves to the seconds it took.
async function loadTimed(page, url) {
  const started = Date.now();
  await openApp(page, url);
  return (Date.now() - started) / 1000;
}

async function drawnSevenIsASeven(page, what) {
  await drawWithMouse(page, SEVEN, await page.evaluate(() => window.celab.drawingRect()));
  const s = await page.evaluate(() => window.celab.state());
  check(s.predicted === 7, `${what}: predicted ${s.predicted} for a drawn 7`);
}

async function waitForTraining(page, predicate, description, timeout = 30_000) {
  await page.waitForFunction(`(${predicate})(window.celab.training())`, null, { timeout })
    .catch(async () => check(false, `timed out waiting for ${description}: ${JSON.stringify(await training(page)).slice(0, 400)}`));
  return training(page);
}

export const tests = [
  {
    name: 'offline after the first visit: a reload without a network is ready and predicts a drawn 7, no console error',
    timeoutMs: 120_000,
    async run({ page, url, artifacts, browser }) {
      const first = await loadTimed(page, url);
      const caches = await serviceWorkerReady(page);
      check(caches.length === 1 && /^celab-[0-9a-f]{16}$/.test(caches[0]), `caches ${JSON.stringify(caches)}`);
      await page.setOffline(true);
      const offline = await loadTimed(page, url);
      await drawnSevenIsASeven(page, 'offline');
      console.log(`      ${browser}: ready in ${first.toFixed(1)} s on the first visit, ${offline.toFixed(1)} s offline`);
      await nextFrames(page, 2);
      await screenshot(page, artifacts, 'offline-seven');
    },
  },
  {
    name: 'offline, the training card says the training digits need the network; once fetched they are kept and training runs offline',
    timeoutMs: 180_000,
    expectedErrors: TRAIN_FILES,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await serviceWorkerReady(page);
      await page.setOffline(true);
      await openApp(page, url);
      await scrollTo(page, 'train/start');
      await click(page, 'train/start');
      let t = await waitForTraining(page, (x) => x.error !== null, 'the download to fail');
      check(t.dataNeedsNetwork && /could not be fetched/.test(t.error), `offline: error "${t.error}", needs network ${t.dataNeedsNetwork}`);
      await nextFrames(page, 3);
      await screenshot(page, artifacts, 'offline-training-needs-network');

      // Online again: Retry fetches them, and a run starts (the worker's files are fetched too).
      await page.setOffline(false);
      await click(page, 'train/retry');
      t = await waitForTraining(page, (x) => x.dataReady, 'the training digits after Retry online');
      check(!t.dataNeedsNetwork && t.error === null, `after Retry: error ${t.error}`);
      await page.evaluate(() => window.celab.startTraining({ seed: 5 }));
      await waitForTraining(page, (x) => x.steps >= 2, 'two steps online', 60_000);
      await page.evaluate(() => window.celab.pauseTraining());

      // Offline again: all of it comes from the service worker's cache.
      await page.setOffline(true);
      await openApp(page, url);
      await page.evaluate(() => window.celab.startTraining({ seed: 5 }));
      t = await waitForTraining(page, (x) => x.steps >= 2, 'two steps offline', 60_000);
      check(t.error === null && t.dataReady, `offline training: error ${t.error}`);
    },
  },
  {
    name: 'a new build is never shadowed: an open page keeps working through the update, the next load has the change, offline too',
    timeoutMs: 180_000,
    async run({ page, url, server, artifacts }) {
      // A copy of the site, rebuilt in place as the build does: a changed file, then its service worker anew.
      const site = mkdtempSync(join(tmpdir(), 'celab-site-'));
      try {
        cpSync(join(ROOT, 'build/site'), site, { recursive: true });
        server.hooks.root = site;
        await openApp(page, url);
        const [before] = await serviceWorkerReady(page);

        // Build 2: the page and the manifest changed.
        const change = (file, from, to) => writeFileSync(join(site, file), readFileSync(join(site, file), 'utf8').replace(from, to));
        change('index.html', '<head>', '<head><meta name="celab-test-build" content="2">');
        change('manifest.webmanifest', '"short_name": "CE Lab"', '"short_name": "CE Lab 2"');
        execFileSync(process.execPath, [join(ROOT, 'web/make_service_worker.mjs'), join(ROOT, 'web/service_worker.js'), site]);
        const build = () => page.evaluate(async () => [document.querySelector('meta[name="celab-test-build"]')?.content ?? '1',
          (await (await fetch('manifest.webmanifest')).json()).short_name]);

        // The open page finds the update (as browsers check on navigation and now and then), takes
        // the new worker, and works on.
        await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
        await page.waitForFunction((old) => caches.keys().then((k) => k.length === 1 && k[0] !== old), before, { timeout: 60_000 });
        await drawnSevenIsASeven(page, 'the open page after the update');

        await openApp(page, url);
        let got = await build(page);
        check(got.join() === '2,CE Lab 2', `after the update, the page and manifest of build ${got}`);
        await page.setOffline(true);
        await openApp(page, url);
        got = await build(page);
        check(got.join() === '2,CE Lab 2', `offline after the update, the page and manifest of build ${got}`);
        await drawnSevenIsASeven(page, 'offline after the update');
        await screenshot(page, artifacts, 'offline-after-update');
      } finally {
        await page.setOffline(false);
        server.hooks.root = null;
        rmSync(site, { recursive: true, force: true });
      }
    },
  },
  {
    name: "installable: the manifest of the page's language names the app, its icons load, the colour is the page's",
    async run({ page, url }) {
      await openApp(page, url);
      const read = () => page.evaluate(async () => {
        const link = document.getElementById('manifest');
        const manifest = await (await fetch(link.href)).json();
        const icons = [];
        for (const icon of manifest.icons) {
          const image = new Image();
          image.src = new URL(icon.src, link.href).href;
          await image.decode();
          icons.push(`${image.naturalWidth}x${image.naturalHeight}` === icon.sizes);
        }
        return { manifest, icons, page: getComputedStyle(document.body).backgroundColor,
          meta: document.getElementById('theme-color').content };
      });
      let got = await read();
      const { manifest } = got;
      check(manifest.name === 'Cross-Entropy Lab' && manifest.short_name && manifest.lang === 'en' &&
        manifest.display === 'standalone' && manifest.start_url === './', `manifest ${JSON.stringify(manifest)}`);
      check(got.icons.length >= 3 && got.icons.every(Boolean), `icons of the sizes the manifest says: ${got.icons}`);
      check(manifest.icons.some((i) => i.purpose === 'maskable'), 'no maskable icon');
      const rgb = manifest.theme_color.match(/[0-9a-f]{2}/g).map((h) => parseInt(h, 16));
      check(got.page === `rgb(${rgb.join(', ')})` && got.meta === got.page, `theme ${manifest.theme_color}, page ${got.page}, meta ${got.meta}`);

      await page.evaluate(() => window.celab.setLanguage('zh'));
      // The page's HTML follows the app's language a frame later (web_language_frame).
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: 10_000 });
      got = await read();
      check(got.manifest.lang === 'zh-CN' && got.manifest.name === '交叉熵实验室', `Chinese manifest ${JSON.stringify(got.manifest)}`);
    },
  },
];
