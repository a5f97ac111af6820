// What an idle page costs (issue 20): the CPU time of the browser's own processes (the browser and
// all its children, from /proc: tests/browser/lib/process_cpu.mjs) over 10 s, taken 2 s after
// window.celab.ready: about:blank for reference, the page after load, and after a drawing.
// Chromium headless (software WebGL: SwiftShader), Firefox and WebKit headful under Xvfb (Mesa llvmpipe).
//
//   node bench/idle_cpu.mjs [--site DIR] [--browser chromium|firefox|webkit|all] [--seconds N]
//
// Without an X display, a run that includes Firefox or WebKit starts itself again under xvfb-run. Prints one
// line per browser and state, `idle cpu BROWSER STATE: P% of one core`, and a JSON summary.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BROWSERS, HEADFUL, launch, unavailable } from '../tests/browser/lib/browsers.mjs';
import { drawWithMouse, readDrawings } from '../tests/browser/lib/drawing.mjs';
import { openApp } from '../tests/browser/lib/page.mjs';
import { machineLine, treeCpuShare } from '../tests/browser/lib/process_cpu.mjs';
import { serveDirectory } from '../tests/browser/lib/static_server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SETTLE_MS = 2000;
const SEVEN = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl')).find((d) => d.label === 7);

function options() {
  const o = { site: join(ROOT, 'build/site'), browsers: BROWSERS, seconds: 10 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--site' && value) o.site = resolve(value);
    else if (flag === '--browser' && (value === 'all' || BROWSERS.includes(value))) o.browsers = value === 'all' ? BROWSERS : [value];
    else if (flag === '--seconds' && Number(value) > 0) o.seconds = Number(value);
    else {
      console.error(`idle_cpu.mjs: bad argument '${flag}${value === undefined ? '' : ' ' + value}'`);
      console.error(`usage: node bench/idle_cpu.mjs [--site DIR] [--browser ${BROWSERS.join('|')}|all] [--seconds N]`);
      process.exit(2);
    }
  }
  return o;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// {blank, loaded, drawn}: shares of one core in `browser`, each over `seconds` after SETTLE_MS.
async function measure(browser, server, seconds) {
  const session = await launch(browser, { device: { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 }, server });
  try {
    const { page } = session;
    const pid = page.browserPid;
    const over = async () => {
      await sleep(SETTLE_MS);
      return (await treeCpuShare(pid, seconds * 1000)).share;
    };
    await page.goto('about:blank');
    const blank = await over();
    await openApp(page, server.url);
    const loaded = await over();
    await drawWithMouse(page, SEVEN, await page.evaluate(() => window.celab.drawingRect()));
    const drawn = await over();
    return { blank, loaded, drawn };
  } finally {
    await session.close();
  }
}

const o = options();
if (o.browsers.some((b) => HEADFUL.includes(b)) && !process.env.DISPLAY) {
  const run = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1920x1080x24', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
for (const b of o.browsers) {
  const why = unavailable(b);
  if (why) {
    console.error(`idle_cpu.mjs: ${why}`);
    process.exit(2);
  }
}
const server = await serveDirectory(o.site);
const results = {};
try {
  for (const browser of o.browsers) {
    console.log(`machine: ${machineLine()} (before ${browser})`);
    results[browser] = await measure(browser, server, o.seconds);
    for (const [state, share] of Object.entries(results[browser])) {
      console.log(`idle cpu ${browser.padEnd(8)} ${state.padEnd(6)}: ${(100 * share).toFixed(1)}% of one core over ${o.seconds} s`);
    }
  }
} finally {
  await server.close();
}
console.log(`machine: ${machineLine()} (after)`);
console.log(JSON.stringify({ site: o.site, seconds: o.seconds, results }));
