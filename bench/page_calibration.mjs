// The calibration figures of the page's 500 test digits (window.celab.calibration()) for the shipped
// model and for a model trained in the page from scratch for SECONDS seconds (default 60), before and
// after the temperature fitted on one half (measured on the other half). For the note of issue 18.
//
//   node bench/page_calibration.mjs [--site build/site] [--seconds 60] [--seed 1]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch } from '../tests/browser/lib/browsers.mjs';
import { openApp } from '../tests/browser/lib/page.mjs';
import { serveDirectory } from '../tests/browser/lib/static_server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const site = resolve(option('--site', join(ROOT, 'build/site')));
const seconds = Number(option('--seconds', 60));
const seed = Number(option('--seed', 1));

const line = (what, c, steps) => {
  const pct = (v) => (100 * v).toFixed(2) + '%';
  console.log(`${what}: accuracy ${pct(c.accuracy)}, ECE ${pct(c.ece)}, largest gap ${pct(c.mce)}, NLL ${c.nll.toFixed(4)}` +
    (steps !== undefined ? ` (${steps} steps)` : ''));
  console.log(`  fitted T ${c.fittedT.toFixed(4)}; held-out half: ECE ${pct(c.eceBefore)} -> ${pct(c.eceAfter)}, ` +
    `NLL ${c.nllBefore.toFixed(4)} -> ${c.nllAfter.toFixed(4)}`);
};

const server = await serveDirectory(site);
const session = await launch('chromium', { device: { viewport: { width: 1280, height: 720 } } });
try {
  const { page } = session;
  await openApp(page, server.url);
  line('shipped model', await page.evaluate(() => window.celab.calibration()));
  await page.evaluate((s) => window.celab.startTraining({ fromScratch: true, seed: s, criterion: 'cross_entropy' }), seed);
  await page.waitForFunction(() => window.celab.training().steps > 0, null, { timeout: 120_000 });
  await new Promise((done) => setTimeout(done, seconds * 1000));
  await page.evaluate(() => window.celab.pauseTraining());
  const t = await page.evaluate(() => window.celab.training());
  line(`trained in the page from scratch for ${seconds} s, seed ${seed}`, await page.evaluate(() => window.celab.calibration()), t.steps);
} finally {
  await session.close();
  server.close();
}
