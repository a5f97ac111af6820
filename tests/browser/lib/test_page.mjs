// The page as every test sees it, in whichever browser runs it (browsers.mjs): a puppeteer page
// behind the few calls the tests make, in one form for Chromium (DevTools protocol) and Firefox
// (WebDriver BiDi). Where the protocols differ (sending a whole stroke at once) the difference
// stays in here.
const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta']);
// Key names both protocols know by another name (WebDriver BiDi has no 'Space').
const KEY_ALIASES = { Space: ' ' };

export class TestPage {
  constructor(browserName, page, viewport, server) {
    this.browserName = browserName;
    this.page = page;
    this.server = server;
    this.hasTouch = true;  // touch actions arrive as touch events (webkit.mjs: as the mouse)
    this.viewport = viewport;
    this.cdp = null;
    const keyboard = page.keyboard;
    const mouse = page.mouse;
    // Keys as 'Enter', '3' or with modifiers 'Control+z': modifiers held while the key is pressed.
    this.keyboard = {
      down: (key) => keyboard.down(KEY_ALIASES[key] ?? key),
      up: (key) => keyboard.up(KEY_ALIASES[key] ?? key),
      type: (text) => keyboard.type(text),
      press: async (combo) => {
        const keys = combo.split('+');
        const key = keys.pop();
        for (const modifier of keys) {
          if (!MODIFIERS.has(modifier)) throw new Error(`unknown modifier ${modifier} in "${combo}"`);
          await keyboard.down(modifier);
        }
        await keyboard.press(KEY_ALIASES[key] ?? key);
        for (const modifier of keys.reverse()) await keyboard.up(modifier);
      },
    };
    this.mouse = {
      move: (x, y) => mouse.move(x, y),
      down: () => mouse.down(),
      up: () => mouse.up(),
      click: (x, y) => mouse.click(x, y),
      wheel: (deltaX, deltaY) => mouse.wheel({ deltaX, deltaY }),
    };
    this.touchscreen = { tap: (x, y) => page.touchscreen.tap(x, y) };
  }

  // Page events the runner watches: 'console' (type, text), 'pageerror' (message), 'requestfailed'
  // (url, reason), 'response' (url, status).
  on(event, handler) {
    const page = this.page;
    if (event === 'console') page.on('console', (m) => handler(m.type() === 'warn' ? 'warning' : m.type(), m.text()));
    else if (event === 'pageerror') page.on('pageerror', (e) => handler(e?.message ?? String(e)));
    else if (event === 'requestfailed') page.on('requestfailed', (r) => handler(r.url(), r.failure()?.errorText));
    else if (event === 'response') page.on('response', (r) => handler(r.url(), r.status()));
    else throw new Error(`TestPage.on: unknown event ${event}`);
  }

  goto(url) {
    return this.page.goto(url, { waitUntil: 'load' });
  }

  evaluate(fn, arg) {
    return arg === undefined ? this.page.evaluate(fn) : this.page.evaluate(fn, arg);
  }

  // `predicate`: a function (given `arg`) or an expression string, run in the page until truthy.
  waitForFunction(predicate, arg, { timeout = 30_000 } = {}) {
    return arg === undefined || arg === null
      ? this.page.waitForFunction(predicate, { timeout })
      : this.page.waitForFunction(predicate, { timeout }, arg);
  }

  // Runs `fn` in every document this page loads, before the page's own scripts.
  addInitScript(fn) {
    return this.page.evaluateOnNewDocument(fn);
  }

  // The page as a PNG (bytes), also written to `path` if given.
  screenshot({ path } = {}) {
    return this.page.screenshot(path ? { path } : {});
  }

  viewportSize() {
    return { width: this.viewport.width, height: this.viewport.height };
  }

  async setViewportSize({ width, height }) {
    this.viewport = { ...this.viewport, width, height };
    await setViewport(this.page, this.viewport);
  }

  // As when the window moves to a screen of another pixel ratio.
  async setDeviceScaleFactor(deviceScaleFactor) {
    this.viewport = { ...this.viewport, deviceScaleFactor };
    await setViewport(this.page, this.viewport);
  }

  // From now on the site's file `path` (e.g. '/model.celab') is answered with `response`
  // ({status = 200, body, contentType}) instead of the file. The static server answers it, not the
  // browser's request interception: what the page's service worker fetches (web/service_worker.js)
  // never passes the page's interception, and Chromium held a Web Worker's requests made while
  // interception was on (the training worker then never loaded).
  respondTo(path, response) {
    this.server.hooks.responses.set(path, response);
  }

