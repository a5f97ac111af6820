// The page's JavaScript for the training and batch cards (linked into index.js with --pre-js; the C++
// side is src/app/web/web_training_bridge.cpp and web_batch_bridge.cpp): the training digits' download
// with progress, the training worker (web/train_worker.js), and the window.celab members of both
// cards. Nothing here runs at start-up: the download and the worker start when a card asks.
var celabTraining = (function () {
  var TRAIN_DIR = 'train/';
  var FILES = ['mnist-train-images.idx', 'mnist-train-labels.idx'];
  var data = null;         // [images, labels] once downloaded and accepted by the page (the worker gets them too)
  var downloading = false;
  var attempts = 0;
  var worker = null;
  var workerLoaded = null;  // a promise: the worker has its data

  function withBytes(arrays, use) {
    var pointers = arrays.map(function (a) { var p = _malloc(Math.max(1, a.length)); HEAPU8.set(a, p); return p; });
    try { return use(pointers); } finally { pointers.forEach(function (p) { _free(p); }); }
  }
  function withString(text, use) {
    var size = lengthBytesUTF8(text) + 1;
    var p = _malloc(size);
    stringToUTF8(text, p, size);
    try { return use(p); } finally { _free(p); }
  }

  // One file, read as it streams in; onBytes(received, expected) after every chunk. Rejects with a
  // message naming the file: HTTP errors, network errors, and a body shorter than its Content-Length.
  // `fresh`: past the browser's cache (a retry after a bad copy, which the cache may hold).
  function download(name, onBytes, fresh) {
    return fetch(TRAIN_DIR + name, fresh ? { cache: 'reload' } : {}).then(function (response) {
      if (!response.ok) throw new Error(name + ': HTTP ' + response.status + ' ' + response.statusText);
      var expected = Number(response.headers.get('Content-Length')) || 0;
      var reader = response.body.getReader();
      var chunks = [];
      var received = 0;
      function next() {
        return reader.read().then(function (part) {
          if (part.done) {
            if (expected && received < expected) {
              throw new Error(name + ': truncated, ' + received + ' of ' + expected + ' bytes arrived');
            }
            var bytes = new Uint8Array(received);
            var at = 0;
            chunks.forEach(function (c) { bytes.set(c, at); at += c.length; });
            return bytes;
          }
          chunks.push(part.value);
          received += part.value.length;
          onBytes(received, expected);
          return next();
        });
      }
      return next();
    }, function (error) {
      // No answer at all: no network, and no copy kept by the service worker (web/service_worker.js).
      var unreachable = new Error(name + ': could not be fetched (' + error.message + ')');
      unreachable.unreachable = true;
      throw unreachable;
    }).catch(function (error) {
      // A connection cut mid-body rejects the read with a bare network error: say which file.
      if (error.message.indexOf(name) === 0) throw error;
      var cut = new Error(name + ': ' + error.message);
      cut.unreachable = error instanceof TypeError;
      throw cut;
    });
  }

  // Hands the files to the page; true if it took them (it checks them: a bad copy is an error there).
  function deliver(files) {
    return withBytes(files, function (p) { return _celab_training_data_arrived(p[0], files[0].length, p[1], files[1].length); });
  }

  function fetchData() {
    if (data) return deliver(data);
    if (downloading) return;
    downloading = true;
    var fresh = attempts++ > 0;
    var received = [0, 0];
    var expected = [0, 0];
    var progress = function (i) {
      return function (got, length) {
        received[i] = got;
        expected[i] = length;
        _celab_training_data_progress(received[0] + received[1], expected[0] + expected[1]);
      };
    };
    Promise.all(FILES.map(function (name, i) { return download(name, progress(i), fresh); })).then(function (files) {
      downloading = false;
      if (deliver(files)) data = files;
    }, function (error) {
      downloading = false;
      withString(error.message, function (p) { _celab_training_data_failed(p, error.unreachable ? 1 : 0); });
    });
  }

  function report(m) {
    if (m.type === 'error') {
      withString(m.message, function (p) { _celab_training_failed(m.run, p); });
      return;
    }
    var arrays = [new Uint8Array(m.losses.buffer), new Uint8Array(m.accuracies.buffer), m.model];
    withBytes(arrays, function (p) {
      _celab_training_progress(m.run, m.steps, m.epochs, m.imagesPerSecond, p[0], m.losses.length, p[1],
        m.accuracies.length / 2, p[2], m.model.length);
    });
  }

  // The worker, made on the first start, with the training digits, the test digits and the shipped
  // model (the downloads web/index.html made at start-up; a failed one is passed as empty).
  // Messages to it wait in `pending` until its data is on the way (sent asynchronously).
  var pending = Promise.resolve();
  var currentRun = 0;
  function ensureWorker() {
    if (worker) return;
    var made = new Worker(TRAIN_DIR + 'train-worker.js');
    worker = made;
    made.onmessage = function (e) { report(e.data); };
    made.onerror = function (e) {
      e.preventDefault();
      withString('the training worker failed (' + (e.message || 'it could not be loaded') + ')', function (p) {
        _celab_training_failed(currentRun, p);
      });
      made.terminate();
      if (worker === made) worker = null;
      pending = Promise.resolve();
    };
    var downloads = window.celabDownloads || {};
    var empty = new Uint8Array(0);
    var digits = Promise.resolve(downloads.digits).catch(function () { return null; });
    var model = Promise.resolve(downloads.model).catch(function () { return null; });
    pending = Promise.all([digits, model]).then(function (got) {
      var test = got[0] || [empty, empty];
      made.postMessage({ type: 'load', trainImages: data[0], trainLabels: data[1], testImages: test[0],
        testLabels: test[1], model: got[1] || empty });
    });
  }
  function send(message) {
    var to = worker;
    pending = pending.then(function () { if (to && to === worker) to.postMessage(message); });
  }

  return {
    fetchData: fetchData,
    start: function (run, options) {
      currentRun = run;
      ensureWorker();
      send({ type: 'start', run: run, options: options });
    },
    command: function (type) { send({ type: type }); },
    set: function (options) { send({ type: 'set', options: options }); },
    install: function () {
      var c = window.celab;
      var floats = function (pointer, count) { return Array.from(HEAPF32.subarray(pointer >> 2, (pointer >> 2) + count)); };
      var STATUS = ['idle', 'waiting for data', 'running', 'paused'];
      c.startTraining = function (options) {
        var o = options || {};
        var number = function (v, what) {
          if (v === undefined) return NaN;
          if (typeof v !== 'number' || !isFinite(v)) throw new RangeError('startTraining: ' + what + ' ' + v + ' is not a number');
          return v;
        };
        var optimizer = o.optimizer === undefined ? -1 : ['adam', 'sgd'].indexOf(o.optimizer);
        if (optimizer === -1 && o.optimizer !== undefined) throw new RangeError('startTraining: optimizer ' + o.optimizer + " is not 'adam' or 'sgd'");
        _celab_start_training(o.fromScratch === undefined ? -1 : (o.fromScratch ? 1 : 0), optimizer,
          number(o.lr, 'lr'), number(o.batchSize, 'batchSize'), number(o.seed, 'seed'),
          number(o.labelSmoothing, 'labelSmoothing'));
      };
      c.pauseTraining = function () { _celab_pause_training(); };
      c.newBatch = function () { _celab_batch_new(); };
      c.toggleIgnore = function (i) {
        if (!Number.isInteger(i) || !_celab_batch_toggle_ignore(i)) {
          throw new RangeError('toggleIgnore(' + i + '): no sample ' + i + ' in a batch of ' + _celab_batch_rows());
        }
      };
      c.batch = function () {
        if (!_celab_batch_finish()) return null;
        var rows = _celab_batch_rows();
        var per = 4 + _celab_class_count();
        var d = HEAPF64.subarray(_celab_batch_rows_data() >> 3, (_celab_batch_rows_data() >> 3) + rows * per);
        var b = { labels: [], targets: [], ignored: [], lossNone: [], logits: [] };
        for (var r = 0; r < rows; r++) {
          b.labels.push(d[r * per]);
          b.targets.push(d[r * per + 1]);
          b.ignored.push(d[r * per + 2] === 1);
          b.lossNone.push(d[r * per + 3]);
          b.logits.push(Array.from(d.subarray(r * per + 4, r * per + per)));
        }
        var totals = _celab_batch_totals() >> 3;
        var t = HEAPF64.subarray(totals, totals + 5 + HEAPF64[totals + 4]);
        b.lossMean = t[0];
        b.lossSum = t[1];
        b.meanDivisor = t[2];
        b.labelSmoothing = t[3];
        b.weights = t[4] ? Array.from(t.subarray(5, 5 + t[4])) : null;
        b.criterion = UTF8ToString(_celab_batch_criterion());
        return b;
      };
      c.resetModel = function () { _celab_reset_model(); };
      c.modelFile = function () {
        var p = _celab_model_file();
        return HEAPU8.slice(p, p + _celab_model_file_size());
      };
      c.training = function () {
        var steps = _celab_training_steps();
        var accuracyCount = _celab_training_accuracy_count();
        var pairs = HEAPF64.subarray(_celab_training_accuracies() >> 3, (_celab_training_accuracies() >> 3) + 2 * accuracyCount);
        var accuracies = [];
        for (var i = 0; i < accuracyCount; i++) accuracies.push({ step: pairs[2 * i], accuracy: pairs[2 * i + 1] });
        var o = HEAPF64.subarray(_celab_training_options() >> 3, (_celab_training_options() >> 3) + 6);
        var status = STATUS[_celab_training_status()];
        var error = UTF8ToString(_celab_training_error());
        return {
          running: status === 'running', status: status, steps: steps, epochs: _celab_training_epochs(),
          losses: floats(_celab_training_losses(), steps), runningMeans: floats(_celab_training_running_means(), steps),
          testAccuracy: accuracyCount ? accuracies[accuracyCount - 1].accuracy : null, accuracies: accuracies,
          imagesPerSecond: _celab_training_images_per_second(), dataReady: _celab_training_data_status() === 2,
          dataFraction: _celab_training_data_fraction(), error: error === '' ? null : error,
          dataNeedsNetwork: _celab_training_data_needs_network() === 1, seed: o[1],
          options: { fromScratch: o[0] === 1, seed: o[1], optimizer: o[2] === 1 ? 'sgd' : 'adam', lr: o[3],
            batchSize: o[4], labelSmoothing: o[5] },
        };
      };
    },
  };
})();
