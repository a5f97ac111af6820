#include "app/core/training_wire.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <type_traits>

#include "app/core/training_lab.h"

namespace celab::app::wire {
namespace {

std::string hex(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", value);
  return text;
}

// "Start, Run, Pause, Step, Set, Stop" (the commands) or "Progress, Error" (the reports).
std::string kind_names(bool commands) {
  std::string names;
  for (Kind k : kKinds) {
    if ((k < Kind::Progress) != commands) continue;
    if (!names.empty()) names += ", ";
    names += kind_name(k);
  }
  return names;
}

class Writer {
 public:
  explicit Writer(Kind kind) { bytes_ = {kFormat, static_cast<uint8_t>(kind)}; }

  void u8(uint8_t v) { bytes_.push_back(v); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  template <typename T>
  void little_endian(T v) {  // an unsigned integer
    static_assert(std::is_unsigned_v<T>);
    for (size_t i = 0; i < sizeof(T); ++i) bytes_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void i32(int32_t v) { little_endian(static_cast<uint32_t>(v)); }
  void i64(int64_t v) { little_endian(static_cast<uint64_t>(v)); }
  void u64(uint64_t v) { little_endian(v); }
  void f32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    little_endian(bits);
  }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    little_endian(bits);
  }
  template <typename E>
  void enumeration(E v) {
    u8(static_cast<uint8_t>(v));
  }
  void count(size_t n) {
    if (n > std::numeric_limits<uint32_t>::max())
      throw std::length_error("training wire: an array of more than 2^32 items");
    little_endian(static_cast<uint32_t>(n));
  }
  void bytes(std::span<const uint8_t> b) {
    count(b.size());
    bytes_.insert(bytes_.end(), b.begin(), b.end());
  }
  std::vector<uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

// Reads fields in order; every read names what it expects, for the error of a message that ends
// early or holds a value no field can.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  [[noreturn]] void fail(const std::string& problem) const { throw WireError(at_, problem); }

  // The header: the format byte, then a kind of the expected direction.
  Kind header(bool command) {
    const char* expected = command ? "a command" : "a report";
    if (bytes_.empty())
      fail(std::string("expected the format byte ") + hex(kFormat) + " of " + expected + ", the message is empty");
    const uint8_t format = bytes_[0];
    if ((format & 0xF0) == (kFormat & 0xF0) && format != kFormat)
      fail("expected the format byte " + hex(kFormat) + " (training wire version " + std::to_string(kFormatVersion) +
           "), got " + hex(format) + " (version " + std::to_string(format & 0x0F) + ")");
    if (format != kFormat)
      fail("expected the format byte " + hex(kFormat) + " of " + expected + ", got " + hex(format) +
           " (not a training wire message)");
    ++at_;
    if (bytes_.size() < 2) fail(std::string("expected the kind of ") + expected + ", the message ends at byte 1");
    const uint8_t value = bytes_[1];
    for (Kind k : kKinds) {
      if (static_cast<uint8_t>(k) != value) continue;
      if ((k < Kind::Progress) != command)
        fail(std::string("expected the kind of ") + expected + " (" + kind_names(command) + "), got " + kind_name(k) +
             " (" + (command ? "a report" : "a command") + ")");
      ++at_;
      kind_ = kind_name(k);
      return k;
    }
    fail(std::string("expected the kind of ") + expected + " (" + kind_names(command) + "), got " +
         std::to_string(value) + " (no kind)");
  }

