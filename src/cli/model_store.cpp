#include "cli/model_store.h"

#include "data/file_bytes.h"
#include "nn/model_file.h"

namespace celab::cli {

// Far above the shipped model (about 55 KB): anything this large is not a model file.
constexpr uint64_t kMaxModelFileBytes = 64ull << 20;

nn::Model load_model(const std::string& path) {
  const auto bytes = data::read_file_bytes(path, kMaxModelFileBytes);
  try {
    return nn::model_from_bytes(bytes);
  } catch (const nn::ModelFileError& e) {
    throw nn::ModelFileError(path + ": " + e.what());
  }
}

void save_model(const nn::Model& model, const std::string& path) {
  data::write_file_atomically(path, nn::model_to_bytes(model));
}

}  // namespace celab::cli
