// The fonts the UI draws with. Glyphs are rasterised at device resolution (size × pixel ratio) and
// drawn at 1 / pixel ratio, so text stays crisp on a devicePixelRatio 2 display.
#pragma once

#include <cstdint>
#include <span>

struct ImFont;

namespace celab::app {

struct Fonts {
  ImFont* body = nullptr;     // running text and widgets (the default font)
  ImFont* heading = nullptr;  // card titles
  ImFont* title = nullptr;    // the page title
  ImFont* display = nullptr;  // large numbers (digits and signs only)
};

// Rebuilds Dear ImGui's font atlas for `pixel_ratio` and returns the new fonts (the old pointers
// are invalid afterwards). The renderer must upload the atlas again unless it has not started yet.
// `chinese_font` (empty: none yet; kept alive by the caller while the atlas exists) adds the
// glyphs of the page text's Chinese column.
Fonts build_fonts(float pixel_ratio, std::span<const uint8_t> chinese_font);

}  // namespace celab::app
