// "Copy link": a drawing, its target and its loss options in the URL fragment. Opened, the link
// gives the same drawing, prediction and loss, number for number; a broken or hostile link is
// ignored with a short message, and the page goes on working.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { drawWithMouse, readDrawings } from './lib/drawing.mjs';
import { check, nextFrames, openApp, screenshot, typeIntoSlider, waitForState, widgetCenter } from './lib/page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FOUR = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl')).find((d) => d.label === 4 && d.strokes.length === 2);
const SAME = ['predicted', 'probabilities', 'logits', 'target', 'loss', 'input', 'gradLogits', 'losses', 'brushRadius'];

const state = (page) => page.evaluate(() => window.celab.state());
const news = (page) => page.evaluate(() => window.celab.linkNews());

async function click(page, name) {
  const c = await widgetCenter(page, name);
  await page.mouse.click(c.x, c.y);
}

// Opens `link` as a new visit (not a same-page fragment change) and waits for the model.
async function visit(page, link) {
  await page.goto('about:blank');
  await openApp(page, link);
}

export const tests = [
  {
    name: 'a copied link opens the same drawing, prediction and loss, with the same options',
    async run({ page, url, artifacts }) {
      await openApp(page, url);
      await drawWithMouse(page, FOUR, await page.evaluate(() => window.celab.drawingRect()));
      await typeIntoSlider(page, 'smoothing', 0.2);
      await click(page, 'reduction/sum');
      await click(page, 'weights');
      await page.keyboard.press('9');
      const sent = await waitForState(page, (s) => s.target === 9, 'target 9');
      check(sent.losses.crossEntropy !== undefined && sent.predicted === 4, `the drawn 4 reads as ${sent.predicted}`);
      const link = await page.evaluate(() => window.celab.shareLink());
      check(link.startsWith(`${url}#s=`), `shareLink() = ${link}`);
      console.log(`      link for a drawn 4: ${link.length - url.length} characters after the address`);

      // The button puts the same link in the address bar (and the clipboard, where allowed).
      await click(page, 'copy-link');
      await page.waitForFunction(() => window.celab.linkNews().news !== '', null, { timeout: 5_000 });
      check((await page.evaluate(() => location.href)) === link, 'Copy link left another address');
      const copied = await news(page);
      check(!copied.refused && /^(Link copied|The link is in the address bar)/.test(copied.news), `news: ${copied.news}`);
      await nextFrames(page, 2);
      await screenshot(page, artifacts, 'share-copied');

      await visit(page, link);
      const got = await waitForState(page, (s) => s.updates > 0 && s.target === 9, 'the linked drawing predicted');
      for (const key of SAME)
        check(JSON.stringify(got[key]) === JSON.stringify(sent[key]),
          `${key}: sent ${JSON.stringify(sent[key]).slice(0, 100)}, opened ${JSON.stringify(got[key]).slice(0, 100)}`);
      check(/Opened from a link/.test((await news(page)).news), 'no news of the opened link');
      await nextFrames(page, 2);
      await screenshot(page, artifacts, 'share-opened');
    },
  },
  {
    name: 'broken and hostile links are ignored with a message; the page works on',
    async run({ page, url, artifacts }) {
      const bad = [
        ['not base64url', 'abc!def', /link: '!' at position 3/],
        ['empty', '', /link: empty/],
        ['cut short', 'AQMAAAEAAAAAAAAsQBCoEowNSA6UAQSQARTGARK', /link: stroke 0: 16 points in 15 bytes/],
        ['a billion strokes', 'AQAAAICU69wD', /1000000000 strokes in 0 bytes/],
        ['far too long', 'A'.repeat(300_000), /more than the 262144/],
      ];
      for (const [what, text, message] of bad) {
        await visit(page, `${url}#s=${text}`);
        const shown = await news(page);
        check(shown.refused && message.test(shown.news), `${what}: news "${shown.news.slice(0, 200)}"`);
        const s = await state(page);
        check(s.predicted === -1 && !s.hasDigit, `${what}: the page shows a drawing`);
      }
      await nextFrames(page, 2);
      await screenshot(page, artifacts, 'share-refused');
      // The page works on: a drawing, then a good link pasted into the address bar of the open page.
      await drawWithMouse(page, FOUR, await page.evaluate(() => window.celab.drawingRect()));
      const drawn = await state(page);
      check(drawn.predicted === 4, `after a refused link, a drawn 4 reads as ${drawn.predicted}`);
      const link = await page.evaluate(() => window.celab.shareLink());
      await page.evaluate(() => window.celab.clear());
      await page.evaluate((l) => { location.hash = l.split('#')[1]; }, link);
      const again = await waitForState(page, (s) => s.predicted === 4, 'the pasted link');
      check(JSON.stringify(again.input) === JSON.stringify(drawn.input), 'the pasted link gave another drawing');
    },
  },
];
