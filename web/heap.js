// Bytes and strings into the wasm heap for the duration of one call: the one helper for every
// JavaScript file of the page (index.js) and of the training worker (train-worker.js), linked into
// both with --pre-js (cmake/web.cmake). `use` gets the pointers; its result is returned; the memory
// is freed after it, also when it throws.
function celabWithBytes(arrays, use) {
  var pointers = arrays.map(function (a) { var p = _malloc(Math.max(1, a.length)); HEAPU8.set(a, p); return p; });
  try { return use(pointers); } finally { pointers.forEach(function (p) { _free(p); }); }
}
function celabWithString(text, use) {
  var size = lengthBytesUTF8(text) + 1;
  var p = _malloc(size);
  stringToUTF8(text, p, size);
  try { return use(p); } finally { _free(p); }
}
