// Model files on disk for the CLI: read and check (src/nn/model_file does the format), write atomically.
#pragma once

#include <string>

#include "nn/model.h"

namespace celab::cli {

// Throws data::DataError or nn::ModelFileError, with the path in the message.
nn::Model load_model(const std::string& path);
void save_model(const nn::Model& model, const std::string& path);

}  // namespace celab::cli
