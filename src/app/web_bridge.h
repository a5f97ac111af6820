// The page's JavaScript interface, window.celab, for tests and for embedding:
//   ready      true once the first frame has been drawn
//   state()    {logits, probabilities, target, loss, losses: {crossEntropy, formula, logSoftmaxNll}}
//   setTarget(k)  selects target class k (RangeError when k is not a class)
//   rects()    {name: {x, y, width, height}} of named widgets in CSS pixels, e.g. "target/2"
// Web build only.
#pragma once

namespace celab::app {

class App;

// Defines window.celab for `app`, which must outlive the page (it does: see main_loop.h).
void install_web_bridge(App& app);

// Sets window.celab.ready; call after the first frame has been drawn.
void mark_web_ready();

}  // namespace celab::app