  // Back to the site's own file `path` (undoes respondTo).
  stopRespondingTo(path) {
    this.server.hooks.responses.delete(path);
  }

  // The network gone or back: the static server stops listening (so a service worker's own fetches
  // fail too) and, in Chromium, the page is told it is offline (navigator.onLine).
  async setOffline(offline) {
    if (this.browserName === 'chromium') await this.page.setOfflineMode(offline);
    await this.server.setOffline(offline);
  }

  // One stroke through `points` ({x, y}, whole CSS pixels) with the mouse or one finger, sent as
  // fast as a quick hand: without waiting for the page between samples (the browser coalesces the
  // moves of a frame into one event, the page reads them back with getCoalescedEvents()).
  async stroke(points, pointerType) {
    if (this.browserName === 'chromium') {
      this.cdp ??= await this.page.createCDPSession();
      const messages = pointerType === 'touch' ? cdpTouchStroke(points) : cdpMouseStroke(points);
      await Promise.all(messages.map(([method, params]) => this.cdp.send(method, params)));
    } else {
      // One performActions call: the browser runs the actions tick by tick, with no round trip each.
      const id = pointerType === 'touch' ? 'celab-finger' : '__puppeteer_mouse';  // puppeteer's own mouse
      const [first, ...rest] = points;
      await this.page.mainFrame().browsingContext.performActions([{
        type: 'pointer', id, parameters: { pointerType },
        actions: [
          { type: 'pointerMove', x: first.x, y: first.y },
          { type: 'pointerDown', button: 0 },
          ...rest.map(({ x, y }) => ({ type: 'pointerMove', x, y })),
          { type: 'pointerUp', button: 0 },
        ],
      }]);
    }
  }

  // The JavaScript heap in use after a forced garbage collection, in bytes (Chromium only: the
  // DevTools protocol has both; the soak test samples it).
  async jsHeapBytes() {
    if (this.browserName !== 'chromium') throw new Error(`jsHeapBytes: Chromium only, not ${this.browserName}`);
    this.cdp ??= await this.page.createCDPSession();
    await this.cdp.send('HeapProfiler.collectGarbage');
    return (await this.cdp.send('Runtime.getHeapUsage')).usedSize;
  }

  // One finger put down at `from`, moved to `to` in `steps` steps with `between()` awaited after
  // each, and lifted.
  async touchDrag(from, to, steps, between) {
    const at = (k) => [from.x + ((to.x - from.x) * k) / steps, from.y + ((to.y - from.y) * k) / steps];
    const touch = await this.page.touchscreen.touchStart(...at(0));
    for (let k = 1; k <= steps; k++) {
      await touch.move(...at(k));
      await between();
    }
    await touch.end();
  }
}

function cdpMouseStroke(points) {
  const mouse = (type, { x, y }, buttons) =>
    ['Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons, clickCount: type === 'mouseMoved' ? 0 : 1 }];
  return [
    mouse('mouseMoved', points[0], 0),
    mouse('mousePressed', points[0], 1),
    ...points.slice(1).map((p) => mouse('mouseMoved', p, 1)),
    mouse('mouseReleased', points[points.length - 1], 0),
  ];
}

function cdpTouchStroke(points) {
  const touch = (type, p) => ['Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [] }];
  return [touch('touchStart', points[0]), ...points.slice(1).map((p) => touch('touchMove', p)), touch('touchEnd', null)];
}

// page.setViewport, for Firefox ESR releases older than this puppeteer-core: it sends the viewport and
// a screen orientation together, and Firefox 140 (Debian 12 without its security updates) knows the
// first but not the second (`unknown command emulation.setScreenOrientationOverride`). The viewport
// is what the tests need: that error is let pass once the page has the size and pixel ratio asked for.
export async function setViewport(page, viewport) {
  try {
    await page.setViewport(viewport);
  } catch (error) {
    if (!/unknown command emulation\.setScreenOrientationOverride/.test(String(error?.message))) throw error;
    // The two commands go out together and the refusal can come back before the viewport is applied.
    const want = { width: viewport.width, height: viewport.height, ratio: viewport.deviceScaleFactor };
    const has = (w) => innerWidth === w.width && innerHeight === w.height && devicePixelRatio === w.ratio;
    await page.waitForFunction(has, { timeout: 5_000 }, want).catch(() => {});
    const got = await page.evaluate(() => ({ width: innerWidth, height: innerHeight, ratio: devicePixelRatio }));
    if (JSON.stringify(got) !== JSON.stringify(want))
      throw new Error(`the browser did not take the viewport ${JSON.stringify(want)} (it has ${JSON.stringify(got)}): ${error.message.split('\n')[0]}`);
  }
}
