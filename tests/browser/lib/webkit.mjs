// WebKit, the engine of Safari and of every browser on an iPhone: Debian's WebKitGTK MiniBrowser,
// driven through WebKitWebDriver (package webkit2gtk-driver) with selenium-webdriver over WebDriver
// classic, headful under Xvfb (it has no headless mode). launchWebKit() hands back a WebKitPage:
// the page interface of test_page.mjs, made of what WebDriver classic has.
//
// What WebDriver classic lacks, and how it is made up here:
// - No browser log and no script run before a page's own: the static server (static_server.mjs,
//   hooks) puts a recorder first into every HTML page; it keeps console calls, uncaught exceptions
//   and unhandled rejections in window.__celabTestLog, which every call into the page drains. Messages
//   of the engine itself (a failed load, a WebGL warning) never reach a page's script: for failed
//   loads the server reports every response's status instead.
// - No request interception: the static server answers the replaced paths itself.
// - No device emulation: the window is sized so that the page gets the viewport asked for (MiniBrowser's
//   tool bar shrunk by a GTK style sheet so a 390-pixel phone width fits), and the device pixel
//   ratio is GTK's window scaling factor, set through an XSETTINGS daemon (xsettingsd) and changed
//   while the page runs as when a window moves to another screen.
// - No touch: WebKitGTK's driver delivers touch actions as mouse events (pointerType 'mouse');
//   ImGui's input through SDL sees the same presses and moves.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, Capabilities } from 'selenium-webdriver';
import { Command, Name } from 'selenium-webdriver/lib/command.js';
import { Key } from 'selenium-webdriver/lib/input.js';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const XSETTINGSD = '/usr/bin/xsettingsd';

