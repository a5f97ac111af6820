#include "app/gl_renderer.h"

#include <stdexcept>

#include "app/gl_api.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace celab::app {

GlRenderer::GlRenderer(const char* glsl_version) {
  if (!ImGui_ImplOpenGL3_Init(glsl_version)) throw std::runtime_error("ImGui OpenGL3 renderer failed to initialise");
}

GlRenderer::~GlRenderer() { ImGui_ImplOpenGL3_Shutdown(); }

void GlRenderer::new_frame() { ImGui_ImplOpenGL3_NewFrame(); }

void GlRenderer::reload_fonts_texture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void GlRenderer::remake_gl_objects() {
  // The backend's delete calls reach objects the context no longer has: the browser ignores them
  // (web_gl_context.cpp clears Emscripten's tables of them first). new_frame() makes all anew.
  ImGui_ImplOpenGL3_DestroyDeviceObjects();
}

void GlRenderer::render(ImDrawData* draw_data, int drawable_width, int drawable_height, const float clear_rgb[3]) {
  glViewport(0, 0, drawable_width, drawable_height);
  glClearColor(clear_rgb[0], clear_rgb[1], clear_rgb[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(draw_data);
}

}  // namespace celab::app
