// Edits a model file (src/nn/model_file.h) the way a broken export would: a tensor's values
// replaced, the checksum recomputed so the file still loads.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { crc32 } from '../../../web/crc32.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHIPPED_MODEL = join(ROOT, 'assets/model.celab');

// The shipped model with every value of tensor `name` set to `value`, checksum fixed.
export function modelWithTensorFilled(name, value) {
  const bytes = new Uint8Array(readFileSync(SHIPPED_MODEL));
  const view = new DataView(bytes.buffer);
  const bodyEnd = view.getUint32(12, true);
  let at = 16 + 4 * 4 + 3 * 4;  // channels, height, width, classes; mean, std, eps
  const layers = view.getUint32(at, true);
  at += 4;
  for (let i = 0; i < layers; i++) at += 2 + bytes[at + 1] + 12;  // kind, name length, name, in/out/kernel
  const tensors = view.getUint32(at, true);
  at += 4;
  const decoder = new TextDecoder();
  for (let t = 0; t < tensors; t++) {
    const tensorName = decoder.decode(bytes.subarray(at + 1, at + 1 + bytes[at]));
    at += 1 + bytes[at];
    const rank = bytes[at];
    at += 1;
    let count = 1;
    for (let d = 0; d < rank; d++, at += 4) count *= view.getUint32(at, true);
    if (tensorName === name) {
      for (let k = 0; k < count; k++) view.setFloat32(at + 4 * k, value, true);
      view.setUint32(bodyEnd, crc32(bytes.subarray(0, bodyEnd)), true);
      return bytes;
    }
    at += 4 * count;
  }
  throw new Error(`${SHIPPED_MODEL} has no tensor ${name}`);
}
