// One preprocessed input through the model, for the CLI: nn::classify, and an error for a model
// that gives no answer.
#pragma once

#include <stdexcept>
#include <string>

#include "data/model_input.h"
#include "nn/classify.h"

namespace celab::cli {

// A NaN or infinite logit; the message names the class and the value.
struct NonFiniteLogits : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws NonFiniteLogits rather than answer with NaN probabilities.
nn::Classification classify(nn::Model& model, const data::ModelInput& input);

// The input as lines of ASCII art, darker characters for more ink.
std::string ascii_art(const data::ModelInput& input);

}  // namespace celab::cli
