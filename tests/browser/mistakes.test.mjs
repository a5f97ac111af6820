// "PyTorch code" and the mistakes card: the page's programs (window.celab.pytorchCode) run in real
// PyTorch 1.13 (Debian's python3-torch, /usr/bin/python3, which ./build.sh test installs), for the
// loss lab with several option sets and each mistake, the drawing and the batch: PyTorch's printed
// loss must equal the page's (relative 1e-5) and PyTorch's exception line the page's message.
// All programs of a test run in one python process (tests/pytorch/run_programs.py): torch's import
// takes ~1.5 s, a program ~10 ms.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readDrawings, drawWithMouse } from './lib/drawing.mjs';
import { check, checkClose, nextFrames, openApp, screenshot, scrollTo, typeIntoSlider, waitForState, widgetCenter } from './lib/page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNNER = join(ROOT, 'tests/pytorch/run_programs.py');
const OWN = readDrawings(join(ROOT, 'tests/drawings/own_digits.jsonl'));
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const PYTORCH_NOTE = 'runs programs in /usr/bin/python3 with torch; Firefox adds nothing to what PyTorch checks (CI time)';

// [{stdout, error}] for each program, run in one /usr/bin/python3.
function runInPytorch(programs) {
  const r = spawnSync('/usr/bin/python3', [RUNNER], { input: JSON.stringify(programs), encoding: 'utf8',
    maxBuffer: 64 << 20 });
  check(r.status === 0, `${RUNNER} failed (status ${r.status}; is python3-torch installed? ./build.sh test installs it): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The values of the printed line "NAME: V" (a Python float or list; nan included).
function printed(stdout, name) {
  const line = stdout.split('\n').find((l) => l.startsWith(name + ': '));
  if (line === undefined) return null;
  return line.slice(name.length + 2).replace(/[[\],]/g, ' ').trim().split(/\s+/).map(Number);
}

const lastLine = (stdout) => stdout.trimEnd().split('\n').pop();

function checkValues(got, want, tolerance, what) {
  check(got !== null && got.length === want.length, `${what}: PyTorch printed ${JSON.stringify(got)}, the page ${JSON.stringify(want)}`);
  want.forEach((w, i) => {
    if (Number.isNaN(w)) check(Number.isNaN(got[i]), `${what}[${i}]: PyTorch ${got[i]}, the page nan`);
    else checkClose(got[i], w, tolerance * Math.max(Math.abs(w), 1e-30), `${what}[${i}]`);
  });
}

// The page's loss as a list of numbers: the lab reports null for NaN in state(), "nan" in mistakes().
const asList = (loss) => (Array.isArray(loss) ? loss : [loss]).map((v) => (v === null || v === 'nan' ? NaN : v));

const LAB_OPTION_SETS = [
  {},  // the article's example as the page opens
  { target: 2 },
  { logits: [-1.25, 0.5, 2.0, -0.75, 1.5, -2.5, 3.25, -0.5, 0.75, 1.0], target: 6,
    weight: [1, 2, 0.5, 1, 1, 3, 1.5, 1, 1, 0.25], labelSmoothing: 0.1, reduction: 'sum' },
  { target: 9, weight: null, labelSmoothing: 0, reduction: 'none' },
  { logits: [0.1, 0.2, 0.3, 0.4], target: 1, reduction: 'mean', labelSmoothing: 0.35, ignoreIndex: 2 },
  { logits: [12.3456789, -30.000001, 0.1], target: 0, labelSmoothing: 0, ignoreIndex: -100 },
];

// The mistakes card with labels_from_one on (the last class: PyTorch raises) and the lab's code box,
// by real clicks, in English and Chinese: screenshots, and every widget of the card inside the window.
async function mistakesScreens(page, url, artifacts, suffix) {
  await openApp(page, url);
  await page.evaluate(() => window.celab.setLossLab({ target: 2 }));
  for (const language of ['en', 'zh']) {
    if (language === 'zh') {
      await page.evaluate(() => window.celab.setLanguage('zh'));
      await page.waitForFunction(() => window.celab.state().language === 'zh', null, { timeout: 10_000 });
    }
    const on = (await page.evaluate(() => window.celab.state().lossLab.mistake)) === 'labels_from_one';
    if (!on) {
      await scrollTo(page, 'mistake/labels_from_one');
      const c = await widgetCenter(page, 'mistake/labels_from_one');
      await page.mouse.click(c.x, c.y);
      await waitForState(page, (s) => s.lossLab.mistake === 'labels_from_one', 'labels_from_one on after a click');
    }
    const lab = await page.evaluate(() => window.celab.state().lossLab);
    check(lab.message === 'IndexError: Target 3 is out of bounds.', `the lab's message: ${lab.message}`);
    await scrollTo(page, 'mistake/labels_from_one');
    await nextFrames(page, 3);
    await screenshot(page, artifacts, `mistakes-${language}${suffix}`);
    const width = page.viewportSize().width;
    const rects = await page.evaluate(() => window.celab.rects());
    for (const [name, r] of Object.entries(rects).filter(([n]) => n.startsWith('mistake/') || n.startsWith('code/'))) {
      check(r.x >= 0 && r.x + r.width <= width + 0.5, `${name} (${r.x}..${r.x + r.width}) outside the window's ${width} px`);
    }
    // The lab's code box, opened by its button (the clipboard may refuse headless Chromium: the box shows it anyway).
    await scrollTo(page, 'code/lossLab');
    let box = await page.evaluate(() => window.celab.rects()['code/lossLab/box']);
    if (!box) {
      const b = await widgetCenter(page, 'code/lossLab');
      await page.mouse.click(b.x, b.y);
      await nextFrames(page, 3);
      box = await page.evaluate(() => window.celab.rects()['code/lossLab/box']);
    }
    check(box && box.width > 100 && box.height > 100, `the code box after clicking "PyTorch code": ${JSON.stringify(box)}`);
    await nextFrames(page, 3);
    await screenshot(page, artifacts, `code-box-${language}${suffix}`);
  }
}

