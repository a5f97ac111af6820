// 中文: the language switch in the header, the default from navigator.language, the Chinese font
// fetched only then, and the page in Chinese at 1280x720 and on a phone (screenshots looked at).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { drawWithMouse, readDrawings } from './lib/drawing.mjs';
import { check, nextFrames, openApp, screenshot, scrollTo, waitForState, widgetCenter } from './lib/page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEVEN = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl')).find((d) => d.label === 7);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };

const language = (page) => page.evaluate(() => window.celab.state().language);
const fontRequests = (page) => page.evaluate(() =>
  performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/zh-font.otf')).length);

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
}

// The page in Chinese after a drawn 7 with target 3: the live region speaks Chinese too.
async function chinesePage(page, artifacts, name) {
  await drawWithMouse(page, SEVEN, await page.evaluate(() => window.celab.drawingRect()));
  await page.keyboard.press('3');
  const s = await waitForState(page, (st) => st.target === 3, 'target 3');
  const expected = `模型认为是 7，${Math.round(100 * s.probabilities[7])}%。目标 3：损失 ${s.loss.toFixed(2)}。`;
  await page.waitForFunction((e) => document.getElementById('live').textContent === e, expected, { timeout: 5_000 })
    .catch(async () => check(false, `live region "${await page.evaluate(() => document.getElementById('live').textContent)}"`));
  check((await page.evaluate(() => document.documentElement.lang)) === 'zh-CN', 'the page\'s lang is not zh-CN');
  await nextFrames(page, 3);
  await screenshot(page, artifacts, name);
}

// The training and batch cards in Chinese after some steps from scratch (so that the status, the
// loss, the accuracy and the plot all show), with an ignored sample: screenshots of both cards, and
// every widget of theirs inside the window's width.
async function chineseTrainingCards(page, artifacts, name) {
  await page.evaluate(() => window.celab.setLanguage('zh'));
  await page.waitForFunction(() => window.celab.state().language === 'zh', null, { timeout: 10_000 });
  await page.evaluate(() => window.celab.startTraining({ fromScratch: true, seed: 3 }));
  await page.waitForFunction(() => window.celab.training().accuracies.length >= 2, null, { timeout: 90_000 });
  await page.evaluate(() => window.celab.pauseTraining());
  await page.evaluate(() => window.celab.newBatch());
  await page.waitForFunction(() => window.celab.batch() !== null, null, { timeout: 10_000 });
  await page.evaluate(() => window.celab.toggleIgnore(0));
  await nextFrames(page, 3);
  const width = page.viewportSize().width;
  const rects = await page.evaluate(() => window.celab.rects());
  const names = Object.keys(rects).filter((n) => n.startsWith('train/') || /^batch\/(open|size|new|worst-first|label\/0|thumb\/0)$/.test(n));
  check(names.includes('train/start') && names.includes('batch/new'), `the cards' widgets are missing: ${names}`);
  for (const n of names) {
    const r = rects[n];
    check(r.x >= 0 && r.x + r.width <= width, `${n} is outside the window's width ${width}: ${JSON.stringify(r)}`);
  }
  await scrollTo(page, 'train/scratch');
  await screenshot(page, artifacts, `${name}-training`);
  await scrollTo(page, 'batch/new');
  await screenshot(page, artifacts, `${name}-batch`);
}

export const tests = [
  {
    name: 'English by default, the font not fetched; the 中文 button switches, English switches back',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      check((await language(page)) === 'en', `language ${await language(page)}`);
      check((await fontRequests(page)) === 0, 'an English page fetched the Chinese font');
      await click(page, 'language/zh');
      await page.waitForFunction(() => window.celab.state().language === 'zh', null, { timeout: 10_000 });
      check((await fontRequests(page)) === 1, 'the Chinese font was not fetched once');
      await chinesePage(page, artifacts, 'zh-1280x720');
      for (const [widget, name] of [['weights', 'zh-1280x720-options'], ['lab-target/0', 'zh-1280x720-loss-lab']]) {
        await widgetCenter(page, widget);  // scrolls it into view
        await nextFrames(page, 3);
        await screenshot(page, artifacts, name);
      }
      await click(page, 'language/en');
      await page.waitForFunction(() => window.celab.state().language === 'en', null, { timeout: 5_000 });
      check((await page.evaluate(() => document.documentElement.lang)) === 'en', 'lang did not go back to en');
      await page.evaluate(() => window.celab.setLanguage('zh'));
      await page.waitForFunction(() => window.celab.state().language === 'zh', null, { timeout: 5_000 });
      check((await fontRequests(page)) === 1, 'the font was fetched again');
      const bad = await page.evaluate(() => { try { window.celab.setLanguage('fr'); return null; } catch (e) { return e.name; } });
      check(bad === 'RangeError', `setLanguage('fr') gave ${bad}`);
    },
  },
  {
    name: 'a browser asking for Chinese gets the page in Chinese, on a phone too',
    device: PHONE,
    async run({ page, url, artifacts }) {
      await page.addInitScript(() => {
        Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' });
        Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh'] });
      });
      await openApp(page, url);
      await page.waitForFunction(() => window.celab.state().language === 'zh', null, { timeout: 10_000 });
      await nextFrames(page, 3);
      await screenshot(page, artifacts, 'zh-phone-top');
      await chinesePage(page, artifacts, 'zh-phone');
    },
  },
  {
    name: 'the training and batch cards in Chinese at 1280x720',
    timeoutMs: 150_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await chineseTrainingCards(page, artifacts, 'zh-1280x720');
    },
  },
  {
    name: 'the training and batch cards in Chinese on a phone',
    device: PHONE,
    timeoutMs: 150_000,
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await chineseTrainingCards(page, artifacts, 'zh-phone');
    },
  },
];
