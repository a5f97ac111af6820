// The contact sheet of `celab eval --worst N --png FILE`, read back with the PNG decoder of
// `celab predict`; the report lines of `celab calibrate` and `celab eval --worst`; the calibration
// JSON that the CLI prints and the page returns.
#include "cli/contact_sheet.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/calibration_report.h"
#include "data/calibration_json.h"
#include "data/evaluation.h"
#include "data/file_bytes.h"
#include "data/picture.h"

namespace celab::cli {
namespace {

// n 28x28 images; image i has pixel value (i * 40 + x + y) % 256 at (x, y).
data::MnistSplit patterned_split(size_t n) {
  data::IdxImages images;
  images.count = n;
  images.rows = images.cols = data::kMnistSide;
  for (size_t i = 0; i < n; ++i)
    for (size_t y = 0; y < data::kMnistSide; ++y)
      for (size_t x = 0; x < data::kMnistSide; ++x)
        images.pixels.push_back(static_cast<uint8_t>((i * 40 + x + y) % 256));
  return data::MnistSplit{std::move(images), std::vector<uint8_t>(n, 3)};
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("celab_test_" + name)).string();
}

TEST(ContactSheet, TilesHoldTheImagesAsTheyAreInRowsOfTen) {
  const data::MnistSplit split = patterned_split(4);
  std::vector<SheetTile> tiles;
  for (int t = 0; t < 12; ++t) tiles.push_back({static_cast<size_t>(t % 4), 3, t % 2 ? 5 : 3});
  const std::string path = temp_path("sheet.png");
  write_contact_sheet(path, split, tiles);
  const data::Image sheet = data::decode_png_luminance(data::read_file_bytes(path), path);
  std::filesystem::remove(path);
  ASSERT_EQ(sheet.width, kSheetColumns * kTileWidth);
  ASSERT_EQ(sheet.height, 2 * kTileHeight);
  for (int t : {0, 3, 11}) {
    const int x0 = t % kSheetColumns * kTileWidth + 2, y0 = t / kSheetColumns * kTileHeight + 2;
    for (int y = 0; y < 28; y += 9)
      for (int x = 0; x < 28; x += 9)
        EXPECT_NEAR(sheet.at(x0 + x, y0 + y), static_cast<float>((t % 4 * 40 + x + y) % 256) / 255.0f, 1e-6f)
            << "tile " << t << " at " << x << "," << y;
  }
  // Tile 0's label is drawn in white under its image; the 4 blank tiles of the last row stay dark.
  float brightest = 0;
  for (int y = 30; y < kTileHeight; ++y)
    for (int x = 0; x < kTileWidth / 2; ++x) brightest = std::max(brightest, sheet.at(x, y));
  EXPECT_FLOAT_EQ(brightest, 1.0f);
  EXPECT_LT(sheet.at(kSheetColumns * kTileWidth - 10, kTileHeight + 10), 0.2f);
}

TEST(ContactSheet, BadTilesAndPathsAreNamed) {
  const data::MnistSplit split = patterned_split(2);
  const std::string path = temp_path("bad.png");
  const std::vector<SheetTile> outside{{2, 3, 3}};
  EXPECT_THROW(
      {
        try {
          write_contact_sheet(path, split, outside);
        } catch (const std::runtime_error& e) {
          EXPECT_EQ(std::string(e.what()), path + ": image 2 is outside the 2 images");
          throw;
        }
      },
      std::runtime_error);
  const std::vector<SheetTile> not_digit{{0, 3, 10}};
  EXPECT_THROW(write_contact_sheet(path, split, not_digit), std::runtime_error);
  EXPECT_THROW(write_contact_sheet(path, split, {}), std::runtime_error);
  const std::vector<SheetTile> good{{0, 3, 3}};
  EXPECT_THROW(write_contact_sheet("/nonexistent-dir/x.png", split, good), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(CalibrationReport, TextAndJsonCarryTheSameFigures) {
  nn::RowMatrix<double> logits(6, 3);
  logits << 3, 0, 0, 0, 2, 0, 0, 0, 1, 2, 1, 0, 0, 4, 0, 1, 0, 3;
  const std::vector<int64_t> labels{0, 1, 2, 1, 1, 0};
  const nn::Calibration all = nn::calibration(logits, labels);
  const nn::TemperatureFit fit = nn::fit_temperature(logits, labels);
  const std::string text = format_calibration(all, fit);
  EXPECT_NE(text.find("samples: 6\n"), std::string::npos) << text;
  EXPECT_NE(text.find("accuracy: 0.6667\n"), std::string::npos) << text;
  char ece[64];
  std::snprintf(ece, sizeof ece, "ECE (expected calibration error): %.6f\n", all.ece);
  EXPECT_NE(text.find(ece), std::string::npos) << text;
  const nlohmann::json j = data::calibration_json(all, fit);
  EXPECT_EQ(j["count"], 6);
  EXPECT_EQ(j["bins"].size(), 15u);
  EXPECT_EQ(j["bins"][14]["hi"], 1.0);
  EXPECT_EQ(j["ece"].get<double>(), all.ece);
  EXPECT_EQ(j["fittedT"].get<double>(), fit.temperature);
  EXPECT_EQ(j["eceAfter"].get<double>(), fit.held_out_after.ece);
  EXPECT_EQ(j["nllBefore"].get<double>(), fit.held_out_before.nll);
}

TEST(CalibrationReport, HardestLinesHighestLossFirst) {
  const std::vector<int64_t> labels{1, 2, 3}, predicted{1, 7, 3};
  const std::vector<double> losses{0.25, 5.5, 1.0};
  const std::string text = format_hardest(nn::hardest(losses, 2), labels, predicted, losses);
  EXPECT_EQ(text,
            " rank  index  label  predicted       loss\n"
            "    1      1      2          7     5.5000  <- wrong\n"
            "    2      2      3          3     1.0000\n");
}

TEST(Evaluation, EvaluationOfLogitsCountsAndAveragesInDouble) {
  nn::RowMatrix<float> logits(3, 10);
  logits.setZero();
  logits(0, 4) = 5;
  logits(1, 2) = 1;
  logits(2, 9) = 3;
  const std::vector<int64_t> labels{4, 3, 9};
  const data::Evaluation e = data::evaluation_of(logits, labels);
  EXPECT_EQ(e.correct, 2);
  EXPECT_EQ(e.confusion[3][2], 1);
  EXPECT_DOUBLE_EQ(e.mean_loss, nn::mean_nll(logits.cast<double>(), labels));
}

}  // namespace
}  // namespace celab::cli