  const uint8_t* take(size_t n, const std::string& what) {
    if (bytes_.size() - at_ < n)
      fail("expected " + kind_ + "'s " + what + " (" + std::to_string(n) + " bytes), the message ends at byte " +
           std::to_string(bytes_.size()));
    const uint8_t* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  template <typename T>
  T little_endian(const std::string& what) {
    const uint8_t* p = take(sizeof(T), what);
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<T>(p[i]) << (8 * i));
    return v;
  }
  bool boolean(const std::string& what) {
    const uint8_t v = *take(1, what);
    if (v > 1) {
      --at_;
      fail("expected " + kind_ + "'s " + what + " (0 or 1), got " + std::to_string(v));
    }
    return v == 1;
  }
  int32_t i32(const std::string& what) { return static_cast<int32_t>(little_endian<uint32_t>(what)); }
  int64_t i64(const std::string& what) { return static_cast<int64_t>(little_endian<uint64_t>(what)); }
  uint64_t u64(const std::string& what) { return little_endian<uint64_t>(what); }
  float f32(const std::string& what) {
    const uint32_t bits = little_endian<uint32_t>(what);
    float v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  double f64(const std::string& what) {
    const uint64_t bits = little_endian<uint64_t>(what);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  // One of `values` (the list defined next to the enum), by its C++ value.
  template <typename E, size_t N>
  E enumeration(const std::string& what, const char* type, const E (&values)[N]) {
    const uint8_t v = *take(1, what);
    for (E e : values)
      if (static_cast<uint8_t>(e) == v) return e;
    --at_;
    fail("expected " + kind_ + "'s " + what + " (a " + type + " value, 0.." + std::to_string(N - 1) + "), got " +
         std::to_string(v));
  }
  // A u32 count of items of `item_size` bytes each, checked against the bytes left.
  size_t count(const std::string& what, size_t item_size) {
    const size_t start = at_;
    const uint32_t n = little_endian<uint32_t>("count of " + what);
    if (static_cast<uint64_t>(n) * item_size > bytes_.size() - at_) {
      at_ = start;
      fail("expected " + kind_ + "'s " + std::to_string(n) + " " + what + " (" +
           std::to_string(static_cast<uint64_t>(n) * item_size) + " bytes from byte " + std::to_string(start + 4) +
           "), the message ends at byte " + std::to_string(bytes_.size()));
    }
    return n;
  }
  std::vector<uint8_t> bytes(const std::string& what) {
    const size_t n = count(what, 1);
    const uint8_t* p = take(n, what);
    return {p, p + n};
  }
  void end() const {
    if (at_ != bytes_.size())
      fail("expected the end of the " + kind_ + " message, " + std::to_string(bytes_.size() - at_) +
           " more bytes follow");
  }

 private:
  std::span<const uint8_t> bytes_;
  size_t at_ = 0;
  std::string kind_;
};

// TrainingOptions and TrainingProgress are taken apart field by field (structured bindings): a new
// field fails to compile here until the wire carries it (and kFormatVersion goes up).
void write_options(Writer& w, const TrainingOptions& o) {
  const auto& [from_scratch, seed, optimizer, batch_size, label_smoothing, criterion] = o;
  const auto& [kind, lr, momentum, weight_decay] = optimizer;
  w.boolean(from_scratch);
  w.u64(seed);
  w.enumeration(kind);
  w.f64(lr);
  w.f64(momentum);
  w.f64(weight_decay);
  w.i32(batch_size);
  w.f64(label_smoothing);
  w.enumeration(criterion);
}

TrainingOptions read_options(Reader& r) {
  TrainingOptions o;
  auto& [from_scratch, seed, optimizer, batch_size, label_smoothing, criterion] = o;
  auto& [kind, lr, momentum, weight_decay] = optimizer;
  from_scratch = r.boolean("from_scratch");
  seed = r.u64("seed");
  kind = r.enumeration("optimizer kind", "nn::OptimizerKind", nn::kOptimizerKinds);
  lr = r.f64("learning rate");
  momentum = r.f64("momentum");
  weight_decay = r.f64("weight decay");
  batch_size = r.i32("batch size");
  label_smoothing = r.f64("label smoothing");
  criterion = r.enumeration("criterion", "nn::Criterion", nn::kCriteria);
  return o;
}

constexpr size_t kAccuracyBytes = 8 + 8 + 8;  // i64 step, f64 accuracy, f64 nll

void write_progress(Writer& w, const TrainingProgress& p) {
  const auto& [run, steps, epochs, images_per_second, losses, accuracies, model] = p;
  w.i32(run);
  w.i64(steps);
  w.f64(epochs);
  w.f64(images_per_second);
  w.count(losses.size());
  for (float loss : losses) w.f32(loss);
  w.count(accuracies.size());
  for (const AccuracyPoint& a : accuracies) {
    const auto& [step, accuracy, nll] = a;
    w.i64(step);
    w.f64(accuracy);
    w.f64(nll);
  }
  w.bytes(model);
}

TrainingProgress read_progress(Reader& r) {
  TrainingProgress p;
  auto& [run, steps, epochs, images_per_second, losses, accuracies, model] = p;
  run = r.i32("run");
  steps = r.i64("steps");
  epochs = r.f64("epochs");
  images_per_second = r.f64("images per second");
  losses.resize(r.count("losses", 4));
  for (float& loss : losses) loss = r.f32("loss");
  accuracies.resize(r.count("accuracies", kAccuracyBytes));
  for (AccuracyPoint& a : accuracies) {
    auto& [step, accuracy, nll] = a;
    step = r.i64("accuracy's step");
    accuracy = r.f64("accuracy");
    nll = r.f64("test NLL");
  }
  model = r.bytes("model bytes");
  return p;
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Start: return "Start";
    case Kind::Run: return "Run";
    case Kind::Pause: return "Pause";
    case Kind::Step: return "Step";
    case Kind::Set: return "Set";
    case Kind::Stop: return "Stop";
    case Kind::Progress: return "Progress";
    case Kind::Error: return "Error";
  }
  return "?";
}

WireError::WireError(size_t offset, const std::string& problem)
    : std::runtime_error("training wire: byte " + std::to_string(offset) + ": " + problem), offset_(offset) {}

std::vector<uint8_t> encode_command(const Command& command) {
  return std::visit(Overloaded{
                        [](const Start& s) {
                          Writer w(Kind::Start);
                          w.i32(s.run);
                          write_options(w, s.options);
                          return w.take();
                        },
                        [](const Run&) { return Writer(Kind::Run).take(); },
                        [](const Pause&) { return Writer(Kind::Pause).take(); },
                        [](const Step&) { return Writer(Kind::Step).take(); },
                        [](const Set& s) {
                          Writer w(Kind::Set);
                          w.f64(s.lr);
                          w.i32(s.batch_size);
                          w.f64(s.label_smoothing);
                          return w.take();
                        },
                        [](const Stop&) { return Writer(Kind::Stop).take(); },
                    },
                    command);
}

std::vector<uint8_t> encode_report(const Report& report) {
  return std::visit(Overloaded{
                        [](const TrainingProgress& p) {
                          Writer w(Kind::Progress);
                          write_progress(w, p);
                          return w.take();
                        },
                        [](const Error& e) {
                          Writer w(Kind::Error);
                          w.i32(e.run);
                          w.bytes({reinterpret_cast<const uint8_t*>(e.message.data()), e.message.size()});
                          return w.take();
                        },
                    },
                    report);
}

Command decode_command(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  Command command;
  switch (r.header(/*command=*/true)) {
    case Kind::Start: {
      Start s;
      s.run = r.i32("run");
      s.options = read_options(r);
      command = s;
      break;
    }
    case Kind::Run: command = Run{}; break;
    case Kind::Pause: command = Pause{}; break;
    case Kind::Step: command = Step{}; break;
    case Kind::Set: {
      Set s;
      s.lr = r.f64("learning rate");
      s.batch_size = r.i32("batch size");
      s.label_smoothing = r.f64("label smoothing");
      command = s;
      break;
    }
    case Kind::Stop: command = Stop{}; break;
    case Kind::Progress:
    case Kind::Error: r.fail("a report where a command was expected");  // header() lets none through
  }
  r.end();
  return command;
}

Report decode_report(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  Report report;
  if (r.header(/*command=*/false) == Kind::Progress) {
    report = read_progress(r);
  } else {
    Error e;
    e.run = r.i32("run");
    const std::vector<uint8_t> message = r.bytes("message");
    e.message.assign(message.begin(), message.end());
    report = std::move(e);
  }
  r.end();
  return report;
}

bool deliver_report(TrainingLab& lab, std::span<const uint8_t> bytes) {
  Report report;
  try {
    report = decode_report(bytes);
  } catch (const WireError& e) {
    lab.failed(std::string("training: the worker's report: ") + e.what());
    return false;
  }
  if (const auto* p = std::get_if<TrainingProgress>(&report)) {
    lab.progress(*p);
    return true;
  }
  const Error& e = std::get<Error>(report);
  if (e.run == lab.run() && lab.has_run()) lab.failed("training: " + e.message);
  return false;
}

}  // namespace celab::app::wire
