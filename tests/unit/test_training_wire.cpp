// The training wire (src/app/core/training_wire.h): every message between the page and its training
// worker round trips bit for bit, every field of TrainingOptions crosses, and bytes that are not a
// message (truncated, garbled, of an unknown kind or another version) are a WireError naming the byte
// offset and what was expected there, never a crash or a garbage message.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "app/core/training_lab.h"
#include "app/core/training_wire.h"

namespace celab::app::wire {
namespace {

template <typename T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

// Every field away from its default, so a field the wire drops or mixes up shows.
TrainingOptions unusual_options() {
  TrainingOptions o;
  o.from_scratch = false;
  o.seed = 0xFEDCBA9876543211ull;  // more than a double's 53 bits
  o.optimizer = {.kind = nn::OptimizerKind::Sgd, .lr = 0.1 + 1e-17, .momentum = 0.875, .weight_decay = 3e-4};
  o.batch_size = 37;
  o.label_smoothing = 1.0 / 3;
  o.criterion = nn::Criterion::SquaredError;
  return o;
}

TrainingProgress unusual_progress() {
  TrainingProgress p;
  p.run = 7;
  p.steps = (int64_t{1} << 40) + 3;
  p.epochs = 2.0 / 3;
  p.images_per_second = 12345.678;
  p.losses = {2.3025851f,
              -0.0f,
              std::numeric_limits<float>::quiet_NaN(),
              std::numeric_limits<float>::infinity(),
              std::numeric_limits<float>::denorm_min(),
              1e-30f};
  p.accuracies = {{0, 0.0987, 2.302585092994046}, {(int64_t{1} << 35) + 50, 0.9876543, 0.0421}};
  p.model = {0, 1, 2, 0x7f, 0x80, 0xff, 0};
  return p;
}

void expect_same_progress(const TrainingProgress& a, const TrainingProgress& b) {
  EXPECT_EQ(a.run, b.run);
  EXPECT_EQ(a.steps, b.steps);
  EXPECT_TRUE(same_bits(a.epochs, b.epochs));
  EXPECT_TRUE(same_bits(a.images_per_second, b.images_per_second));
  ASSERT_EQ(a.losses.size(), b.losses.size());
  for (size_t i = 0; i < a.losses.size(); ++i) EXPECT_TRUE(same_bits(a.losses[i], b.losses[i])) << "loss " << i;
  ASSERT_EQ(a.accuracies.size(), b.accuracies.size());
  for (size_t i = 0; i < a.accuracies.size(); ++i) {
    EXPECT_EQ(a.accuracies[i].step, b.accuracies[i].step);
    EXPECT_TRUE(same_bits(a.accuracies[i].accuracy, b.accuracies[i].accuracy));
    EXPECT_TRUE(same_bits(a.accuracies[i].nll, b.accuracies[i].nll));
  }
  EXPECT_EQ(a.model, b.model);
}

// The WireError of decoding `bytes` (a failure if they decode).
template <typename Decode>
WireError error_of(Decode decode, const std::vector<uint8_t>& bytes) {
  try {
    decode(bytes);
  } catch (const WireError& e) {
    return e;
  }
  ADD_FAILURE() << "decoded " << bytes.size() << " bytes that are not a message";
  return WireError(0, "none");
}
const auto command = [](const std::vector<uint8_t>& b) { return decode_command(b); };
const auto report = [](const std::vector<uint8_t>& b) { return decode_report(b); };

#define EXPECT_WIRE_ERROR(error, at, ...)                                                                  \
  do {                                                                                                     \
    const WireError& e_ = (error);                                                                         \
    EXPECT_EQ(e_.offset(), static_cast<size_t>(at)) << e_.what();                                          \
    EXPECT_NE(std::string(e_.what()).find("byte " + std::to_string(at) + ": expected"), std::string::npos) \
        << e_.what();                                                                                      \
    for (const char* part : {__VA_ARGS__})                                                                 \
      EXPECT_NE(std::string(e_.what()).find(part), std::string::npos) << e_.what();                        \
  } while (0)

TEST(TrainingWire, StartCarriesEveryOptionBitForBit) {
  const Start start{42, unusual_options()};
  const Command decoded = decode_command(encode_command(start));
  ASSERT_TRUE(std::holds_alternative<Start>(decoded));
  const Start& got = std::get<Start>(decoded);
  EXPECT_EQ(got.run, 42);
  EXPECT_EQ(got, start);
  EXPECT_TRUE(same_bits(got.options.optimizer.lr, start.options.optimizer.lr));
  EXPECT_TRUE(same_bits(got.options.label_smoothing, start.options.label_smoothing));
}

// Every field of TrainingOptions the worker starts a run from, one at a time away from its default:
// each must cross. A new field fails to compile here (the structured bindings) until it is added to
// this test, and in training_wire.cpp until the wire carries it.
TEST(TrainingWire, EveryTrainingOptionsFieldCrosses) {
  const TrainingOptions unusual = unusual_options();
  const auto& [from_scratch, seed, optimizer, batch_size, label_smoothing, criterion] = unusual;
  const auto& [kind, lr, momentum, weight_decay] = optimizer;
  const std::vector<std::pair<const char*, void (*)(TrainingOptions&)>> fields = {
      {"from_scratch", [](TrainingOptions& o) { o.from_scratch = unusual_options().from_scratch; }},
      {"seed", [](TrainingOptions& o) { o.seed = unusual_options().seed; }},
      {"optimizer.kind", [](TrainingOptions& o) { o.optimizer.kind = unusual_options().optimizer.kind; }},
      {"optimizer.lr", [](TrainingOptions& o) { o.optimizer.lr = unusual_options().optimizer.lr; }},
      {"optimizer.momentum", [](TrainingOptions& o) { o.optimizer.momentum = unusual_options().optimizer.momentum; }},
      {"optimizer.weight_decay",
       [](TrainingOptions& o) { o.optimizer.weight_decay = unusual_options().optimizer.weight_decay; }},
      {"batch_size", [](TrainingOptions& o) { o.batch_size = unusual_options().batch_size; }},
      {"label_smoothing", [](TrainingOptions& o) { o.label_smoothing = unusual_options().label_smoothing; }},
      {"criterion", [](TrainingOptions& o) { o.criterion = unusual_options().criterion; }},
  };
  // One entry a binding above: the 5 fields besides the optimizer and the optimizer's 4.
  (void)from_scratch, (void)seed, (void)batch_size, (void)label_smoothing, (void)criterion;
  (void)kind, (void)lr, (void)momentum, (void)weight_decay;
  ASSERT_EQ(fields.size(), 5u + 4u);
  for (const auto& [name, set] : fields) {
    TrainingOptions o;
    set(o);
    EXPECT_NE(o, TrainingOptions{}) << name << ": the sample value is the default; pick another";
    const Command decoded = decode_command(encode_command(Start{1, o}));
    ASSERT_TRUE(std::holds_alternative<Start>(decoded)) << name;
    EXPECT_EQ(std::get<Start>(decoded).options, o) << name << " is lost on the wire";
  }
  // Every criterion and optimizer by its C++ value, none re-listed here.
  for (nn::Criterion c : nn::kCriteria) {
    TrainingOptions o;
    o.criterion = c;
    EXPECT_EQ(std::get<Start>(decode_command(encode_command(Start{1, o}))).options.criterion, c)
        << nn::criterion_name(c);
  }
  for (nn::OptimizerKind k : nn::kOptimizerKinds) {
    TrainingOptions o;
    o.optimizer.kind = k;
    EXPECT_EQ(std::get<Start>(decode_command(encode_command(Start{1, o}))).options.optimizer.kind, k)
        << nn::optimizer_name(k);
  }
}

TEST(TrainingWire, CommandsWithoutFieldsAreTheirHeader) {
  const std::vector<std::pair<Command, Kind>> commands = {
      {wire::Run{}, Kind::Run}, {Pause{}, Kind::Pause}, {Step{}, Kind::Step}, {Stop{}, Kind::Stop}};
  for (const auto& [c, kind] : commands) {
    const std::vector<uint8_t> bytes = encode_command(c);
    EXPECT_EQ(bytes, (std::vector<uint8_t>{kFormat, static_cast<uint8_t>(kind)})) << kind_name(kind);
    EXPECT_EQ(decode_command(bytes), c) << kind_name(kind);
  }
}

TEST(TrainingWire, SetCarriesTheLiveOptionsLittleEndian) {
  const TrainingOptions o = unusual_options();
  const Set set = Set::of(o);
  EXPECT_EQ(set.lr, o.optimizer.lr);
  EXPECT_EQ(set.batch_size, 37);
  EXPECT_EQ(set.label_smoothing, o.label_smoothing);
  const std::vector<uint8_t> bytes = encode_command(set);
  ASSERT_EQ(bytes.size(), 2u + 8 + 4 + 8);
  EXPECT_EQ(bytes[0], kFormat);
  EXPECT_EQ(bytes[1], static_cast<uint8_t>(Kind::Set));
  uint64_t lr_bits = 0;
  for (int i = 0; i < 8; ++i) lr_bits |= uint64_t{bytes[static_cast<size_t>(2 + i)]} << (8 * i);
  EXPECT_EQ(lr_bits, std::bit_cast<uint64_t>(o.optimizer.lr)) << "f64, little-endian";
  EXPECT_EQ(bytes[10], 37);
  EXPECT_EQ(bytes[11], 0);
  const Command decoded = decode_command(bytes);
  ASSERT_TRUE(std::holds_alternative<Set>(decoded));
  EXPECT_EQ(std::get<Set>(decoded), set);
}

TEST(TrainingWire, ProgressRoundTripsBitForBit) {
  const TrainingProgress p = unusual_progress();
  const Report decoded = decode_report(encode_report(p));
  ASSERT_TRUE(std::holds_alternative<TrainingProgress>(decoded));
  expect_same_progress(std::get<TrainingProgress>(decoded), p);

  // Empty arrays: a report with no steps, no accuracy and no weights.
  TrainingProgress empty;
  empty.run = 3;
  empty.steps = 12;
  const std::vector<uint8_t> bytes = encode_report(empty);
  EXPECT_EQ(bytes.size(), 2u + 4 + 8 + 8 + 8 + 4 + 4 + 4);
  const Report back = decode_report(bytes);
  ASSERT_TRUE(std::holds_alternative<TrainingProgress>(back));
  EXPECT_EQ(std::get<TrainingProgress>(back), empty);
}

TEST(TrainingWire, ErrorRoundTrips) {
  for (const Error& e : {Error{5, "no training digits loaded"}, Error{0, ""}, Error{-1, "训练 \xE2\x80\x94 UTF-8"}}) {
    const Report decoded = decode_report(encode_report(e));
    ASSERT_TRUE(std::holds_alternative<Error>(decoded));
    EXPECT_EQ(std::get<Error>(decoded), e);
  }
}

TEST(TrainingWire, NotAMessageIsAnErrorAtByteZero) {
  EXPECT_WIRE_ERROR(error_of(command, {}), 0, "format byte 0xc1", "empty");
  EXPECT_WIRE_ERROR(error_of(report, {}), 0, "format byte 0xc1", "a report");
  // JSON, as the old messages were.
  EXPECT_WIRE_ERROR(error_of(command, {'{', '"', 't'}), 0, "0xc1", "got 0x7b", "not a training wire message");
  // Another version of the format.
  std::vector<uint8_t> later = encode_command(wire::Run{});
  later[0] = 0xC2;
  EXPECT_WIRE_ERROR(error_of(command, later), 0, "version 1", "got 0xc2", "version 2");
}

TEST(TrainingWire, KindIsCheckedAtByteOne) {
  EXPECT_WIRE_ERROR(error_of(command, {kFormat}), 1, "the kind of a command", "ends at byte 1");
  EXPECT_WIRE_ERROR(error_of(command, {kFormat, 0}), 1, "Start, Run, Pause, Step, Set, Stop", "got 0 (no kind)");
  EXPECT_WIRE_ERROR(error_of(report, {kFormat, 99}), 1, "Progress, Error", "got 99");
  // A report where a command is expected, and the reverse.
  EXPECT_WIRE_ERROR(error_of(command, encode_report(Error{1, "x"})), 1, "a command", "got Error");
  EXPECT_WIRE_ERROR(error_of(report, encode_command(Stop{})), 1, "a report", "got Stop");
}

TEST(TrainingWire, TruncatedMessagesNameTheMissingField) {
  const std::vector<uint8_t> start = encode_command(Start{9, unusual_options()});
  // Bytes 2-5 run, 6 from_scratch, 7-14 seed.
  EXPECT_WIRE_ERROR(error_of(command, {start.begin(), start.begin() + 10}), 7, "Start's seed (8 bytes)",
                    "ends at byte 10");
  EXPECT_WIRE_ERROR(error_of(command, {start.begin(), start.end() - 1}), start.size() - 1, "Start's criterion");
  // Every cut of every kind: an error at or before the cut, never past it.
  const std::vector<std::vector<uint8_t>> messages = {start, encode_command(Set::of(unusual_options()))};
  for (const auto& m : messages)
    for (size_t n = 0; n < m.size(); ++n) {
      const WireError e = error_of(command, {m.begin(), m.begin() + static_cast<std::ptrdiff_t>(n)});
      EXPECT_LE(e.offset(), n) << e.what();
      EXPECT_NE(std::string(e.what()).find("expected"), std::string::npos) << e.what();
    }
  for (const auto& m : {encode_report(unusual_progress()), encode_report(Error{3, "why"})})
    for (size_t n = 0; n < m.size(); ++n) {
      const WireError e = error_of(report, {m.begin(), m.begin() + static_cast<std::ptrdiff_t>(n)});
      EXPECT_LE(e.offset(), n) << e.what();
    }
}

TEST(TrainingWire, CountsLargerThanTheMessageAreRefusedBeforeAllocating) {
  // Progress: 2 header, 4 run, 8 steps, 8 epochs, 8 images/s, then the losses' count at byte 30.
  std::vector<uint8_t> m = encode_report(unusual_progress());
  for (int i = 0; i < 4; ++i) m[static_cast<size_t>(30 + i)] = 0xff;
  EXPECT_WIRE_ERROR(error_of(report, m), 30, "Progress's 4294967295 losses", "17179869180 bytes from byte 34");
}

TEST(TrainingWire, ValuesNoFieldCanHoldAreRefused) {
  const std::vector<uint8_t> start = encode_command(Start{9, unusual_options()});
  std::vector<uint8_t> m = start;
  m[6] = 2;  // from_scratch
  EXPECT_WIRE_ERROR(error_of(command, m), 6, "from_scratch (0 or 1)", "got 2");
  m = start;
  m[15] = 200;  // the optimizer's kind
  EXPECT_WIRE_ERROR(error_of(command, m), 15, "optimizer kind (a nn::OptimizerKind value", "got 200");
  m = start;
  m.back() = static_cast<uint8_t>(std::size(nn::kCriteria));  // one past the last criterion
  EXPECT_WIRE_ERROR(error_of(command, m), start.size() - 1, "criterion (a nn::Criterion value", "got ");
  // Bytes after the last field.
  m = encode_command(Stop{});
  m.push_back(0);
  EXPECT_WIRE_ERROR(error_of(command, m), 2, "the end of the Stop message", "1 more bytes follow");
}

// Random damage to real messages: each decodes or is a WireError; nothing else, and no crash (the
// sanitizer build runs this too).
TEST(TrainingWire, GarbledMessagesDecodeOrFailCleanly) {
  const std::vector<std::vector<uint8_t>> commands = {
      encode_command(Start{2, unusual_options()}), encode_command(Set::of(unusual_options())), encode_command(Pause{})};
  const std::vector<std::vector<uint8_t>> reports = {encode_report(unusual_progress()), encode_report(Error{1, "e"})};
  std::mt19937 rng(1);
  int refused = 0;
  for (int round = 0; round < 4000; ++round) {
    const bool is_command = round % 2 == 0;
    const auto& pool = is_command ? commands : reports;
    std::vector<uint8_t> m = pool[rng() % pool.size()];
    const int damage = 1 + static_cast<int>(rng() % 4);
    for (int d = 0; d < damage; ++d) {
      const uint32_t what = rng() % 3;
      if (what == 0 && !m.empty()) m[rng() % m.size()] = static_cast<uint8_t>(rng());
      if (what == 1 && !m.empty()) m.erase(m.begin() + static_cast<std::ptrdiff_t>(rng() % m.size()));
      if (what == 2)
        m.insert(m.begin() + static_cast<std::ptrdiff_t>(rng() % (m.size() + 1)), static_cast<uint8_t>(rng()));
    }
    try {
      if (is_command) {
        decode_command(m);
      } else {
        decode_report(m);
      }
    } catch (const WireError& e) {
      EXPECT_LE(e.offset(), m.size()) << e.what();
      ++refused;
    }
  }
  EXPECT_GT(refused, 1000);
}

// The page's end: reports into the training lab, as web_training_bridge.cpp hands them over.
class RecordingRunner : public TrainingRunner {
 public:
  void fetch_data() override {}
  void start(const TrainingOptions& o, int run) override { sent.push_back(encode_command(Start{run, o})); }
  void run() override { sent.push_back(encode_command(wire::Run{})); }
  void pause() override { sent.push_back(encode_command(Pause{})); }
  void step_once() override { sent.push_back(encode_command(Step{})); }
  void set_live_options(const TrainingOptions& o) override { sent.push_back(encode_command(Set::of(o))); }
  void stop() override { sent.push_back(encode_command(Stop{})); }
  std::vector<std::vector<uint8_t>> sent;
};

data::MnistSplit few_digits() {
  data::MnistSplit digits;
  digits.images.count = 2;
  digits.images.rows = digits.images.cols = 28;
  digits.images.pixels.assign(2 * 28 * 28, 0);
  digits.labels = {3, 7};
  return digits;
}

TEST(TrainingWire, ReportsReachTheLab) {
  RecordingRunner runner;
  TrainingLab lab;
  lab.set_runner(&runner);
  lab.data_arrived(few_digits());
  lab.edit_options() = unusual_options();
  lab.start();
  ASSERT_EQ(runner.sent.size(), 2u);
  EXPECT_EQ(decode_command(runner.sent[0]), Command(Start{lab.run(), lab.run_options()}));
  EXPECT_EQ(decode_command(runner.sent[1]), Command(wire::Run{}));

  TrainingProgress p;
  p.run = lab.run();
  p.steps = 2;
  p.losses = {2.5f, 2.25f};
  p.accuracies = {{0, 0.1, 2.3}};
  EXPECT_TRUE(deliver_report(lab, encode_report(p)));
  EXPECT_EQ(lab.steps(), 2);
  EXPECT_EQ(lab.losses()[1], 2.25f);
  ASSERT_EQ(lab.accuracies().size(), 1u);

  // An Error of an ended run is dropped; of the run under way it ends the run.
  EXPECT_FALSE(deliver_report(lab, encode_report(Error{lab.run() - 1, "old"})));
  EXPECT_TRUE(lab.has_run());
  EXPECT_FALSE(deliver_report(lab, encode_report(Error{lab.run(), "no training digits loaded"})));
  EXPECT_FALSE(lab.has_run());
  EXPECT_EQ(lab.error(), "training: no training digits loaded");

  // Bytes that are not a report: the card says so.
  lab.start();
  ASSERT_TRUE(lab.has_run());
  EXPECT_FALSE(deliver_report(lab, std::vector<uint8_t>{kFormat, static_cast<uint8_t>(Kind::Progress), 1}));
  EXPECT_FALSE(lab.has_run());
  EXPECT_EQ(lab.error(),
            "training: the worker's report: training wire: byte 2: expected Progress's run (4 bytes), the message "
            "ends at byte 3");
  EXPECT_EQ(decode_command(runner.sent.back()), Command(Stop{})) << "the run is stopped in the worker too";
}

}  // namespace
}  // namespace celab::app::wire
