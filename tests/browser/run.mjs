// Browser tests: serves the built site on a free local port, runs every tests/browser/*.test.mjs in
// Debian's headless Chromium (through playwright-core), and fails a test on any console error,
// page error or failed request, besides its own checks. Screenshots go to build/test-artifacts/.
//
//   node tests/browser/run.mjs [--site DIR] [--artifacts DIR] [NAME_FILTER...]
//
// A test file exports `tests`: [{name, device?: {viewport, deviceScaleFactor, hasTouch}, timeoutMs?,
// expectedFailures?: [text], run({page, url, artifacts})}]. Each test gets its own browser with a fresh
// profile. expectedFailures: failed requests, HTTP errors and console errors whose line contains one of
// these texts are what the test provokes (a download it makes fail), not problems.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS } from './lib/chromium.mjs';
import { serveDirectory } from './lib/static_server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const DEFAULT_DEVICE = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 };
const TEST_TIMEOUT_MS = 90_000;

function parseArgs(argv) {
  const options = { site: join(ROOT, 'build/site'), artifacts: join(ROOT, 'build/test-artifacts'), filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--site' || arg === '--artifacts') {
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
  console.error(`run.mjs: ${problem}\nusage: node tests/browser/run.mjs [--site DIR] [--artifacts DIR] [NAME_FILTER...]`);
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
async function runTest(test, url, artifacts) {
  const profile = mkdtempSync(join(tmpdir(), 'celab-chromium-'));
  const device = { ...DEFAULT_DEVICE, ...test.device };
  const problems = [];
  const log = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...device,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      log.push(`[${message.type()}] ${message.text()}`);
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    await withTimeout(test.run({ page, url, artifacts }), test.timeoutMs ?? TEST_TIMEOUT_MS, 'the test');
    // One more round trip to the page, so console messages sent during the test have arrived.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
  } catch (error) {
    problems.unshift(error.name === 'TestFailure' ? error.message : error.stack ?? String(error));
  } finally {
    await context?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  const expected = test.expectedFailures ?? [];
  const unexpected = problems.filter((p) => !expected.some((text) => p.includes(text)));
  if (unexpected.length > 0 && log.length > 0) unexpected.push(`page console:\n    ${log.join('\n    ')}`);
  return unexpected;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(options.site, 'index.html'))) {
    console.error(`run.mjs: ${join(options.site, 'index.html')} not found; build the site first (./build.sh web)`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`run.mjs: ${CHROMIUM} not found; install Debian's chromium (./build.sh deps)`);
    process.exit(2);
  }
  const tests = await loadTests(options.filters);
  if (tests.length === 0) usage(`no test matches ${options.filters.join(' ')}`);

  const server = await serveDirectory(options.site);
  console.log(`serving ${options.site} at ${server.url}`);
  let passed = 0;
  let failed = 0;
  try {
    for (const test of tests) {
      const started = Date.now();
      const problems = await runTest(test, server.url, options.artifacts);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (problems.length === 0) {
        passed++;
        console.log(`ok    ${test.name} (${seconds} s)`);
      } else {
        failed++;
        console.log(`FAIL  ${test.name} (${seconds} s)\n  ${problems.join('\n  ')}`);
      }
    }
  } finally {
    await server.close();
  }
  console.log(`screenshots in ${options.artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`run.mjs: ${error.stack ?? error}`);
  process.exit(1);
});
