// The training worker's JavaScript (linked before train-worker.js's Emscripten code with --pre-js):
// takes the page's commands (web/training_client.js sends them), runs the training engine
// (src/app/worker/train_worker.cpp) in slices of SLICE_MS so a Pause is heard between two slices,
// and posts a report after each slice: the new losses, accuracies and the current weights.
//
// Messages in:  {type: 'load', trainImages, trainLabels, testImages, testLabels, model}  (Uint8Arrays,
//               the files as they are), then commands: Uint8Arrays in the training wire's format
//               (src/app/core/training_wire.h: Start, Run, Pause, Step, Set, Stop), handed to
//               _celab_worker_command as they are.
// Messages out: reports, Uint8Arrays in the same format (Progress, Error) from _celab_worker_report.
// Nothing here knows a message's fields: the C++ decodes and encodes them. What the JavaScript keeps
// is the scheduling: slices run while the last command's answer said the run is running.
var celabWorker = (function () {
  var SLICE_MS = 30;  // about two frames: the page shows every slice's weights
  var queue = [];     // messages that came before the WebAssembly module was ready
  var ready = false;
  var running = false;
  var scheduled = false;
  // A zero-delay task: setTimeout(0) would be clamped to 4 ms after a few rounds.
  var channel = new MessageChannel();
  channel.port1.onmessage = function () { scheduled = false; slice(); };
  function schedule() {
    if (!scheduled) { scheduled = true; channel.port2.postMessage(0); }
  }

  var withBytes = celabWithBytes;  // web/heap.js
  // Posts what the engine has to say (an Error, or what happened since the last report), if anything.
  function report() {
    var p = _celab_worker_report();
    var size = _celab_worker_report_size();
    if (!size) return;
    var bytes = HEAPU8.slice(p, p + size);
    postMessage(bytes, [bytes.buffer]);
  }
  function slice() {
    if (!running) return;
    if (_celab_worker_run(SLICE_MS, 0x7fffffff) < 0) running = false;
    report();
    if (running) schedule();
  }

  function handle(m) {
    if (m instanceof Uint8Array) {
      // -1 failed (the Error is the next report), 1 running, 0 not.
      running = withBytes([m], function (p) { return _celab_worker_command(p[0], m.length); }) === 1;
      report();  // after Start the starting weights and their accuracy, after Step its loss
      if (running) schedule();
    } else if (m.type === 'load') {
      var arrays = [m.trainImages, m.trainLabels, m.testImages, m.testLabels, m.model];
      withBytes(arrays, function (p) {
        return _celab_worker_load(p[0], arrays[0].length, p[1], arrays[1].length, p[2], arrays[2].length,
          p[3], arrays[3].length, p[4], arrays[4].length);
      });
      report();  // the reason, if the files are bad
    }
  }

  self.onmessage = function (e) {
    if (ready) handle(e.data); else queue.push(e.data);
  };
  return {
    ready: function () {
      ready = true;
      queue.splice(0).forEach(handle);
    },
  };
})();
Module.onRuntimeInitialized = function () { celabWorker.ready(); };
