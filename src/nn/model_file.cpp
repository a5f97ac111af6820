#include "nn/model_file.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "nn/architecture.h"
#include "nn/crc32.h"
#include "nn/error_text.h"

namespace celab::nn {
namespace {

constexpr size_t kHeaderSize = 16;  // magic, version, body end

// std::bit_cast is missing from Emscripten 3.1.6's libc++.
uint32_t float_bits(float v) {
  uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}
float bits_float(uint32_t u) {
  float v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

[[noreturn]] void fail(const std::string& what) { throw ModelFileError("model file: " + what); }

class Writer {
 public:
  void u8(uint8_t v) { bytes_.push_back(v); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void f32(float v) { u32(float_bits(v)); }
  void name(std::string_view s) {
    u8(static_cast<uint8_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  void raw(const char* p, size_t n) { bytes_.insert(bytes_.end(), p, p + n); }
  void patch_u32(size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes_[at + i] = static_cast<uint8_t>(v >> (8 * i));
  }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

// Reads within [0, end), naming the field and its offset when the bytes run out.
class Reader {
 public:
  Reader(std::span<const uint8_t> bytes, size_t end) : bytes_(bytes), end_(end) {}
  size_t offset() const { return at_; }

  const uint8_t* take(size_t n, const char* field) {
    if (n > end_ - at_)
      fail(std::string("truncated ") + field + ": needs " + std::to_string(n) + " bytes at offset " +
           std::to_string(at_) + ", the body ends at offset " + std::to_string(end_));
    const uint8_t* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  uint8_t u8(const char* field) { return *take(1, field); }
  uint32_t u32(const char* field) {
    const uint8_t* p = take(4, field);
    return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
  }
  float f32(const char* field) { return bits_float(u32(field)); }
  std::string name(const char* field) {
    const uint8_t length = u8(field);
    const uint8_t* p = take(length, field);
    return {reinterpret_cast<const char*>(p), length};
  }

 private:
  std::span<const uint8_t> bytes_;
  size_t end_;
  size_t at_ = kHeaderSize;
};

// The architecture record as written, and as compared field by field on reading.
struct LayerRecord {
  uint32_t kind = 0;
  std::string name;
  uint32_t in = 0, out = 0, kernel = 0;
};

std::string describe(const LayerRecord& l) {
  const auto kind = static_cast<LayerKind>(l.kind);
  const std::string_view kind_name = layer_kind_name(kind);
  // Appends only: GCC 12 misreports "literal" + std::string temporaries here (-Wrestrict).
  std::string s;
  if (kind_name == "unknown")
    s.append("kind ").append(std::to_string(l.kind));
  else
    s.append(kind_name);
  s.append(" '").append(printable_text(l.name)).append("'");  // the name from the file: any bytes
  if (l.in || l.out) s.append(" ").append(std::to_string(l.in)).append("->").append(std::to_string(l.out));
  if (l.kernel) s.append(" k").append(std::to_string(l.kernel));
  return s;
}

void write_architecture(Writer& w) {
  for (uint32_t v : {kInputChannels, kInputHeight, kInputWidth, kClasses}) w.u32(v);
  for (float v : {kInputMean, kInputStd, kBatchNormEps}) w.f32(v);
  w.u32(static_cast<uint32_t>(kArchitecture.size()));
  for (const LayerSpec& s : kArchitecture) {
    w.u8(static_cast<uint8_t>(s.kind));
    w.name(s.name);
    for (int v : {s.in, s.out, s.kernel}) w.u32(static_cast<uint32_t>(v));
  }
}

void expect_u32(Reader& r, const char* field, uint32_t expected) {
  const size_t at = r.offset();
  const uint32_t got = r.u32(field);
  if (got != expected)
    fail("architecture mismatch: " + std::string(field) + " at offset " + std::to_string(at) + " is " +
         std::to_string(got) + ", this program's model has " + std::to_string(expected));
}

void expect_f32(Reader& r, const char* field, float expected) {
  const size_t at = r.offset();
  const float got = r.f32(field);
  if (float_bits(got) != float_bits(expected))
    fail("architecture mismatch: " + std::string(field) + " at offset " + std::to_string(at) + " is " +
         std::to_string(got) + ", this program's model has " + std::to_string(expected));
}

void read_architecture(Reader& r) {
  expect_u32(r, "input channels", kInputChannels);
  expect_u32(r, "input height", kInputHeight);
  expect_u32(r, "input width", kInputWidth);
  expect_u32(r, "class count", kClasses);
  expect_f32(r, "input mean", kInputMean);
  expect_f32(r, "input std", kInputStd);
  expect_f32(r, "batch-norm eps", kBatchNormEps);
  expect_u32(r, "layer count", static_cast<uint32_t>(kArchitecture.size()));
  for (size_t i = 0; i < kArchitecture.size(); ++i) {
    const size_t at = r.offset();
    LayerRecord got;
    got.kind = r.u8("layer kind");
    got.name = r.name("layer name");
    got.in = r.u32("layer input size");
    got.out = r.u32("layer output size");
    got.kernel = r.u32("layer kernel");
    const LayerSpec& s = kArchitecture[i];
    const LayerRecord expected{static_cast<uint32_t>(s.kind), std::string(s.name), static_cast<uint32_t>(s.in),
                               static_cast<uint32_t>(s.out), static_cast<uint32_t>(s.kernel)};
    if (got.kind != expected.kind || got.name != expected.name || got.in != expected.in || got.out != expected.out ||
        got.kernel != expected.kernel)
      fail("architecture mismatch: layer " + std::to_string(i) + " at offset " + std::to_string(at) + " is " +
           describe(got) + ", this program's model has " + describe(expected));
  }
}

std::string shape_text(const std::vector<int>& shape) {
  const std::vector<int64_t> dims(shape.begin(), shape.end());
  return nn::shape_text(dims, ShapeStyle::Compact);
}

}  // namespace

std::vector<uint8_t> model_to_bytes(const Model& model) {
  Writer w;
  w.raw(kModelFileMagic, sizeof kModelFileMagic);
  w.u32(kModelFileVersion);
  w.u32(0);  // body end, patched below
  write_architecture(w);
  const std::vector<ConstStateTensor> state = model.state();
  w.u32(static_cast<uint32_t>(state.size()));
  for (const ConstStateTensor& t : state) {
    w.name(t.name);
    w.u8(static_cast<uint8_t>(t.shape.size()));
    for (int d : t.shape) w.u32(static_cast<uint32_t>(d));
    for (float v : t.value) w.f32(v);
  }
  const size_t body_end = w.bytes().size();
  w.patch_u32(12, static_cast<uint32_t>(body_end));
  w.u32(crc32(w.bytes()));
  return std::move(w.bytes());
}

Model model_from_bytes(std::span<const uint8_t> bytes) {
  if (bytes.size() < kHeaderSize)
    fail("truncated: " + std::to_string(bytes.size()) + " bytes, the header alone is " + std::to_string(kHeaderSize));
  if (std::memcmp(bytes.data(), kModelFileMagic, sizeof kModelFileMagic) != 0) {
    std::string got;
    for (size_t i = 0; i < sizeof kModelFileMagic; ++i) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%02x", bytes[i]);
      got += buf;
    }
    fail("not a celab model: the magic at offset 0 is " + got + " (hex), expected 43454c41424e4e0a (\"CELABNN\\n\")");
  }
  const auto read_u32_at = [&](size_t at) {
    return uint32_t{bytes[at]} | uint32_t{bytes[at + 1]} << 8 | uint32_t{bytes[at + 2]} << 16 |
           uint32_t{bytes[at + 3]} << 24;
  };
  const uint32_t file_version = read_u32_at(8);
  if (file_version != kModelFileVersion)
    fail("format version " + std::to_string(file_version) + " at offset 8 is not supported, expected " +
         std::to_string(kModelFileVersion));
  const uint64_t body_end = read_u32_at(12);
  if (body_end < kHeaderSize) fail("body end " + std::to_string(body_end) + " at offset 12 is inside the header");
  if (bytes.size() < body_end + 4)
    fail("truncated: the header (offset 12) says " + std::to_string(body_end + 4) + " bytes, the file has " +
         std::to_string(bytes.size()));
  if (bytes.size() > body_end + 4)
    fail(std::to_string(bytes.size() - body_end - 4) + " trailing bytes after the checksum, from offset " +
         std::to_string(body_end + 4));
  const uint32_t stored = read_u32_at(body_end);
  const uint32_t computed = crc32(bytes.first(body_end));
  if (stored != computed)
    fail("checksum mismatch: stored " + hex32(stored) + " at offset " + std::to_string(body_end) + ", computed " +
         hex32(computed) + " (the file is corrupted)");

  Reader r(bytes, body_end);
  read_architecture(r);
  Model model;
  std::vector<StateTensor> state = model.state();
  expect_u32(r, "tensor count", static_cast<uint32_t>(state.size()));
  for (StateTensor& t : state) {
    const size_t at = r.offset();
    const std::string name = r.name("tensor name");
    std::vector<int> shape(r.u8("tensor rank"));
    for (int& d : shape) d = static_cast<int>(r.u32("tensor dimension"));
    if (name != t.name || shape != t.shape)
      fail("tensor at offset " + std::to_string(at) + " is '" + printable_text(name) + "' " + shape_text(shape) +
           ", expected '" + t.name + "' " + shape_text(t.shape));
    const std::span<float> values = t.write();
    for (size_t i = 0; i < values.size(); ++i) {
      const size_t value_at = r.offset();
      const float v = r.f32("tensor values");
      if (!std::isfinite(v))
        fail(t.name + "[" + std::to_string(i) + "] at offset " + std::to_string(value_at) + " is " +
             (std::isnan(v) ? "NaN"
              : v > 0       ? "+inf"
                            : "-inf"));
      values[i] = v;
    }
  }
  if (r.offset() != body_end)
    fail(std::to_string(body_end - r.offset()) + " unexpected bytes after the last tensor, from offset " +
         std::to_string(r.offset()));
  return model;
}

}  // namespace celab::nn