// MiniBrowser lives in WebKitGTK's private folder under the multiarch library directory.
export function miniBrowserPath() {
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    let entries = [];
    try {
      entries = readdirSync(lib);
    } catch {
      continue;
    }
    for (const entry of ['', ...entries]) {
      const candidate = join(lib, entry, 'webkit2gtk-4.1', 'MiniBrowser');
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

// Why WebKit cannot run here, or null.
export function webkitUnavailable() {
  if (!existsSync(WEBKIT_DRIVER) || !miniBrowserPath())
    return `${WEBKIT_DRIVER} or WebKitGTK's MiniBrowser not found: install Debian's webkit2gtk-driver (./build.sh deps)`;
  if (!existsSync(XSETTINGSD)) return `${XSETTINGSD} not found: install Debian's xsettingsd (./build.sh deps)`;
  if (!process.env.DISPLAY) return 'WebKit runs headful and needs an X display: run under xvfb-run (./build.sh test does)';
  return null;
}

// The recorder the static server puts first into every page (see above). Its own source: kept
// small, no dependency, runs before anything else.
function recordConsole() {
  const log = (window.__celabTestLog = []);
  for (const type of ['error', 'warn', 'info', 'log', 'debug']) {
    const original = console[type];
    console[type] = function (...args) {
      log.push({ kind: 'console', type: type === 'warn' ? 'warning' : type, text: args.map(String).join(' ') });
      return original.apply(this, args);
    };
  }
  addEventListener('error', (e) => log.push({ kind: 'pageerror', text: e.message || String(e.error) }));
  addEventListener('unhandledrejection', (e) =>
    log.push({ kind: 'pageerror', text: String((e.reason && e.reason.message) || e.reason) }));
}

// WebKit has no switch for WebGL 2 alone: the page is shown a browser without it, whose canvas
// answers getContext('webgl2') with null.
function withoutWebGL2() {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
  };
}

// GTK style for MiniBrowser's window: its tool bar as small as GTK draws it, so that the window can
// be as narrow as a phone (390 pixels; at GTK's sizes its minimum is 447).
const GTK_CSS = '* { font-size: 1px; padding: 0; margin: 0; min-width: 0; min-height: 0; border-width: 0; ' +
  '-gtk-icon-transform: scale(0.01); }\n';

const freePort = () => new Promise((resolvePort, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolvePort(port));
  });
});

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// Waits until something listens on 127.0.0.1:port (the driver's HTTP server).
async function waitForPort(port, child, timeoutMs) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${child.exitCode}`);
    const open = await fetch(`http://127.0.0.1:${port}/status`).then(() => true, () => false);
    if (open) return;
    if (Date.now() - started > timeoutMs) throw new Error(`WebKitWebDriver did not listen on port ${port} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

// Starts MiniBrowser with a fresh profile and one page of `device`; `server` is the static server
// the tests load the page from (its hooks stand in for what the driver lacks). Resolves to
// {page: WebKitPage, close()}; page.browserPid as launch() gives it (browsers.mjs).
export async function launchWebKit({ device, webgl, server }) {
  const home = mkdtempSync(join(tmpdir(), 'celab-webkit-'));
  mkdirSync(join(home, 'config/gtk-3.0'), { recursive: true });
  writeFileSync(join(home, 'config/gtk-3.0/gtk.css'), GTK_CSS);
  const xsettings = join(home, 'xsettings.conf');
  writeFileSync(xsettings, `Gdk/WindowScalingFactor ${device.deviceScaleFactor ?? 1}\n`);
  const children = [];
  let driver;
  const close = async () => {
    server.hooks.reset();
    await driver?.quit().catch(() => {});
    for (const child of children) child.kill();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const settings = spawn(XSETTINGSD, ['-c', xsettings], { stdio: 'ignore' });
    children.push(settings);
    const port = await freePort();
    // A profile of its own (XDG folders): no cache, storage or service worker from another test.
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache'),
      XDG_DATA_HOME: join(home, 'data') };
    const webDriver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore', env });
    children.push(webDriver);
    await waitForPort(port, webDriver, 10_000);
    const args = ['--automation'];
    if (webgl === 'none') args.push('--enable-webgl=false');
    const capabilities = new Capabilities()
      .set('browserName', 'MiniBrowser')
      .set('webkitgtk:browserOptions', { binary: miniBrowserPath(), args });
    driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
    // Long waits happen in the page (waitForFunction): the script timeout is no test's limit.
    await driver.manage().setTimeouts({ script: 600_000 });
    server.hooks.initScripts.push(`(${recordConsole})();`);
    if (webgl === 'webgl1') server.hooks.initScripts.push(`(${withoutWebGL2})();`);
    const page = new WebKitPage(driver, server, xsettings, settings);
    // The driver starts MiniBrowser, which starts WebKit's web, network and GPU processes: the
    // driver's process is the root of the browser's process tree (process_cpu.mjs).
    page.browserPid = webDriver.pid;
    await page.setViewportSize(device.viewport);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// W3C WebDriver key values of the keys the tests press by name.
const KEYS = {
  Enter: Key.ENTER, Tab: Key.TAB, Space: Key.SPACE, Escape: Key.ESCAPE, Backspace: Key.BACK_SPACE,
  Delete: Key.DELETE, Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN,
  ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN,
  Control: Key.CONTROL, Shift: Key.SHIFT, Alt: Key.ALT, Meta: Key.META,
};
const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta']);
function keyValue(key) {
  if (KEYS[key]) return KEYS[key];
  if ([...key].length !== 1) throw new Error(`WebKitPage: no WebDriver key for "${key}"`);
  return key;
}

// `fn` (a function or an expression string) called with `arg` in the page, as WebDriver's script.
function callSource(fn) {
  return typeof fn === 'function' ? `return (${fn}).apply(null, arguments);` : `return (${fn});`;
}

export class WebKitPage {
  constructor(driver, server, xsettings, settingsDaemon) {
    this.browserName = 'webkit';
    this.hasTouch = false;  // WebKitGTK's driver sends touch actions as mouse events
    this.driver = driver;
    this.server = server;
    this.xsettings = xsettings;
    this.settingsDaemon = settingsDaemon;
    this.handlers = { console: [], pageerror: [], requestfailed: [], response: [] };
    this.pointer = { x: 0, y: 0 };
    this.wheels = 0;
    this.viewport = null;
    this.keyboard = {
      down: (key) => this.actions([{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: keyValue(key) }] }]),
      up: (key) => this.actions([{ type: 'key', id: 'keyboard', actions: [{ type: 'keyUp', value: keyValue(key) }] }]),
      type: (text) => this.actions([{ type: 'key', id: 'keyboard', actions: [...text].flatMap((c) =>
        [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]) }]),
      press: (combo) => {
        const keys = combo.split('+');
        const key = keys.pop();
        for (const modifier of keys) if (!MODIFIERS.has(modifier)) throw new Error(`unknown modifier ${modifier} in "${combo}"`);
        const values = [...keys, key].map(keyValue);
        return this.actions([{ type: 'key', id: 'keyboard', actions: [
          ...values.map((value) => ({ type: 'keyDown', value })),
          ...values.reverse().map((value) => ({ type: 'keyUp', value })),
        ] }]);
      },
    };
    const mouseMove = (x, y) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' });
    const mouse = (steps) => this.actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: steps }]);
    this.mouse = {
      move: (x, y) => {
        this.pointer = { x, y };
        return mouse([mouseMove(x, y)]);
      },
      down: () => mouse([{ type: 'pointerDown', button: 0 }]),
      up: () => mouse([{ type: 'pointerUp', button: 0 }]),
      click: (x, y) => {
        this.pointer = { x, y };
        return mouse([mouseMove(x, y), { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }]);
      },
      // A wheel input source of its own each time: WebKitWebDriver 2.50 delivers the first scroll of
      // a wheel source and drops every later one (no wheel event at all).
      wheel: (deltaX, deltaY) => this.actions([{ type: 'wheel', id: `wheel-${++this.wheels}`, actions: [{ type: 'scroll',
        x: Math.round(this.pointer.x), y: Math.round(this.pointer.y), deltaX, deltaY, origin: 'viewport' }] }]),
    };
    this.touchscreen = { tap: (x, y) => this.stroke([{ x, y }], 'touch') };
  }

  actions(sequences) {
    return this.driver.execute(new Command(Name.ACTIONS).setParameter('actions', sequences));
  }

  // Hands what the page's recorder holds to the handlers (console, pageerror).
  async drain() {
    const entries = await this.driver.executeScript(
      'var l = window.__celabTestLog; return l ? l.splice(0, l.length) : [];').catch(() => []);
    for (const { kind, type, text } of entries) {
      if (kind === 'console') this.handlers.console.forEach((h) => h(type, text));
      else this.handlers.pageerror.forEach((h) => h(text));
    }
  }

  on(event, handler) {
    if (!this.handlers[event]) throw new Error(`WebKitPage.on: unknown event ${event}`);
    this.handlers[event].push(handler);
    if (event === 'response') this.server.hooks.onResponse = (url, status) => this.handlers.response.forEach((h) => h(url, status));
  }

  async goto(url) {
    await this.drain();
    await this.driver.get(url);
  }

  async evaluate(fn, arg) {
    const result = await this.driver.executeScript(callSource(fn), ...(arg === undefined ? [] : [arg]));
    await this.drain();
    return result;
  }

  // Polls in the page every 16 ms until `predicate` (a function of `arg` or an expression; it may
  // return a promise) is truthy.
  async waitForFunction(predicate, arg, { timeout = 30_000 } = {}) {
    const test = typeof predicate === 'function' ? `(${predicate})(arg)` : `(${predicate})`;
    const done = await this.driver.executeScript(`
      var arg = arguments[0], timeout = arguments[1], started = Date.now();
      return new Promise(function (resolve) {
        (function poll() {
          new Promise(function (ready) { ready(${test}); }).catch(function () { return false; }).then(function (value) {
            if (value) return resolve({ value: value });
            if (Date.now() - started > timeout) return resolve(null);
            // setTimeout, not requestAnimationFrame: a page without frames (no WebGL) still polls.
            setTimeout(poll, 16);
          });
        })();
      });`, arg ?? null, timeout);
    await this.drain();
    if (!done) throw new Error(`waitForFunction: ${String(predicate).slice(0, 200)} not true within ${timeout} ms`);
    return done.value;
  }

  addInitScript(fn) {
    this.server.hooks.initScripts.push(`(${fn})();`);
  }

  async screenshot({ path } = {}) {
    const png = Buffer.from(await this.driver.takeScreenshot(), 'base64');
    if (path) writeFileSync(path, png);
    return png;
  }

  viewportSize() {
    return { width: this.viewport.width, height: this.viewport.height };
  }

  // The window made as large as the page's viewport plus MiniBrowser's tool bar.
  async setViewportSize({ width, height }) {
    const inner = () => this.driver.executeScript('return [innerWidth, innerHeight]');
    const window = this.driver.manage().window();
    await window.setRect({ width, height });
    const [w, h] = await inner();
    await window.setRect({ width: width + (width - w), height: height + (height - h) });
    let got = await inner();
    for (let i = 0; i < 20 && (got[0] !== width || got[1] !== height); i++) {
      await sleep(50);
      got = await inner();
    }
    if (got[0] !== width || got[1] !== height)
      throw new Error(`MiniBrowser's page is ${got[0]}×${got[1]}, not the ${width}×${height} asked for`);
    this.viewport = { width, height };
  }

  // GTK's window scaling factor (whole numbers), as when the window moves to another screen.
  async setDeviceScaleFactor(ratio) {
    if (!Number.isInteger(ratio)) throw new Error(`WebKitGTK scales windows by whole numbers, not ${ratio}`);
    writeFileSync(this.xsettings, `Gdk/WindowScalingFactor ${ratio}\n`);
    this.settingsDaemon.kill('SIGHUP');
    await this.waitForFunction((r) => devicePixelRatio === r, ratio, { timeout: 5_000 });
  }

  respondTo(path, response) {
    this.server.hooks.responses.set(path, response);
  }

  stopRespondingTo(path) {
    this.server.hooks.responses.delete(path);
  }

  // The network gone (the static server stops listening) or back.
  setOffline(offline) {
    return this.server.setOffline(offline);
  }

  // One stroke through `points` in one actions call: the driver runs it tick by tick.
  stroke(points, pointerType) {
    const [first, ...rest] = points;
    const move = ({ x, y }) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' });
    const id = pointerType === 'touch' ? 'finger' : 'mouse';
    this.pointer = points[points.length - 1];
    return this.actions([{ type: 'pointer', id, parameters: { pointerType }, actions: [
      move(first), { type: 'pointerDown', button: 0 }, ...rest.map(move), { type: 'pointerUp', button: 0 },
    ] }]);
  }

  async touchDrag(from, to, steps, between) {
    const at = (k) => ({ x: from.x + ((to.x - from.x) * k) / steps, y: from.y + ((to.y - from.y) * k) / steps });
    const finger = (actions) => this.actions([{ type: 'pointer', id: 'finger', parameters: { pointerType: 'touch' }, actions }]);
    const move = ({ x, y }) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' });
    await finger([move(at(0)), { type: 'pointerDown', button: 0 }]);
    for (let k = 1; k <= steps; k++) {
      await finger([move(at(k))]);
      await between();
    }
    await finger([{ type: 'pointerUp', button: 0 }]);
  }
}
