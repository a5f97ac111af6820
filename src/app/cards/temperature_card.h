// "Temperature and squared error": a slider T (0.1 to 10, logarithmic, 1 = PyTorch's) that divides
// the drawing's logits, so the probabilities, the loss and the gradients of the cards above follow,
// with the predicted class said to stay; then the drawing's squared error on probabilities beside
// its cross-entropy, each with its gradient ∂/∂logits, and in words what happens to each push on
// the target's logit when the model is sure and wrong.
#pragma once

#include "app/ui/card.h"

namespace celab::app {

// Records "temperature/slider" and "temperature/reset".
class TemperatureCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "temperature"; }

 private:
  void content() override;
  void draw_temperature(float inner);
  void draw_squared_error(const Prediction& p, float inner);
};

}  // namespace celab::app
