// The training wire: the one format of every message between the page and its training worker
// except the initial bulk load (the digits' and the model's files, forwarded as they are). The page
// (app/web/web_training_bridge.cpp) encodes commands here and hands the bytes to
// web/training_client.js, which posts them to the worker; web/train_worker.js hands them to
// app/worker/train_worker.cpp, which decodes them here, and posts back the reports it encodes here.
// The JavaScript in between only forwards bytes: it knows no field, field order or enum value.
//
// Every message: byte 0 the format byte (kFormat), byte 1 its kind (Kind), then its fields in the
// order below, little-endian, with nothing after them:
//   bool    1 byte, 0 or 1          i32/i64/u64  4/8 bytes, two's complement
//   f32/f64 4/8 bytes, IEEE 754 bit patterns (NaN, -0 and infinities cross unchanged)
//   enum    1 byte, the C++ value of the enum (nn::OptimizerKind, nn::Criterion), checked against the
//           list next to the enum (nn::kOptimizerKinds, nn::kCriteria)
//   bytes   u32 count, then the bytes; string: bytes, UTF-8
//
// Page -> worker (Command):
//   Start     i32 run, the TrainingOptions: bool from_scratch, u64 seed, enum optimizer.kind,
//             f64 optimizer.lr, f64 optimizer.momentum, f64 optimizer.weight_decay, i32 batch_size,
//             f64 label_smoothing, enum criterion
//   Run, Pause, Step, Stop   no fields
//   Set       f64 lr, i32 batch_size, f64 label_smoothing (the live options, TrainingLab::sync)
// Worker -> page (Report):
//   Progress  the TrainingProgress: i32 run, i64 steps, f64 epochs, f64 images_per_second,
//             u32 count + count f32 losses, u32 count + count (i64 step, f64 accuracy, f64 nll),
//             bytes model (nn::model_to_bytes; empty: no new weights)
//   Error     i32 run, string message
//
// Decoding never trusts the bytes: a wrong format byte, an unknown kind, a command where a report is
// expected (or the reverse), a truncated field, a count larger than the bytes left, an enum value
// that is no value of its enum and bytes after the last field each throw WireError naming the byte
// offset and what was expected there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "app/core/training_options.h"
#include "app/core/training_session.h"

namespace celab::app {
class TrainingLab;
}

namespace celab::app::wire {

// Byte 0 of every message: 0xC0 | the format's version (1). A new field or kind changes the version.
inline constexpr uint8_t kFormatVersion = 1;
inline constexpr uint8_t kFormat = 0xC0 | kFormatVersion;

// Byte 1. Commands below Progress, reports from it on.
enum class Kind : uint8_t { Start = 1, Run, Pause, Step, Set, Stop, Progress, Error };
inline constexpr Kind kKinds[] = {Kind::Start, Kind::Run,  Kind::Pause,    Kind::Step,
                                  Kind::Set,   Kind::Stop, Kind::Progress, Kind::Error};
const char* kind_name(Kind kind);  // "Start", "Run", ...

// A new run, paused (TrainingRunner::start).
struct Start {
  int run = 0;
  TrainingOptions options;
  bool operator==(const Start&) const = default;
};
struct Run {  // take steps until paused
  bool operator==(const Run&) const = default;
};
struct Pause {  // after the slice under way
  bool operator==(const Pause&) const = default;
};
struct Step {  // one step, then paused
  bool operator==(const Step&) const = default;
};
// The live options of the run under way, from its next step on.
struct Set {
  double lr = 0;
  int batch_size = 0;
  double label_smoothing = 0;
  static Set of(const TrainingOptions& o) { return {o.optimizer.lr, o.batch_size, o.label_smoothing}; }
  bool operator==(const Set&) const = default;
};
struct Stop {  // end the run: no more reports from it
  bool operator==(const Stop&) const = default;
};
using Command = std::variant<Start, Run, Pause, Step, Set, Stop>;

// The run cannot go on: `message` says why (the worker's exception).
struct Error {
  int run = 0;
  std::string message;
  bool operator==(const Error&) const = default;
};
using Report = std::variant<TrainingProgress, Error>;

// A message that does not decode: what() is "training wire: byte OFFSET: expected ..., <what was there>".
class WireError : public std::runtime_error {
 public:
  WireError(size_t offset, const std::string& problem);
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
};

std::vector<uint8_t> encode_command(const Command& command);
std::vector<uint8_t> encode_report(const Report& report);
// Throw WireError (never read past `bytes`, never allocate more than `bytes` can hold).
Command decode_command(std::span<const uint8_t> bytes);
Report decode_report(std::span<const uint8_t> bytes);

// The page's end: a report's bytes from the worker into the lab. Progress goes to lab.progress; an
// Error of the run under way to lab.failed ("training: " + message; an Error of an ended run is
// dropped); bytes that do not decode to lab.failed with the WireError's message. Returns true for
// Progress (the page asks for a progress frame), false otherwise (a frame).
bool deliver_report(TrainingLab& lab, std::span<const uint8_t> bytes);

}  // namespace celab::app::wire
