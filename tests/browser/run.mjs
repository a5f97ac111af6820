// Browser tests: serves the built site on a free local port, runs every tests/browser/*.test.mjs in
// Debian's Chromium (headless), Firefox ESR and WebKitGTK's MiniBrowser (both headful, under Xvfb)
// (lib/browsers.mjs), and fails a test on any console error, page error or failed request, besides
// its own checks. Screenshots go to build/test-artifacts/BROWSER/.
//
//   node tests/browser/run.mjs [--browser chromium|firefox|webkit|all] [--site DIR] [--artifacts DIR] [NAME_FILTER...]
//
// Without an X display, a run that includes Firefox or WebKit starts itself again under xvfb-run.
// A test file exports `tests`: [{name, device?: {viewport, deviceScaleFactor, hasTouch, isMobile},
// webgl?: 'none' | 'webgl1', browsers?: [names] (default: all), expectedErrors?: RegExp (console
// errors and failed requests the test provokes), timeoutMs?, run({page, url, artifacts, browser})}],
// `page` a lib/test_page.mjs TestPage (lib/webkit.mjs WebKitPage in WebKit), `server` the static
// server (lib/static_server.mjs). Each test gets its own browser with a fresh profile.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { BROWSERS, HEADFUL, launch, unavailable } from './lib/browsers.mjs';
import { serveDirectory } from './lib/static_server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const DEFAULT_DEVICE = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 };
const TEST_TIMEOUT_MS = 90_000;

function parseArgs(argv) {
  const options = { site: join(ROOT, 'build/site'), artifacts: join(ROOT, 'build/test-artifacts'), filters: [],
    browsers: BROWSERS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--browser') {
      const name = argv[++i];
      if (name !== 'all' && !BROWSERS.includes(name)) usage(`--browser takes ${BROWSERS.join(', ')} or all, not ${name}`);
      options.browsers = name === 'all' ? BROWSERS : [name];
    } else if (arg === '--site' || arg === '--artifacts') {
      if (i + 1 >= argv.length) usage(`${arg} needs a directory`);
      options[arg.slice(2)] = resolve(argv[++i]);
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else {
      options.filters.push(arg);
    }
  }
  return options;
}

function usage(problem) {
  console.error(`run.mjs: ${problem}\nusage: node tests/browser/run.mjs [--browser chromium|firefox|webkit|all] [--site DIR] [--artifacts DIR] [NAME_FILTER...]`);
  process.exit(2);
}

async function loadTests(filters) {
  const files = readdirSync(HERE).filter((f) => f.endsWith('.test.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const module = await import(pathToFileURL(join(HERE, file)).href);
    if (!Array.isArray(module.tests)) throw new Error(`${file} does not export a \`tests\` array`);
    for (const test of module.tests) {
      const name = `${file.replace(/\.test\.mjs$/, '')}: ${test.name}`;
      if (filters.length === 0 || filters.some((f) => name.includes(f))) tests.push({ ...test, name });
    }
  }
  return tests;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Runs one test in a fresh browser; returns a list of problems (empty: passed).
async function runTest(test, browser, server, artifacts) {
  const { url } = server;
  const device = { ...DEFAULT_DEVICE, ...test.device };
  const problems = [];
  const log = [];
  let session;
  try {
    session = await launch(browser, { device, webgl: test.webgl, server });
    const { page } = session;
    // A test that provokes failures names the ones it expects (test.expectedErrors).
    const problem = (text) => {
      if (!test.expectedErrors?.test(text)) problems.push(text);
    };
    page.on('console', (type, text) => {
      log.push(`[${type}] ${text}`);
      if (type === 'error') problem(`console error: ${text}`);
    });
    page.on('pageerror', (message) => problem(`page error: ${message}`));
    page.on('requestfailed', (requestUrl, reason) => problem(`request failed: ${requestUrl} (${reason})`));
    page.on('response', (responseUrl, status) => {
      if (status >= 400) problem(`HTTP ${status} for ${responseUrl}`);
    });
    await withTimeout(test.run({ page, url, artifacts, browser, server }), test.timeoutMs ?? TEST_TIMEOUT_MS, 'the test');
    // One more round trip to the page, so console messages sent during the test have arrived.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
  } catch (error) {
    problems.unshift(error.name === 'TestFailure' ? error.message : error.stack ?? String(error));
  } finally {
    await session?.close().catch(() => {});
    await server.setOffline(false);  // a test that took the network away and failed before giving it back
  }
  if (problems.length > 0 && log.length > 0) problems.push(`page console:\n    ${log.join('\n    ')}`);
  return problems;
}

// Firefox and WebKit run headful: without a display, this run starts again under xvfb-run (one
// screen as large as any test's window). Returns its exit code, or null to go on here.
function rerunUnderXvfb(options) {
  if (!options.browsers.some((b) => HEADFUL.includes(b)) || process.env.DISPLAY) return null;
  const xvfb = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1920x1080x24', process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit' });
  if (xvfb.error) {
    console.error(`run.mjs: Firefox and WebKit need an X display and xvfb-run failed (${xvfb.error.message}): install xvfb (./build.sh deps)`);
    return 2;
  }
  return xvfb.status ?? 1;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(options.site, 'index.html'))) {
    console.error(`run.mjs: ${join(options.site, 'index.html')} not found; build the site first (./build.sh web)`);
    process.exit(2);
  }
  const rerun = rerunUnderXvfb(options);
  if (rerun !== null) process.exit(rerun);
  for (const browser of options.browsers) {
    const why = unavailable(browser);
    if (why) {
      console.error(`run.mjs: ${why}`);
      process.exit(2);
    }
  }
  const tests = await loadTests(options.filters);
  const runs = options.browsers.flatMap((browser) =>
    tests.filter((t) => !t.browsers || t.browsers.includes(browser)).map((test) => ({ test, browser })));
  if (runs.length === 0) usage(`no test matches ${options.filters.join(' ')} in ${options.browsers.join(', ')}`);

  const server = await serveDirectory(options.site);
  console.log(`serving ${options.site} at ${server.url}`);
  let passed = 0;
  let failed = 0;
  const secondsIn = Object.fromEntries(options.browsers.map((b) => [b, 0]));
  try {
    for (const { test, browser } of runs) {
      const started = Date.now();
      const problems = await runTest(test, browser, server, join(options.artifacts, browser));
      secondsIn[browser] += (Date.now() - started) / 1000;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const name = `${browser.padEnd(8)} ${test.name}`;
      if (problems.length === 0) {
        passed++;
        console.log(`ok    ${name} (${seconds} s)`);
      } else {
        failed++;
        console.log(`FAIL  ${name} (${seconds} s)\n  ${problems.join('\n  ')}`);
      }
    }
  } finally {
    await server.close();
  }
  console.log(`screenshots in ${options.artifacts}/{${options.browsers.join(',')}}`);
  console.log(`time per browser: ${options.browsers.map((b) => `${b} ${secondsIn[b].toFixed(0)} s`).join(', ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`run.mjs: ${error.stack ?? error}`);
  process.exit(1);
});
