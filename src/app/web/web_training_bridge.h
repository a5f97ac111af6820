// The page's side of the training and batch cards (web build only): the training runner that
// sends the training lab's commands to the training worker (web/training_client.js,
// web/train_worker.js) as training wire messages (app/core/training_wire.h), the C functions the
// worker's reports (the same wire's bytes) and the training digits' download come back through, and these members of window.celab, for tests and embedding:
//   startTraining({fromScratch, optimizer: 'adam' | 'sgd', lr, batchSize, seed, labelSmoothing,
//                  criterion: 'cross_entropy' | 'softmax_first' | 'squared_error'})
//                  options not given keep the card's; starts (or resumes) as the Start button does
//   pauseTraining(), resetModel()  (the shipped model again)
//   modelFile()    Uint8Array: the model file of the weights that predict now (celab predict --model)
//   training()     {running, status, steps, epochs, losses[], runningMeans[], testAccuracy,
//                   testNll, accuracies[{step, accuracy, nll}], imagesPerSecond, dataReady, dataFraction,
//                   error, seed, options (with criterion), pastRuns (confidence_report.h)}
// (The batch card's members are in web_batch_bridge.cpp.)
#pragma once

namespace celab::app {

// After install_web_bridge: connects web_app()'s training lab to the worker and adds the members above.
void install_web_training();

}  // namespace celab::app
