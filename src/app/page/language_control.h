// The header's language switch, English / 中文, and the Chinese font it needs. The font
// (cmake/page_text.cmake) is fetched the first time Chinese is chosen: until it is there the page
// stays as it was and says that the font is loading, so no text is ever drawn without its glyphs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/core/page_text.h"
#include "app/ui/rects.h"

namespace celab::app {

class LanguageControl {
 public:
  // Starts getting the Chinese font; chinese_font_arrived or chinese_font_failed follow.
  using FontRequest = void (*)();

  explicit LanguageControl(UiRects& rects) : rects_(rects) {}

  void set_font_request(FontRequest request) { font_request_ = request; }

  // The two buttons at the cursor, and how wide they are together.
  void draw();
  float width() const;
  // A line while the font loads, or why it did not.
  void draw_news();

  // What the buttons do: English at once, Chinese once its font is there.
  void choose(Language language);
  void chinese_font_arrived(std::vector<uint8_t> font);
  void chinese_font_failed(const std::string& why);

  const std::vector<uint8_t>& chinese_font() const { return chinese_font_; }
  // Moves on whenever the fonts must be built again (the Chinese font arrived).
  unsigned fonts_version() const { return fonts_version_; }

 private:
  UiRects& rects_;
  FontRequest font_request_ = nullptr;
  std::vector<uint8_t> chinese_font_;
  bool waiting_for_font_ = false;
  std::string font_failure_;
  unsigned fonts_version_ = 0;
};

}  // namespace celab::app
