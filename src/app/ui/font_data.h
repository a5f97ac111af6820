// The page's fonts, compiled into the program so the site needs no font files. The TTF bytes are
// Roboto (Apache 2.0, Debian's fonts-roboto-unhinted) cut down at build time to the glyphs the app
// shows (cmake/app.cmake lists them), and written into a generated source file; language_switch
// is Noto Sans CJK SC (SIL OFL) cut down to the English page's "中文" (cmake/page_text.cmake).
#pragma once

#include <cstddef>

namespace celab::app::font_data {

extern const unsigned char roboto_regular[];
extern const std::size_t roboto_regular_size;
extern const unsigned char roboto_medium[];
extern const std::size_t roboto_medium_size;
extern const unsigned char language_switch[];
extern const std::size_t language_switch_size;

}  // namespace celab::app::font_data
