// The browsers the tests run in: Debian's Chromium headless over the DevTools protocol and Debian's
// Firefox ESR over WebDriver BiDi, both driven by puppeteer-core, Firefox headful (headless Firefox
// has no WebGL without a GPU; under Xvfb, Mesa's llvmpipe gives it WebGL 2); and WebKitGTK's
// MiniBrowser over WebDriver classic (webkit.mjs), headful too. launch() hands back a TestPage
// (test_page.mjs) or a WebKitPage (webkit.mjs): the one page interface every test body is written against.
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { setViewport, TestPage } from './test_page.mjs';
import { launchWebKit, webkitUnavailable } from './webkit.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';
export const BROWSERS = ['chromium', 'firefox', 'webkit'];
// The browsers that run headful and so need an X display (run.mjs starts Xvfb for them).
export const HEADFUL = ['firefox', 'webkit'];

// What a test may ask of the browser's WebGL: 'none' (switched off, as with hardware
// acceleration off), 'webgl1' (WebGL 2 switched off), or undefined (what the browser has).
const WEBGL_SWITCHES = {
  chromium: { none: ['--disable-webgl'], webgl1: ['--disable-webgl2'] },
  firefox: { none: { 'webgl.disabled': true }, webgl1: { 'webgl.enable-webgl2': false } },
};

// Why `name` cannot run here, or null.
export function unavailable(name) {
  if (name === 'chromium' && !existsSync(CHROMIUM)) return `${CHROMIUM} not found: install Debian's chromium (./build.sh deps)`;
  if (name === 'firefox') {
    if (!existsSync(FIREFOX)) return `${FIREFOX} not found: install Debian's firefox-esr (./build.sh deps)`;
    if (!process.env.DISPLAY) return 'Firefox runs headful and needs an X display: run under xvfb-run (./build.sh test does)';
  }
  if (name === 'webkit') return webkitUnavailable();
  return null;
}

// Starts browser `name` with a fresh profile and one page of `device` ({viewport, deviceScaleFactor,
// hasTouch, isMobile}); `server` is the static server the page comes from (lib/static_server.mjs).
// Resolves to {page: TestPage, close()}; page.browserPid is the browser's process
// (its CPU time and its children's: process_cpu.mjs).
export async function launch(name, { device, webgl, server } = {}) {
  if (name === 'webkit') return launchWebKit({ device, webgl, server });
  const viewport = { ...device.viewport, deviceScaleFactor: device.deviceScaleFactor ?? 1,
    hasTouch: device.hasTouch ?? false, isMobile: device.isMobile ?? false };
  const switches = webgl ? WEBGL_SWITCHES[name][webgl] : undefined;
  let browser;
  if (name === 'chromium') {
    browser = await puppeteer.launch({
      browser: 'chrome', executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...(switches ?? [])],
      defaultViewport: viewport,
    });
  } else if (name === 'firefox') {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: false, defaultViewport: viewport,
      extraPrefsFirefox: { ...switches },
    });
  } else {
    throw new Error(`unknown browser ${name} (known: ${BROWSERS.join(', ')})`);
  }
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await setViewport(page, viewport);  // Firefox gives defaultViewport only to pages opened later
    const testPage = new TestPage(name, page, viewport, server);
    testPage.browserPid = browser.process()?.pid ?? null;
    return { page: testPage, close: () => { server?.hooks.reset(); return browser.close(); } };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

