// The renderer side: Dear ImGui's OpenGL 3 backend (in the browser built for OpenGL ES 2.0 and
// GLSL ES 1.00, which WebGL 1 and 2 both run) drawing into the platform's current context.
// Knows nothing about windows or events.
#pragma once

struct ImDrawData;

namespace celab::app {

class GlRenderer {
 public:
  // Needs a current OpenGL context and an ImGui context. `glsl_version` e.g. "#version 100".
  explicit GlRenderer(const char* glsl_version);
  ~GlRenderer();
  GlRenderer(const GlRenderer&) = delete;
  GlRenderer& operator=(const GlRenderer&) = delete;

  void new_frame();

  // Uploads the font atlas again after it was rebuilt (e.g. for a new pixel ratio).
  void reload_fonts_texture();

  // After the context was lost and restored empty: the shaders, buffers and font texture are made
  // again by the next new_frame().
  void remake_gl_objects();

  // Clears the drawable to `clear_rgb` and draws `draw_data` over it.
  void render(ImDrawData* draw_data, int drawable_width, int drawable_height, const float clear_rgb[3]);

 private:
  const char* glsl_version_;  // a string literal (SdlPlatform::glsl_version)
};

}  // namespace celab::app
