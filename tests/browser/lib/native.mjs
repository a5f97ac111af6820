// The native CLI's view of drawings, to compare the page with: `celab predict --strokes FILE`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CELAB = join(ROOT, 'build/native/celab');

// Per drawing: {predicted (-1: no digit), input: 28 lines of ASCII art, logits[10]}, in file order.
// `model`: a model file's path (default: the shipped model).
export function nativePredictions(drawings, model = null) {
  if (!existsSync(CELAB)) throw new Error(`${CELAB} not found: build it first (./build.sh native)`);
  const dir = mkdtempSync(join(tmpdir(), 'celab-strokes-'));
  try {
    const file = join(dir, 'drawings.jsonl');
    writeFileSync(file, drawings.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const args = ['predict', '--strokes', file, ...(model ? ['--model', model] : [])];
    const out = execFileSync(CELAB, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    return parsePredictOutput(out, drawings.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePredictOutput(out, count) {
  const lines = out.split('\n');
  const results = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/ drawing \d+/.test(lines[i])) continue;
    if (lines[i + 1]?.startsWith('no digit')) {
      results.push({ predicted: -1, input: null, logits: null });
      continue;
    }
    // "model input (28x28, ...):", 28 art lines, the table header, 10 class rows, "predicted: N".
    const input = lines.slice(i + 2, i + 30);
    const logits = lines.slice(i + 31, i + 41).map((row) => Number(row.trim().split(/\s+/)[2]));
    const predicted = Number(lines[i + 41].replace('predicted: ', ''));
    results.push({ predicted, input, logits });
  }
  if (results.length !== count) throw new Error(`celab predict printed ${results.length} drawings, expected ${count}`);
  return results;
}

// The page's input as the CLI's ASCII art (src/cli/classify.cpp: ascii_art).
export function asciiArt(input) {
  const ramp = ' .:-=+*#%@';
  const rows = [];
  for (let y = 0; y < 28; y++) {
    let row = '';
    for (let x = 0; x < 28; x++) {
      const v = Math.min(Math.max(input[y * 28 + x], 0), 1);
      const c = ramp[Math.trunc(Math.fround(Math.fround(v * 9) + 0.5))];  // float arithmetic, as in C++
      row += c + c;
    }
    rows.push(row);
  }
  return rows;
}

// `celab loss ... --json` on rows of logits: the parsed JSON. `options`: {weight: [...] | null,
// labelSmoothing, reduction}.
export function nativeLoss(logits, targets, { weight = null, labelSmoothing = 0, reduction = 'mean' } = {}) {
  if (!existsSync(CELAB)) throw new Error(`${CELAB} not found: build it first (./build.sh native)`);
  const args = ['loss', `--logits=${logits.map((row) => row.join(',')).join(';')}`, `--target=${targets.join(',')}`,
    `--reduction=${reduction}`, `--label-smoothing=${labelSmoothing}`, '--json'];
  if (weight) args.push(`--weight=${weight.join(',')}`);
  return JSON.parse(execFileSync(CELAB, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
}
