// WebGL state queries answered from memory, for the ones that stall the page.
//
// Dear ImGui's OpenGL 3 backend saves and restores the GL state around every frame it draws, with
// about fifteen glGetIntegerv calls. Chrome answers most WebGL state queries from a copy it keeps
// in the page, but GL_SCISSOR_BOX and the blend functions and equations are asked of the GPU
// process, and the first such query of a frame waits until the GPU has finished everything sent
// before it: about 2 ms per frame with software WebGL here, and more on the first frame, which
// delays the page's start (each first query of the start-up waits for the shaders to compile). The
// wrappers below (linked with --wrap=NAME, cmake/web.cmake) keep those values as they are set and
// answer the queries for them without asking. Before anything sets them, the blend state is
// OpenGL ES's initial state (ONE, ZERO, FUNC_ADD), and the scissor box is the viewport: GL starts
// both as the whole drawing area, and the app never enables the scissor test itself (ImGui
// enables it only while drawing, with boxes of its own, then restores what it read).
#include <GLES3/gl3.h>

#include <algorithm>
#include <array>

extern "C" {
void __real_glGetIntegerv(GLenum pname, GLint* data);
void __real_glScissor(GLint x, GLint y, GLsizei width, GLsizei height);
void __real_glBlendFunc(GLenum sfactor, GLenum dfactor);
void __real_glBlendFuncSeparate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha);
void __real_glBlendEquation(GLenum mode);
void __real_glBlendEquationSeparate(GLenum mode_rgb, GLenum mode_alpha);
}

namespace {

// One query's value (up to 4 integers); `known` false: not set yet.
struct Shadow {
  GLenum pname;
  int count;
  std::array<GLint, 4> value;
  bool known;
};

std::array<Shadow, 7> shadows{{
    {GL_SCISSOR_BOX, 4, {}, false},
    {GL_BLEND_SRC_RGB, 1, {GL_ONE}, true},
    {GL_BLEND_DST_RGB, 1, {GL_ZERO}, true},
    {GL_BLEND_SRC_ALPHA, 1, {GL_ONE}, true},
    {GL_BLEND_DST_ALPHA, 1, {GL_ZERO}, true},
    {GL_BLEND_EQUATION_RGB, 1, {GL_FUNC_ADD}, true},
    {GL_BLEND_EQUATION_ALPHA, 1, {GL_FUNC_ADD}, true},
}};

Shadow* shadow_of(GLenum pname) {
  for (Shadow& s : shadows)
    if (s.pname == pname) return &s;
  return nullptr;
}

void set(GLenum pname, std::array<GLint, 4> value) {
  Shadow& s = *shadow_of(pname);
  s.value = value;
  s.known = true;
}

GLint as_int(GLenum e) { return static_cast<GLint>(e); }

}  // namespace

extern "C" {

void __wrap_glGetIntegerv(GLenum pname, GLint* data) {
  Shadow* s = shadow_of(pname);
  if (!s) return __real_glGetIntegerv(pname, data);
  if (!s->known) {  // the scissor box before any glScissor: the viewport's (a query that does not wait)
    __real_glGetIntegerv(GL_VIEWPORT, s->value.data());
    s->known = true;
  }
  std::copy_n(s->value.begin(), s->count, data);
}

void __wrap_glScissor(GLint x, GLint y, GLsizei width, GLsizei height) {
  set(GL_SCISSOR_BOX, {x, y, width, height});
  __real_glScissor(x, y, width, height);
}

void __wrap_glBlendFuncSeparate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha) {
  set(GL_BLEND_SRC_RGB, {as_int(src_rgb)});
  set(GL_BLEND_DST_RGB, {as_int(dst_rgb)});
  set(GL_BLEND_SRC_ALPHA, {as_int(src_alpha)});
  set(GL_BLEND_DST_ALPHA, {as_int(dst_alpha)});
  __real_glBlendFuncSeparate(src_rgb, dst_rgb, src_alpha, dst_alpha);
}

void __wrap_glBlendFunc(GLenum sfactor, GLenum dfactor) {
  set(GL_BLEND_SRC_RGB, {as_int(sfactor)});
  set(GL_BLEND_DST_RGB, {as_int(dfactor)});
  set(GL_BLEND_SRC_ALPHA, {as_int(sfactor)});
  set(GL_BLEND_DST_ALPHA, {as_int(dfactor)});
  __real_glBlendFunc(sfactor, dfactor);
}

void __wrap_glBlendEquationSeparate(GLenum mode_rgb, GLenum mode_alpha) {
  set(GL_BLEND_EQUATION_RGB, {as_int(mode_rgb)});
  set(GL_BLEND_EQUATION_ALPHA, {as_int(mode_alpha)});
  __real_glBlendEquationSeparate(mode_rgb, mode_alpha);
}

void __wrap_glBlendEquation(GLenum mode) {
  set(GL_BLEND_EQUATION_RGB, {as_int(mode)});
  set(GL_BLEND_EQUATION_ALPHA, {as_int(mode)});
  __real_glBlendEquation(mode);
}

}  // extern "C"
