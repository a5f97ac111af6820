#include "app/core/page_text.h"

namespace celab::app {
namespace {

Language page_language = Language::English;

}  // namespace

Language language() { return page_language; }

void set_language(Language language) { page_language = language; }

const char* text(Text key, Language language) {
  return kPageText[static_cast<int>(key)][language == Language::Chinese ? 1 : 0];
}

const char* text(Text key) { return text(key, page_language); }

std::string text_with(Text key, Language language, std::initializer_list<std::string> args) {
  const std::string_view format = text(key, language);
  std::string out;
  auto arg = args.begin();
  for (size_t i = 0; i < format.size(); ++i) {
    const char next = i + 1 < format.size() ? format[i + 1] : '\0';
    if (format[i] == '%' && next == 's' && arg != args.end()) {
      out += *arg++;
      ++i;
    } else if (format[i] == '%' && next == '%') {
      out += '%';
      ++i;
    } else {
      out += format[i];
    }
  }
  return out;
}

const char* text_key(Text key) { return kPageTextKeys[static_cast<int>(key)]; }

bool is_heading(Text key) { return std::string_view(text_key(key)).starts_with(kHeadingKeyPrefix); }

std::optional<Text> text_of_key(std::string_view name) {
  for (int k = 0; k < static_cast<int>(Text::count); ++k)
    if (name == kPageTextKeys[k]) return static_cast<Text>(k);
  return std::nullopt;
}

const char* language_code(Language language) { return language == Language::Chinese ? "zh" : "en"; }

std::optional<Language> language_of_code(std::string_view code) {
  if (code == "en") return Language::English;
  if (code == "zh") return Language::Chinese;
  return std::nullopt;
}

}  // namespace celab::app
