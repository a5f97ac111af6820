// The platform side: an SDL2 window with an OpenGL context (WebGL 2, else WebGL 1, in the browser;
// OpenGL 3.0 on the desktop), its events fed to Dear ImGui's SDL backend, and the display's pixel
// ratio. Knows nothing about drawing; the renderer (gl_renderer.h) draws into its context.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <optional>
#include <stdexcept>

#include "app/ui/frame_input.h"

namespace celab::app {

// No OpenGL context at all: in the browser, WebGL is off or blocked. The page says what to do.
struct GraphicsUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SdlPlatform {
 public:
  // Opens the window (the page's canvas on the web) and initialises Dear ImGui's SDL backend.
  // Throws GraphicsUnavailable without an OpenGL context, std::runtime_error with SDL's message on
  // other failures. Needs a current ImGui context.
  SdlPlatform(const char* title, int width, int height);
  ~SdlPlatform();
  SdlPlatform(const SdlPlatform&) = delete;
  SdlPlatform& operator=(const SdlPlatform&) = delete;

  // GLSL version line for the renderer's shaders, matching the context created.
  const char* glsl_version() const;

#ifdef __EMSCRIPTEN__
  // The WebGL version of the context: 2 or 1.
  int webgl_version() const { return webgl_version_; }
#endif

  // Drains SDL's event queue into Dear ImGui and `input` (keys; on the desktop also the pointer:
  // the page gets it from the browser, web_bridge.h), up to and including the first mouse button
  // event: the rest wait for the next frame. Returns false once the user closed the window.
  bool poll_events(FrameInput& input);

  // Events are left in SDL's queue for the next frame (after a mouse button event).
  bool events_waiting() const;

  // Starts Dear ImGui's platform frame (display size, framebuffer scale, mouse). A frame with a
  // mouse button event puts the mouse where that event happened.
  void new_frame();

  // Device pixels per window unit: 2 on a "retina" display, 1 on a plain one.
  float pixel_ratio() const;

  // Size of the drawable in device pixels.
  void drawable_size(int& width, int& height) const;

  void swap();

 private:
  void create_gl_context();
#ifndef __EMSCRIPTEN__
  void add_finger_event(const SDL_TouchFingerEvent& finger, FrameInput& input);
#endif

  // Dear ImGui 1.86's SDL backend reads the mouse position once a frame, where the pointer is by
  // then: a click followed by a quick move within one frame (a slow frame under software WebGL, a
  // driven browser) would press whatever the pointer moved on to. One button event a frame, at its
  // own position, keeps each press where it happened (ImGui 1.87 queues its input for this reason).
  std::optional<ImVec2> button_event_position_;
  // The same holds for keys: 1.86 reads each key as a state once a frame, so a key pressed and
  // released within one frame (a quick tap during a slow frame) was never seen down: Enter did not
  // close a slider's text field. A key press ends the frame's events; its release comes next frame.
  bool key_pressed_this_frame_ = false;
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_context_ = nullptr;
#ifndef __EMSCRIPTEN__
  std::optional<SDL_FingerID> active_finger_;  // the finger that draws
#endif
#ifdef __EMSCRIPTEN__
  double device_pixel_ratio_ = 1;  // the ratio SDL last sized the canvas for
  int webgl_version_ = 0;
#endif
};

}  // namespace celab::app
