// One preprocessed 28x28 input through the model: logits, probabilities, class.
#pragma once

#include <array>
#include <stdexcept>
#include <string>

#include "data/model_input.h"
#include "nn/model.h"

namespace celab::cli {

struct Classification {
  std::array<float, 10> logits{};
  std::array<float, 10> probabilities{};
  int predicted = -1;
};

// A NaN or infinite logit: a model with finite but huge weights can overflow float arithmetic, and
// then its probabilities and class mean nothing. The message names the class and the value.
struct NonFiniteLogits : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws NonFiniteLogits rather than answer with NaN probabilities.
Classification classify(nn::Model& model, const data::ModelInput& input);

// The input as 28 lines of ASCII art, darker characters for more ink.
std::string ascii_art(const data::ModelInput& input);

}  // namespace celab::cli
