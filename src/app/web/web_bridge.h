// The page's side of the browser: the model and the MNIST test digits, the pointer, and the JavaScript
// interface window.celab, for tests and for embedding:
//   ready          true once the model is loaded and a frame has been drawn with it
//   readyAtMs      when that happened, in ms since the navigation started (performance.now())
//   error          null, or why the model could not be loaded (also shown in the page)
//   drawingRect()  {x, y, width, height} of the drawing area in CSS pixels of the page
//   state()        {predicted, probabilities[10], logits[10], target, loss, input[784], ...}
//                  (predicted -1 for an empty drawing; see celab_state_json for every field)
//   setTarget(k)   selects target class k in 0..9 (RangeError otherwise)
//   clear()        clears the drawing
//   timings()      {lastUpdateMs}: preprocess + forward + loss + gradients of the last change
//   memory()       {wasmBytes, heapBytesInUse}: WebAssembly memory size and C++ heap in use (soak test)
//   rects()        {name: {x, y, width, height}} of named widgets in CSS pixels, e.g. "target/2"
// Web build only.
#pragma once

namespace celab::app {

struct FrameInput;

// Defines window.celab for web_app() (web_app.h), and
// takes model.celab and the test digits from the downloads web/index.html started. `draw_frame`
// draws one frame at once: used when the model arrives after the first frame, so the page shows it
// without waiting for the next animation frame (which software WebGL can delay by half a second).
void install_web_bridge(void (*draw_frame)());

// Moves the pointer events the browser delivered since the last call into `input`.
void take_web_pointer_events(FrameInput& input);

// Call after each frame: sets window.celab.ready after the first frame drawn with the model, or
// window.celab.error once the model has failed to load.
void web_frame_drawn();

}  // namespace celab::app
