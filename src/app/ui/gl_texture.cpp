#include "app/ui/gl_texture.h"

#include <cstdint>
#include <stdexcept>
#include <string>

#include "app/ui/gl_api.h"
#include "app/ui/gl_context_epoch.h"

namespace celab::app {

GlTexture::GlTexture(int width, int height, bool smooth)
    : width_(width),
      height_(height),
      smooth_(smooth),
      pixels_(static_cast<size_t>(width) * static_cast<size_t>(height)) {
  make_in_current_context();
}

GlTexture::~GlTexture() {
  // A texture of a lost context died with it (and its name may be taken by a new object).
  if (epoch_ == gl_context_epoch::current()) glDeleteTextures(1, &texture_);
}

void GlTexture::make_in_current_context() const {
  epoch_ = gl_context_epoch::current();
  glGenTextures(1, &texture_);
  if (texture_ == 0)
    throw std::runtime_error("glGenTextures failed for a " + std::to_string(width_) + "x" + std::to_string(height_) +
                             " texture");
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glBindTexture(GL_TEXTURE_2D, texture_);
  const GLint filter = smooth_ ? GL_LINEAR : GL_NEAREST;
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  write_pixels();
}

void GlTexture::upload(std::span<const uint32_t> rgba) {
  if (rgba.size() != pixels_.size())
    throw std::invalid_argument("GlTexture::upload: " + std::to_string(rgba.size()) + " pixels for a " +
                                std::to_string(width_) + "x" + std::to_string(height_) + " texture");
  pixels_.assign(rgba.begin(), rgba.end());
  if (epoch_ == gl_context_epoch::current()) write_pixels();  // else id() makes it anew with these
}

void GlTexture::write_pixels() const {
  GLint previous = 0, alignment = 4;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels_.data());
  glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
}

ImTextureID GlTexture::id() const {
  if (epoch_ != gl_context_epoch::current()) make_in_current_context();
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_));
}

}  // namespace celab::app
