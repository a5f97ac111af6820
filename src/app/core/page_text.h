// The page's words in the reader's language. Every string the page shows is in one table, in
// English and Chinese (src/app/text/page_text.json, made into page_text_table.h at build time);
// formulas and PyTorch's own names (nn.CrossEntropyLoss, label_smoothing, ...) are the same in
// both and stay in the code.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "page_text_table.h"

namespace celab::app {

enum class Language { English, Chinese };

// The page's language: English until set.
Language language();
void set_language(Language language);

// `key`'s text in the page's language (UTF-8; a printf format where the table's has conversions).
const char* text(Text key);
const char* text(Text key, Language language);
// `key`'s text with its %s conversions filled by `args` in order (texts whose numbers are formatted
// by the caller; a %% stays a %).
std::string text_with(Text key, Language language, std::initializer_list<std::string> args);
// The table's name of `key`, e.g. "heading.draw".
const char* text_key(Text key);

// Card titles are the keys named "heading.*": the heading font holds the Chinese glyphs of those
// texts only (ui/fonts.cpp), so a title drawn from another key shows "?" for its Chinese characters.
inline constexpr std::string_view kHeadingKeyPrefix = "heading.";
bool is_heading(Text key);

// The key named `name` (e.g. "criterion." + a criterion's name): for texts chosen by another
// table's names, so the names are written once. nullopt when the table has no such row.
std::optional<Text> text_of_key(std::string_view name);

// "en" | "zh", and back (nullopt for anything else).
const char* language_code(Language language);
std::optional<Language> language_of_code(std::string_view code);

}  // namespace celab::app
