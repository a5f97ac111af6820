#include "app/gl_texture.h"

#include <cstdint>
#include <stdexcept>
#include <string>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

namespace celab::app {

GlTexture::GlTexture(int width, int height, bool smooth) : width_(width), height_(height) {
  glGenTextures(1, &texture_);
  if (texture_ == 0) throw std::runtime_error("glGenTextures failed for a " + std::to_string(width) + "x" +
                                              std::to_string(height) + " texture");
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glBindTexture(GL_TEXTURE_2D, texture_);
  const GLint filter = smooth ? GL_LINEAR : GL_NEAREST;
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
}

GlTexture::~GlTexture() { glDeleteTextures(1, &texture_); }

void GlTexture::upload(std::span<const uint32_t> rgba) {
  if (rgba.size() != static_cast<size_t>(width_) * static_cast<size_t>(height_))
    throw std::invalid_argument("GlTexture::upload: " + std::to_string(rgba.size()) + " pixels for a " +
                                std::to_string(width_) + "x" + std::to_string(height_) + " texture");
  GLint previous = 0, alignment = 4;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
}

ImTextureID GlTexture::id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)); }

}  // namespace celab::app
