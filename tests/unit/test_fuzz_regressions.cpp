// Inputs with which the fuzz targets (tests/fuzz/) broke a reader, minimised and inlined, each with
// the behaviour it must have now: the reader's documented error, whose message is one line that
// starts with the input's name (what tests/fuzz/fuzz_check.h requires of every error).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "data/golden_cases.h"
#include "data/picture.h"
#include "data_test_util.h"
#include "nn/crc32.h"
#include "nn/model_file.h"

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
  const std::vector<uint8_t> png = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
                                    0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03, 0x10, 0x04,
                                    0x00, 0x00, 0x00, 0x4e, 0x39, 0x00, 0x0e, 0x00, 0x00, 0x15, 0x49, 0x0a};
  expect_one_line_error([&] { decode_png_luminance(png, "p.png"); }, "p.png", "cannot decode PNG");
}

// fuzz_png: a 135-byte file whose second IDAT chunk claims 0x60600000 bytes (1.5 GB); stb_image grew its
// buffer towards that size and asked for 2 GB. The chunk walk now refuses it, naming the chunk.
TEST(FuzzRegressions, PngChunkLongerThanTheFileIsRefusedBeforeDecoding) {
  const std::vector<uint8_t> png = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
      0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x08, 0x06, 0x00, 0x00, 0x00, 0x46, 0x32, 0xf5, 0x40, 0x00,
      0x00, 0x00, 0x17, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xff, 0xff, 0x49, 0x48, 0x44, 0x52,
      0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x08, 0x06, 0x00, 0x00, 0x00, 0x95, 0x43, 0x01, 0x00,
      0x60, 0x60, 0x00, 0x00, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xff, 0xff, 0x3f, 0x03, 0x3a,
      0x66, 0xc0, 0x2b, 0xc8, 0x00, 0xab, 0x27, 0x43, 0x4e, 0x45, 0x49, 0x39, 0xc7, 0xfe, 0x22, 0x89, 0x50,
      0x4e, 0x47, 0x0d, 0x0a, 0x93, 0x68, 0x00, 0x00, 0x95, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
      0x3f, 0x03, 0x3a, 0x66, 0xc0, 0x2b, 0xc8, 0x00, 0x66, 0x89, 0x50, 0x1a, 0x0a, 0x00, 0x00, 0x4e};
  expect_one_line_error([&] { decode_png_luminance(png, "p.png"); }, "p.png",
                        "PNG chunk 'IDAT' at byte offset 68 claims 1616904192 bytes of data and a 4-byte CRC, but only "
                        "59 bytes follow its header");
}

// fuzz_png again: the same with the chunk cut inside its CRC (77 bytes), which the first chunk walk
// let through because it only looked at chunks whose length, type and CRC fields were all present.
TEST(FuzzRegressions, PngChunkCutInsideItsCrcIsRefusedBeforeDecoding) {
  const std::vector<uint8_t> png = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
                                    0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x36, 0x10, 0x04,
                                    0x00, 0x00, 0x01, 0x4e, 0x6d, 0xba, 0x0e, 0x00, 0x00, 0x00, 0x15, 0x49, 0x44,
                                    0x41, 0x54, 0x78, 0xda, 0x63, 0x60, 0x60, 0xf9, 0x5c, 0x8f, 0xc0, 0x34, 0x26,
                                    0x5b, 0x64, 0x02, 0x26, 0x13, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                    0x00, 0x40, 0x37, 0xfd, 0x00, 0x49, 0x44, 0x41, 0x54, 0xae, 0x42, 0x82};
  expect_one_line_error([&] { decode_png_luminance(png, "p.png"); }, "p.png",
                        "PNG chunk 'IDAT' at byte offset 66 claims 1077411072 bytes of data and a 4-byte CRC, but only "
                        "3 bytes follow its header");
}

// fuzz_model_file: a tensor name read from the file went into the message as it was. The crashing
// input was the shipped model with bytes changed inside the first tensor's name; here a model
// written by model_to_bytes gets a newline there, with its checksum made right again.
TEST(FuzzRegressions, ModelFileTensorNameStaysOnOneLine) {
  std::vector<uint8_t> bytes = nn::model_to_bytes(nn::Model(1));
  const std::string name = "conv1.weight";
  const auto at = std::search(bytes.begin(), bytes.end(), name.begin(), name.end());
  ASSERT_NE(at, bytes.end());
  *(at + 2) = '\n';
  const size_t body_end = bytes.size() - 4;
  const uint32_t crc = nn::crc32(std::span(bytes).first(body_end));
  for (int i = 0; i < 4; ++i) bytes[body_end + static_cast<size_t>(i)] = static_cast<uint8_t>(crc >> (8 * i));
  try {
    nn::model_from_bytes(bytes);
    ADD_FAILURE() << "no ModelFileError";
  } catch (const nn::ModelFileError& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("is 'co?v1.weight' (8,1,3,3), expected 'conv1.weight'"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace celab::data
