#include "app/core/loss_lab_report.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>

#include "nn/error_text.h"

namespace celab::app {
namespace {

// The fields of setLossLab, in the order the message lists them.
constexpr const char* kFields[] = {"logits", "target", "weight", "labelSmoothing", "reduction", "ignoreIndex"};

std::string field_names() {
  std::string s;
  for (const char* f : kFields) s += (s.empty() ? "" : ", ") + std::string(f);
  return s;
}

std::string shown(const nlohmann::json& value) { return nn::printable_text(value.dump()); }

nlohmann::json number_report(double v) { return std::isnan(v) ? nlohmann::json("nan") : nlohmann::json(v); }

bool is_finite_number(const nlohmann::json& v) { return v.is_number() && std::isfinite(v.get<double>()); }

bool is_integer(const nlohmann::json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  return std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.0e15;
}

}  // namespace

nlohmann::json loss_report(const std::vector<double>& values, nn::Reduction reduction) {
  if (reduction != nn::Reduction::None) return number_report(values.at(0));
  nlohmann::json list = nlohmann::json::array();
  for (double v : values) list.push_back(number_report(v));
  return list;
}

nlohmann::json mistakes_report(const LossLab& lab) {
  nlohmann::json report = nlohmann::json::array();
  for (nn::Mistake m : nn::kMistakes) {
    const nn::MistakeOutcome outcome = lab.outcome_of(m);
    report.push_back(
        {{"id", nn::mistake_name(m)},
         {"on", lab.mistake() == m},
         {"message", outcome.raised() ? nlohmann::json(outcome.error) : nlohmann::json(nullptr)},
         {"loss", outcome.raised() ? nlohmann::json(nullptr)
                                   : loss_report(outcome.breakdown->library, outcome.breakdown->reduction)}});
  }
  return report;
}

std::string set_loss_lab(LossLab& lab, const nlohmann::json& fields, Language language) {
  if (!fields.is_object()) return text_with(Text::lab_error_field, language, {shown(fields), field_names()});
  for (const auto& [name, value] : fields.items()) {
    bool known = false;
    for (const char* f : kFields) known = known || name == f;
    if (!known) return text_with(Text::lab_error_field, language, {nn::printable_text(name), field_names()});
  }

  std::vector<double> logits = lab.logits();
  if (fields.contains("logits")) {
    const nlohmann::json& v = fields["logits"];
    bool ok = v.is_array() && v.size() >= LossLab::kMinClasses && v.size() <= LossLab::kMaxClasses;
    for (size_t i = 0; ok && i < v.size(); ++i) ok = is_finite_number(v[i]);
    if (!ok)
      return text_with(Text::lab_error_logits, language,
                       {std::to_string(LossLab::kMinClasses), std::to_string(LossLab::kMaxClasses), shown(v)});
    logits = v.get<std::vector<double>>();
  }
  const int classes = static_cast<int>(logits.size());

  int target = std::min(lab.target(), classes - 1);
  if (fields.contains("target")) {
    const nlohmann::json& v = fields["target"];
    if (!is_integer(v) || v.get<double>() < 0 || v.get<double>() >= classes)
      return text_with(Text::lab_error_target, language, {std::to_string(classes - 1), shown(v)});
    target = static_cast<int>(v.get<double>());
  }

  nn::CrossEntropyOptions<double> options = lab.options();
  if (options.weighted()) options.weight.resize(static_cast<size_t>(classes), 1.0);
  if (fields.contains("weight")) {
    const nlohmann::json& v = fields["weight"];
    bool ok = v.is_null() || (v.is_array() && v.size() == static_cast<size_t>(classes));
    for (size_t i = 0; ok && v.is_array() && i < v.size(); ++i)
      ok = is_finite_number(v[i]) && v[i].get<double>() >= 0 && v[i].get<double>() <= LossLab::kMaxClassWeight;
    if (!ok)
      return text_with(Text::lab_error_weight, language,
                       {std::to_string(classes), std::to_string(static_cast<int>(LossLab::kMaxClassWeight)), shown(v)});
    options.weight = v.is_null() ? std::vector<double>{} : v.get<std::vector<double>>();
  }
  if (fields.contains("labelSmoothing")) {
    const nlohmann::json& v = fields["labelSmoothing"];
    if (!is_finite_number(v) || v.get<double>() < 0 || v.get<double>() > 1)
      return text_with(Text::lab_error_label_smoothing, language, {shown(v)});
    options.label_smoothing = v.get<double>();
  }
  if (fields.contains("reduction")) {
    const nlohmann::json& v = fields["reduction"];
    std::string names;
    bool ok = false;
    for (nn::Reduction r : nn::kReductions) {
      names += (names.empty() ? "'" : ", '") + std::string(nn::reduction_name(r)) + "'";
      if (v.is_string() && v.get<std::string>() == nn::reduction_name(r)) {
        options.reduction = r;
        ok = true;
      }
    }
    if (!ok) return text_with(Text::lab_error_reduction, language, {names, shown(v)});
  }
  if (fields.contains("ignoreIndex")) {
    const nlohmann::json& v = fields["ignoreIndex"];
    if (!is_integer(v)) return text_with(Text::lab_error_ignore_index, language, {shown(v)});
    options.ignore_index = v.is_number_integer() ? v.get<int64_t>() : static_cast<int64_t>(v.get<double>());
  }
  lab.set_sample(std::span<const double>(logits), target, options);
  return {};
}

std::string set_mistake(LossLab& lab, const std::string& id, bool on, Language language) {
  std::string names;
  for (nn::Mistake m : nn::kMistakes) {
    if (id == nn::mistake_name(m)) {
      lab.set_mistake(m, on);
      return {};
    }
    names += (names.empty() ? "" : ", ") + std::string(nn::mistake_name(m));
  }
  return text_with(Text::mistakes_error_unknown, language, {nn::printable_text(id), names});
}

}  // namespace celab::app
