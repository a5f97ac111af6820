// The training worker's JavaScript (linked before train-worker.js's Emscripten code with --pre-js):
// takes the page's commands (web/training_client.js sends them), runs the training engine
// (src/app/worker/train_worker.cpp) in slices of SLICE_MS so a Pause is heard between two slices,
// and posts a report after each slice: the new losses, accuracies and the current weights.
//
// Messages in:  {type: 'load', trainImages, trainLabels, testImages, testLabels, model}  (Uint8Arrays)
//               {type: 'start', run, options: {fromScratch, seed, optimizer: 0 Adam | 1 SGD, lr, momentum,
//                batchSize, labelSmoothing}}, {type: 'run'}, {type: 'pause'}, {type: 'step'},
//               {type: 'set', options}, {type: 'stop'}
// Messages out: {type: 'progress', run, steps, epochs, imagesPerSecond, losses: Float32Array,
//                accuracies: Float64Array (step, accuracy pairs), model: Uint8Array}
//               {type: 'error', run, message}
var celabWorker = (function () {
  var SLICE_MS = 30;  // about two frames: the page shows every slice's weights
  var queue = [];     // messages that came before the WebAssembly module was ready
  var ready = false;
  var run = 0;
  var running = false;
  var scheduled = false;
  // A zero-delay task: setTimeout(0) would be clamped to 4 ms after a few rounds.
  var channel = new MessageChannel();
  channel.port1.onmessage = function () { scheduled = false; slice(); };
  function schedule() {
    if (!scheduled) { scheduled = true; channel.port2.postMessage(0); }
  }

  var withBytes = celabWithBytes;  // web/heap.js
  function fail() {
    running = false;
    postMessage({ type: 'error', run: run, message: UTF8ToString(_celab_worker_error()) });
  }
  function report() {
    if (!_celab_worker_take_progress()) return;
    var losses = HEAPF32.slice(_celab_worker_losses() >> 2, (_celab_worker_losses() >> 2) + _celab_worker_loss_count());
    var accuracies = HEAPF64.slice(_celab_worker_accuracies() >> 3,
      (_celab_worker_accuracies() >> 3) + 2 * _celab_worker_accuracy_count());
    var model = HEAPU8.slice(_celab_worker_model(), _celab_worker_model() + _celab_worker_model_size());
    postMessage({ type: 'progress', run: run, steps: _celab_worker_steps(), epochs: _celab_worker_epochs(),
      imagesPerSecond: _celab_worker_images_per_second(), losses: losses, accuracies: accuracies, model: model },
    [losses.buffer, accuracies.buffer, model.buffer]);
  }
  function slice() {
    if (!running) return;
    if (_celab_worker_run(SLICE_MS, 0x7fffffff) < 0) return fail();
    report();
    schedule();
  }

  function handle(m) {
    if (m.type === 'load') {
      var arrays = [m.trainImages, m.trainLabels, m.testImages, m.testLabels, m.model];
      var ok = withBytes(arrays, function (p) {
        return _celab_worker_load(p[0], arrays[0].length, p[1], arrays[1].length, p[2], arrays[2].length,
          p[3], arrays[3].length, p[4], arrays[4].length);
      });
      if (!ok) fail();
    } else if (m.type === 'start') {
      run = m.run;
      running = false;
      var o = m.options;
      if (!_celab_worker_start(o.fromScratch ? 1 : 0, o.seed, o.optimizer, o.lr, o.momentum, o.batchSize,
        o.labelSmoothing)) return fail();
      report();  // the starting weights and their accuracy
    } else if (m.type === 'run') {
      running = true;
      schedule();
    } else if (m.type === 'pause' || m.type === 'stop') {
      running = false;
    } else if (m.type === 'step') {
      running = false;
      if (_celab_worker_run(0, 1) < 0) return fail();
      report();
    } else if (m.type === 'set') {
      _celab_worker_set(m.options.lr, m.options.batchSize, m.options.labelSmoothing);
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
