// Inputs with which the fuzz targets (tests/fuzz/) broke a reader, minimised and inlined, each with
// the behaviour it must have now: the reader's documented error, whose message is one line that
// starts with the input's name (what tests/fuzz/fuzz_check.h requires of every error).
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "data/golden_cases.h"
#include "data/picture.h"
#include "data_test_util.h"

namespace celab::data {
namespace {

void expect_one_line_error(const std::function<void()>& read, const std::string& name, const std::string& part) {
  const std::string message = testing::expect_data_error(read, {part});
  EXPECT_EQ(message.rfind(name + ": ", 0), 0u) << message;
  EXPECT_EQ(message.find_first_of("\r\n"), std::string::npos) << message;
}

// fuzz_golden: a number beyond double's range left nlohmann::json's out_of_range exception uncaught.
TEST(FuzzRegressions, GoldenNumberOverflowIsADataError) {
  expect_one_line_error([] { parse_golden_cases("5E891", "g.json"); }, "g.json", "number overflow");
}

// fuzz_png: for an unknown critical chunk stb_image copies the chunk's type bytes into its failure
// reason; here the file ends inside the type, read as 0A 00 00 00: a newline.
TEST(FuzzRegressions, PngUnknownChunkTypeStaysOnOneLine) {
  const std::vector<uint8_t> png = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
                                    0x44, 0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03, 0x10, 0x04, 0x00, 0x00,
                                    0x00, 0x4e, 0x39, 0x00, 0x0e, 0x00, 0x00, 0x15, 0x49, 0x0a};
  expect_one_line_error([&] { decode_png_luminance(png, "p.png"); }, "p.png", "cannot decode PNG");
}

}  // namespace
}  // namespace celab::data
