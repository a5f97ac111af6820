#include "cli/model_store.h"

#include "data/file_bytes.h"
#include "nn/model_file.h"

namespace celab::cli {

nn::Model load_model(const std::string& path) {
  const auto bytes = data::read_file_bytes(path, nn::kMaxModelFileBytes);
  nn::Model model;
  nn::read_model(bytes, model, path);
  return model;
}

void save_model(const nn::Model& model, const std::string& path) {
  data::write_file_atomically(path, nn::write_model(model));
}

}  // namespace celab::cli
