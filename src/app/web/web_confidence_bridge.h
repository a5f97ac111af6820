// The page's side of the confidence cards (web build only): these members of window.celab, for
// tests and embedding (the JSON is built by core/confidence_report.h and core/state_report.h):
//   setTemperature(T)  the drawing's temperature, 0.1..10 (state().temperature)
//   setUnits('nats' | 'bits')  how the page shows losses (state().units)
//   calibration()  {bins: [{lo, hi, count, accuracy, confidence}], ece, mce, nll, accuracy, count,
//                   temperature, fittedT, eceBefore, nllBefore, eceAfter, nllAfter}; null without test digits
//   confusion()    10 rows of 10 counts (row = label, column = prediction)
//   hardest(n)     [{index, label, predicted, loss}], the n test digits of highest loss
//   showTestDigit(i)  puts test digit i into the drawing area
// Each computes what is missing first (the test digits through the model that predicts now).
#pragma once

namespace celab::app {

// After install_web_bridge: adds the members above.
void install_web_confidence();

}  // namespace celab::app
