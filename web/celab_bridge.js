// The page's JavaScript side of src/app/web/web_bridge.cpp, linked with --js-library: window.celab (the
// test and embedding interface), the pointer events of the drawing, and the downloads web/index.html
// started. The C functions it calls are the bridge's EMSCRIPTEN_KEEPALIVE exports (in scope as _name).
mergeInto(LibraryManager.library, {
  celab_js_install: function () {
    const read = (pointer) => JSON.parse(UTF8ToString(pointer));
    // web/index.html made window.celab (ready, error) before the module loaded.
    Object.assign(window.celab, {
      state: () => read(_celab_state_json()),
      drawingRect: () => read(_celab_drawing_rect_json()),
      rects: () => read(_celab_rects_json()),
      timings: () => ({ lastUpdateMs: _celab_last_update_ms() }),
      memory: () => ({ wasmBytes: HEAPU8.length, heapBytesInUse: _celab_heap_bytes_in_use() }),
      clear: () => _celab_clear(),
      setTarget: (k) => {
        if (!Number.isInteger(k) || !_celab_set_target(k)) {
          throw new RangeError("setTarget(" + k + "): the target must be a class 0.." + (_celab_class_count() - 1));
        }
      },
    });

    // The drawing takes pointer events from the browser: every sample of a fast stroke (the browser
    // coalesces moves into one event per frame; getCoalescedEvents has them all), at the browser's
    // sub-pixel precision. One pointer draws at a time: the first one down.
    const canvas = Module.canvas;
    let drawingPointer = null;
    const send = (action, e) => {
      const r = canvas.getBoundingClientRect();
      _celab_pointer_event(action, e.clientX - r.left, e.clientY - r.top, e.pointerType === "touch" ? 1 : 0);
    };
    canvas.addEventListener("pointerdown", (e) => {
      if (drawingPointer !== null || e.button !== 0) return;
      drawingPointer = e.pointerId;
      send(0, e);
    });
    canvas.addEventListener("pointermove", (e) => {
      if (e.pointerId !== drawingPointer) return;
      const samples = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
      (samples.length > 0 ? samples : [e]).forEach((sample) => send(1, sample));
    });
    const end = (e) => {
      if (e.pointerId !== drawingPointer) return;
      drawingPointer = null;
      send(2, e);
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);

    const withBytes = celabWithBytes;  // web/heap.js
    const withString = celabWithString;
    // web/index.html started the downloads before the module loaded.
    const downloads = window.celabDownloads;
    if (!downloads) {
      withString("the page did not start the downloads (window.celabDownloads is missing)", _celab_model_failed);
      return;
    }
    downloads.model.then(
      (bytes) => withBytes([bytes], ([p]) => _celab_model_arrived(p, bytes.length)),
      (e) => withString(e.message, _celab_model_failed));
    downloads.digits.then(
      ([images, labels]) => withBytes([images, labels], ([i, l]) => _celab_digits_arrived(i, images.length, l, labels.length)),
      (e) => withString(e.message, _celab_digits_failed));
  },

  // readyAtMs: milliseconds from the start of the navigation (performance.now()), for the budget bench.
  celab_js_mark_ready: function () {
    window.celab.readyAtMs = performance.now();
    window.celab.ready = true;
  },

  celab_js_report_error: function (message) {
    window.celab.error = UTF8ToString(message);
  },
});
