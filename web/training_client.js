// The page's JavaScript for the training and batch cards (linked into index.js with --pre-js; the C++
// side is src/app/web/web_training_bridge.cpp and web_batch_bridge.cpp): the training digits' download
// with progress, the training worker (web/train_worker.js), and the window.celab members of both
// cards. Nothing here runs at start-up: the download and the worker start when a card asks.
// Between the page and the worker only bytes go, in the training wire's format (commands out,
// reports in; src/app/core/training_wire.h), encoded and decoded in C++: nothing here knows a
// message's fields. The one other message is the bulk 'load' of the digits' and model's files.
var celabTraining = (function () {
  var TRAIN_DIR = 'train/';
  var FILES = ['mnist-train-images.idx', 'mnist-train-labels.idx'];
  var data = null;         // [images, labels] once downloaded and accepted by the page (the worker gets them too)
  var downloading = false;
  var attempts = 0;
  var worker = null;
  var workerLoaded = null;  // a promise: the worker has its data

  var withBytes = celabWithBytes;  // web/heap.js
  var withString = celabWithString;

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

  // The worker, made on the first message (a run's first message is always its Start), with the
  // training digits, the test digits and the shipped model (the downloads web/index.html made at
  // start-up; a failed one is passed as empty): the bulk 'load', the one message outside the wire.
  // Messages to it wait in `pending` until its data is on the way (sent asynchronously).
  var pending = Promise.resolve();
  function ensureWorker() {
    if (worker) return;
    var made = new Worker(TRAIN_DIR + 'train-worker.js');
    worker = made;
    // A report's bytes, straight into the page's C++ (src/app/web/web_training_bridge.cpp decodes them).
    made.onmessage = function (e) {
      withBytes([e.data], function (p) { _celab_training_report(p[0], e.data.length); });
    };
    made.onerror = function (e) {
      e.preventDefault();
      withString('the training worker failed (' + (e.message || 'it could not be loaded') + ')', function (p) {
        _celab_training_worker_failed(p);
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

  return {
    fetchData: fetchData,
    // A command's bytes in the training wire's format (src/app/core/training_wire.h), as they are.
    send: function (message) {
      ensureWorker();
      var to = worker;
      pending = pending.then(function () { if (to === worker) to.postMessage(message, [message.buffer]); });
    },
    install: function () {
      // The reports and the request are JSON built and read in C++ (src/app/core/training_report.h,
      // batch_report.h): nothing here knows a field order or an enum's names.
      var c = window.celab;
      var read = function (pointer) { return pointer ? JSON.parse(UTF8ToString(pointer)) : null; };
      c.startTraining = function (options) {
        var error = withString(JSON.stringify(options || {}), function (p) { return _celab_start_training(p); });
        if (error) throw new RangeError(UTF8ToString(error));
      };
      c.pauseTraining = function () { _celab_pause_training(); };
      c.newBatch = function () { _celab_batch_new(); };
      c.toggleIgnore = function (i) {
        if (!Number.isInteger(i) || !_celab_batch_toggle_ignore(i)) {
          throw new RangeError('toggleIgnore(' + i + '): no sample ' + i + ' in a batch of ' + _celab_batch_rows());
        }
      };
      c.batch = function () { return read(_celab_batch_json()); };
      c.resetModel = function () { _celab_reset_model(); };
      c.modelFile = function () {
        var p = _celab_model_file();
        return HEAPU8.slice(p, p + _celab_model_file_size());
      };
      c.training = function () { return read(_celab_training_json()); };
    },
  };
})();
