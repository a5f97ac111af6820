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
// The page draws only when something may have changed (platform/frame_schedule.h). The setters (setTarget, clear,
// setLanguage, startTraining, ...) change the state at once and ask for frames; what a frame
// computes is current one frame after the event: a stroke's prediction (pointer events are applied
// in the frame), rects() and drawingRect() (the layout as last drawn), and while the model trains,
// the prediction with its newest weights (frames at most 12 a second: FramePacer::kProgressInterval).
//   pytorchCode(card), setLossLab(fields), mistakes(), setMistake(id, on): see web_code_bridge.cpp
// Web build only.
#pragma once

namespace celab::app {

struct FrameInput;

// Defines window.celab for web_app() (web_app.h), and
// takes model.celab and the test digits from the downloads web/index.html started. `draw_frame`
// draws one frame at once: used when the model arrives after the first frame, so the page shows it
// without waiting for the next animation frame (which software WebGL can delay by half a second).
void install_web_bridge(void (*draw_frame)());

// The "PyTorch code" buttons copy through the browser's clipboard (web_code_bridge.cpp); called by
// install_web_bridge.
void install_web_code_bridge();

// Moves the pointer events the browser delivered since the last call into `input`.
void take_web_pointer_events(FrameInput& input);

// Call after each frame: sets window.celab.ready after the first frame drawn with the model, or
// window.celab.error once the model has failed to load.
void web_frame_drawn();

}  // namespace celab::app