export const tests = [
  {
    name: 'the mistakes card and the code box, in English and Chinese (screenshots)',
    browsers: ['chromium'],  // Chinese screenshots: Chromium only, as the training card's (CI time)
    timeoutMs: 120_000,
    async run({ page, url, artifacts }) {
      await mistakesScreens(page, url, artifacts, '');
    },
  },
  {
    name: 'the mistakes card and the code box on a phone (screenshots)',
    browsers: ['chromium'],
    device: PHONE,
    timeoutMs: 300_000,  // a phone at ratio 2 in software WebGL: every frame is four times the pixels
    async run({ page, url, artifacts }) {
      await mistakesScreens(page, url, artifacts, '-phone');
    },
  },
  {
    name: "the loss lab's programs, correct and with each mistake, print the page's numbers in PyTorch",
    browsers: ['chromium'],  // PYTORCH_NOTE
    timeoutMs: 120_000,
    async run({ page, url }) {
      await openApp(page, url);
      const ids = (await page.evaluate(() => window.celab.mistakes())).map((m) => m.id);
      check(ids.length >= 10, `mistakes(): ${ids}`);
      const cases = [];
      for (const [n, fields] of LAB_OPTION_SETS.entries()) {
        await page.evaluate((f) => window.celab.setLossLab(f), fields);
        for (const id of [null, ...ids]) {
          const c = await page.evaluate((id, chinese) => {
            const all = window.celab.mistakes();
            if (id) window.celab.setMistake(id, true);
            else all.filter((m) => m.on).forEach((m) => window.celab.setMistake(m.id, false));
            const lab = window.celab.state().lossLab;
            return { lab, listed: id ? all.find((m) => m.id === id) : null, code: window.celab.pytorchCode('lossLab'),
              on: window.celab.mistakes().filter((m) => m.on).map((m) => m.id) };
          }, id, n % 2 === 1);
          check(JSON.stringify(c.on) === JSON.stringify(id ? [id] : []), `mistakes on: ${c.on}, expected ${id}`);
          check(c.lab.mistake === id, `state().lossLab.mistake ${c.lab.mistake}, expected ${id}`);
          if (c.listed) {  // mistakes() and state() say the same
            check(c.listed.message === c.lab.message, `${id}: mistakes() message ${c.listed.message}, state() ${c.lab.message}`);
            if (c.listed.loss !== null) checkValues(asList(c.listed.loss).slice(0, 1), asList(c.lab.loss), 1e-15, `${id} loss`);
          }
          cases.push({ what: `option set ${n} ${id ?? 'correct'}`, ...c });
        }
      }
      const runs = runInPytorch(cases.map((c) => c.code));
      let raised = 0;
      cases.forEach((c, i) => {
        const run = runs[i];
        if (c.lab.message !== null) {
          raised++;
          check(run.error === c.lab.message, `${c.what}: PyTorch raised ${JSON.stringify(run.error)}, the page says ${JSON.stringify(c.lab.message)}\n${c.code}`);
          return;
        }
        check(run.error === null, `${c.what}: PyTorch raised ${run.error}\n${c.code}`);
        check(lastLine(run.stdout).startsWith('loss: '), `${c.what}: last line ${lastLine(run.stdout)}`);
        const want = c.listed ? asList(c.listed.loss) : asList(c.lab.loss);
        checkValues(printed(run.stdout, 'loss'), want, 1e-5, c.what);
      });
      check(raised >= LAB_OPTION_SETS.length * 3, `only ${raised} programs raised`);
      console.log(`    ${cases.length} loss lab programs (${raised} raise) agree with PyTorch`);
    },
  },
  {
    name: 'setLossLab() keeps what it is not given and refuses invalid values with a message',
    async run({ page, url }) {
      await openApp(page, url);
      const tryIt = (fields) => page.evaluate((f) => {
        try {
          window.celab.setLossLab(f);
          return null;
        } catch (e) {
          return `${e.name}: ${e.message}`;
        }
      }, fields);
      check((await tryIt({ labelSmoothing: 0.2 })) === null, 'labelSmoothing 0.2 refused');
      const before = await page.evaluate(() => window.celab.state().lossLab);
      check(JSON.stringify(before.logits) === JSON.stringify([-0.5, -0.2, -0.3]), `logits ${before.logits}`);
      for (const [fields, message] of [
        [{ target: 3 }, 'RangeError: target: give a class index from 0 to 2 (got 3)'],
        [{ logits: [1] }, 'RangeError: logits: give 2 to 10 finite numbers (got [1])'],
        [{ weight: [1, 2] }, 'RangeError: weight: give null or 3 numbers from 0 to 10, one per class (got [1,2])'],
        [{ reduction: 'avg' }, "RangeError: reduction: give one of 'mean', 'sum', 'none' (got \"avg\")"],
      ]) {
        const got = await tryIt(fields);
        check(got === message, `setLossLab(${JSON.stringify(fields)}): ${got}, expected ${message}`);
      }
      const after = await page.evaluate(() => window.celab.state().lossLab);
      check(JSON.stringify(after) === JSON.stringify(before), 'an invalid setLossLab changed the lab');
      const unknown = await page.evaluate(() => {
        try { window.celab.setMistake('softmax', true); return null; } catch (e) { return e.message; }
      });
      check(unknown && unknown.startsWith("unknown mistake 'softmax'"), `setMistake('softmax'): ${unknown}`);
    },
  },
  {
    name: "the drawing's programs print its softmax, gradient and loss in PyTorch",
    browsers: ['chromium'],  // PYTORCH_NOTE
    timeoutMs: 120_000,
    async run({ page, url }) {
      await openApp(page, url);
      const before = await page.evaluate(() => {
        try { window.celab.pytorchCode('drawing'); return null; } catch (e) { return e.message; }
      });
      check(before && before.startsWith('Draw a digit first'), `pytorchCode('drawing') without a digit: ${before}`);
      const rect = await page.evaluate(() => window.celab.drawingRect());
      const cases = [];
      const take = async (what) => {
        const c = await page.evaluate(() => ({ state: window.celab.state(), code: window.celab.pytorchCode('drawing') }));
        cases.push({ what, ...c });
      };
      await drawWithMouse(page, OWN[7], rect);
      await waitForState(page, (s) => s.hasDigit, 'a digit');
      await page.evaluate(() => window.celab.setTarget(3));
      await take('default options, target 3');
      await typeIntoSlider(page, 'smoothing', 0.25);
      await widgetCenter(page, 'reduction/sum').then((c) => page.mouse.click(c.x, c.y));
      await nextFrames(page, 2);
      await take('smoothing 0.25, sum');
      await widgetCenter(page, 'reduction/none').then((c) => page.mouse.click(c.x, c.y));
      await nextFrames(page, 2);
      await page.evaluate(() => window.celab.setTarget(8));
      await take('smoothing 0.25, none, target 8');
      const runs = runInPytorch(cases.map((c) => c.code));
      cases.forEach((c, i) => {
        check(runs[i].error === null, `${c.what}: PyTorch raised ${runs[i].error}`);
        check(lastLine(runs[i].stdout).startsWith('loss: '), `${c.what}: last line ${lastLine(runs[i].stdout)}`);
        checkValues(printed(runs[i].stdout, 'loss'), [c.state.loss], 1e-5, `${c.what} loss`);
        const softmax = printed(runs[i].stdout, 'softmax');
        const grad = printed(runs[i].stdout, 'dL/dlogits');
        c.state.probabilities.forEach((p, k) => checkClose(softmax[k], p, 1e-6, `${c.what} softmax[${k}]`));
        c.state.gradLogits.forEach((g, k) => checkClose(grad[k], g, 1e-6, `${c.what} dL/dlogits[${k}]`));
      });
    },
  },
  {
    name: "the batch's program prints its per-sample losses, sum and mean in PyTorch",
    browsers: ['chromium'],  // PYTORCH_NOTE (and the batch card needs the training digits)
    timeoutMs: 120_000,
    async run({ page, url }) {
      await openApp(page, url);
      await page.evaluate(() => window.celab.newBatch());
      await page.waitForFunction(() => window.celab.batch() !== null, null, { timeout: 20_000 });
      await page.evaluate(() => { window.celab.toggleIgnore(2); window.celab.toggleIgnore(5); });
      await typeIntoSlider(page, 'smoothing', 0.1);
      await nextFrames(page, 2);
      const c = await page.evaluate(() => ({ batch: window.celab.batch(), code: window.celab.pytorchCode('batch') }));
      const [run] = runInPytorch([c.code]);
      check(run.error === null, `PyTorch raised ${run.error}`);
      check(lastLine(run.stdout).startsWith('loss: '), `last line ${lastLine(run.stdout)}`);
      checkValues(printed(run.stdout, 'none'), c.batch.lossNone, 1e-5, "reduction='none'");
      checkValues(printed(run.stdout, 'sum'), [c.batch.lossSum], 1e-5, "reduction='sum'");
      checkValues(printed(run.stdout, 'loss'), [c.batch.lossMean], 1e-5, "reduction='mean'");
    },
  },
];
