// The renderer side: Dear ImGui's OpenGL 3 backend (WebGL2 in the browser) drawing into the
// platform's current context. Knows nothing about windows or events.
#pragma once

struct ImDrawData;

namespace celab::app {

class GlRenderer {
 public:
  // Needs a current OpenGL context and an ImGui context. `glsl_version` e.g. "#version 300 es".
  explicit GlRenderer(const char* glsl_version);
  ~GlRenderer();
  GlRenderer(const GlRenderer&) = delete;
  GlRenderer& operator=(const GlRenderer&) = delete;

  void new_frame();

  // Uploads the font atlas again after it was rebuilt (e.g. for a new pixel ratio).
  void reload_fonts_texture();

  // Clears the drawable to `clear_rgb` and draws `draw_data` over it.
  void render(ImDrawData* draw_data, int drawable_width, int drawable_height, const float clear_rgb[3]);
};

}  // namespace celab::app
