#include "data/golden_cases.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "data/json_excerpt.h"
#include "nn/error_text.h"

namespace celab::data {
namespace {

using nlohmann::json;

// Where a value sits in the file, for error messages: `<source>: case 3 "name": field "input"`.
class Where {
 public:
  explicit Where(std::string prefix) : prefix_(std::move(prefix)) {}
  Where field(const std::string& key) const { return Where(prefix_ + ": field \"" + key + "\""); }
  [[noreturn]] void fail(const std::string& problem) const { throw DataError(prefix_ + ": " + problem); }

 private:
  std::string prefix_;
};

const json& member(const json& object, const std::string& key, const Where& where) {
  const auto it = object.find(key);
  if (it == object.end()) where.fail("field \"" + key + "\" is missing");
  return *it;
}

// A JSON number, or one of the strings "nan", "inf", "-inf" that stand for non-finite values.
double number(const json& value, const Where& where, const std::string& what) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (text == "inf") return std::numeric_limits<double>::infinity();
    if (text == "-inf") return -std::numeric_limits<double>::infinity();
  }
  where.fail(what + " is " + json_excerpt(value) + ", expected a number (or \"nan\", \"inf\", \"-inf\")");
}

int64_t integer(const json& value, const Where& where, const std::string& what) {
  if (!value.is_number_integer()) where.fail(what + " is " + json_excerpt(value) + ", expected an integer");
  if (value.is_number_unsigned() && value.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max()))
    where.fail(what + " is " + json_excerpt(value) + ", too large");
  return value.get<int64_t>();
}

const json& array(const json& value, const Where& where) {
  if (!value.is_array()) where.fail("is " + json_excerpt(value) + ", expected an array");
  return value;
}

std::vector<double> numbers(const json& value, const Where& where) {
  std::vector<double> out;
  out.reserve(array(value, where).size());
  for (size_t i = 0; i < value.size(); ++i) out.push_back(number(value[i], where, "element " + std::to_string(i)));
  return out;
}

std::vector<int64_t> integers(const json& value, const Where& where) {
  std::vector<int64_t> out;
  out.reserve(array(value, where).size());
  for (size_t i = 0; i < value.size(); ++i) out.push_back(integer(value[i], where, "element " + std::to_string(i)));
  return out;
}

std::vector<int64_t> shape(const json& value, const Where& where) {
  auto dims = integers(value, where);
  for (size_t i = 0; i < dims.size(); ++i)
    if (dims[i] < 0) where.fail("dimension " + std::to_string(i) + " is " + std::to_string(dims[i]) + ", negative");
  return dims;
}

std::string text(const json& value, const Where& where) {
  if (!value.is_string()) where.fail("is " + json_excerpt(value) + ", expected a string");
  return value.get<std::string>();
}

void require_count(const std::vector<double>& values, const std::vector<int64_t>& dims, const Where& where,
                   const char* shape_field) {
  int64_t count = 0;
  try {
    count = nn::element_count(dims, std::string("\"") + shape_field + "\"");
  } catch (const nn::LossError& e) {
    where.fail(e.what());
  }
  if (static_cast<int64_t>(values.size()) != count)
    where.fail("has " + std::to_string(values.size()) + " values but \"" + shape_field + "\" " + nn::shape_text(dims) +
               " needs " + std::to_string(count));
}

GoldenCase parse_case(const json& item, const std::string& case_prefix) {
  if (!item.is_object()) Where(case_prefix).fail("is " + json_excerpt(item) + ", expected an object");
  GoldenCase c;
  const json& name = member(item, "name", Where(case_prefix));
  c.name = text(name, Where(case_prefix).field("name"));
  const Where at(case_prefix + " " + json_excerpt(name));  // escaped: a name may hold a newline
  const auto get = [&](const std::string& key) -> const json& { return member(item, key, at); };

  c.input_shape = shape(get("input_shape"), at.field("input_shape"));
  c.input = numbers(get("input"), at.field("input"));

  const std::string kind = text(get("target_kind"), at.field("target_kind"));
  c.target_shape = shape(get("target_shape"), at.field("target_shape"));
  if (kind == "index") {
    c.target_kind = TargetKind::Index;
    c.target_index = integers(get("target"), at.field("target"));
  } else if (kind == "probs") {
    c.target_kind = TargetKind::Probs;
    c.target_probs = numbers(get("target"), at.field("target"));
  } else {
    at.field("target_kind").fail("is " + json_excerpt(get("target_kind")) + ", expected \"index\" or \"probs\"");
  }

  if (const json& weight = get("weight"); !weight.is_null()) c.options.weight = numbers(weight, at.field("weight"));
  c.options.ignore_index = integer(get("ignore_index"), at.field("ignore_index"), "the value");
  try {
    c.options.reduction = nn::parse_reduction(text(get("reduction"), at.field("reduction")));
  } catch (const nn::LossError& e) {
    at.field("reduction").fail(e.what());
  }
  c.options.label_smoothing = number(get("label_smoothing"), at.field("label_smoothing"), "the value");

  const json& expect_error = get("expect_error");
  if (!expect_error.is_boolean())
    at.field("expect_error").fail("is " + json_excerpt(expect_error) + ", expected true or false");
  c.expect_error = expect_error.get<bool>();
  if (c.expect_error) {
    if (item.contains("error_hint")) c.error_hint = text(item["error_hint"], at.field("error_hint"));
    return c;
  }
  c.output_shape = shape(get("output_shape"), at.field("output_shape"));
  c.output = numbers(get("output"), at.field("output"));
  require_count(c.output, c.output_shape, at.field("output"), "output_shape");
  c.grad_input = numbers(get("grad_input"), at.field("grad_input"));
  require_count(c.grad_input, c.input_shape, at.field("grad_input"), "input_shape");
  return c;
}

}  // namespace

GoldenFile parse_golden_cases(const std::string& json_text, const std::string& source) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {  // syntax errors, and numbers like 1e999 that overflow
    throw DataError(source + ": not valid JSON: " + e.what());
  }
  const Where at(source);
  if (!doc.is_object()) at.fail("the top level is " + json_excerpt(doc) + ", expected an object with \"cases\"");
  GoldenFile file;
  file.source = source;
  if (doc.contains("generator")) file.generator = text(doc["generator"], at.field("generator"));
  const json& cases = array(member(doc, "cases", at), at.field("cases"));
  file.cases.reserve(cases.size());
  for (size_t i = 0; i < cases.size(); ++i)
    file.cases.push_back(parse_case(cases[i], source + ": case " + std::to_string(i)));
  return file;
}

GoldenFile read_golden_cases(const std::string& path) {
  return parse_golden_cases(read_file_text(path, uint64_t{1} << 30), path);
}

}  // namespace celab::data
