#include "app/platform/gl_renderer.h"

#include <stdexcept>

#include "app/ui/gl_api.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace celab::app {

GlRenderer::GlRenderer(const char* glsl_version) : glsl_version_(glsl_version) {
  if (!ImGui_ImplOpenGL3_Init(glsl_version)) throw std::runtime_error("ImGui OpenGL3 renderer failed to initialise");
}

GlRenderer::~GlRenderer() { ImGui_ImplOpenGL3_Shutdown(); }

void GlRenderer::new_frame() { ImGui_ImplOpenGL3_NewFrame(); }

void GlRenderer::reload_fonts_texture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void GlRenderer::remake_gl_objects() {
  // The backend again from scratch: DestroyDeviceObjects() alone would leave it believing its
  // vertex and index buffers have their old sizes. Its delete calls reach objects the context no
  // longer has, which web_gl_context.cpp made no-ops. new_frame() makes all anew.
  ImGui_ImplOpenGL3_Shutdown();
  if (!ImGui_ImplOpenGL3_Init(glsl_version_)) throw std::runtime_error("ImGui OpenGL3 renderer failed to start again");
}

void GlRenderer::render(ImDrawData* draw_data, int drawable_width, int drawable_height, const float clear_rgb[3]) {
  glViewport(0, 0, drawable_width, drawable_height);
  glClearColor(clear_rgb[0], clear_rgb[1], clear_rgb[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(draw_data);
}

}  // namespace celab::app
