// libFuzzer target: the golden-case reader (src/data/golden_cases.h) on arbitrary text, then
// every case it accepts through check_golden_case in double and float, as `celab check-golden`
// does: whatever the shapes, options and numbers, the library answers or throws LossError
// (check_golden_case turns that into a result), and never fails in any other way.
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/golden_cases.h"
#include "data/golden_check.h"
#include "fuzz_check.h"

using celab::data::DataError;
using celab::fuzz::require;
using celab::fuzz::returns_or_throws;

namespace {

template <typename T>
void check_case(const celab::data::GoldenCase& c) {
  const auto result = celab::data::check_golden_case<T>(c);
  require(result.passed == result.detail.empty(), "a result's detail does not match passed");
  require(!(result.worst_error < 0), "negative worst error");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string name = "fuzz.json";
  celab::data::GoldenFile file;
  if (!returns_or_throws<DataError>([&] { file = celab::data::parse_golden_cases(text, name); }, name)) return 0;
  require(file.source == name, "source is not the name given");
  for (const auto& c : file.cases) {
    check_case<double>(c);
    check_case<float>(c);
  }
  return 0;
}
