// The program both targets run, structured like Dear ImGui's examples: a platform backend
// (sdl_platform.h), a renderer backend (gl_renderer.h) and the app, one frame at a time. Each
// target has its own main() over it: platform/main_desktop.cpp (SDL2 + OpenGL 3, a plain loop) and
// web/main_web.cpp (WebAssembly + WebGL, the browser's animation frames). What differs between them
// around a frame comes in through FrameHooks.
#pragma once

#include <imgui.h>

#include "app/page/app.h"
#include "app/platform/gl_renderer.h"
#include "app/platform/sdl_platform.h"
#include "app/ui/frame_input.h"

namespace celab::app {

// What one target adds to the shared frame; each does nothing unless overridden.
class FrameHooks {
 public:
  virtual ~FrameHooks() = default;
  // First thing in a frame: false skips it (the page's WebGL context is lost: nothing can be drawn,
  // events wait in SDL's queue, the state stays as it is). May remake `renderer`'s GL objects.
  virtual bool can_draw(GlRenderer& /*renderer*/) { return true; }
  // After SDL's events: input the platform delivers elsewhere (the page's pointer events).
  virtual void add_input(FrameInput& /*input*/) {}
  // Just before the UI is drawn (the desktop's training slice).
  virtual void before_ui() {}
  // After the frame is on screen.
  virtual void after_frame(App& /*app*/) {}
};

// Owns the Dear ImGui context; constructed first, destroyed last.
struct ImGuiContextOwner {
  ImGuiContextOwner();
  ~ImGuiContextOwner();
  ImGuiContextOwner(const ImGuiContextOwner&) = delete;
  ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
};

class Program {
 public:
  // Opens the window; throws GraphicsUnavailable without an OpenGL context (sdl_platform.h).
  Program();

  App& app() { return app_; }
  const SdlPlatform& platform() const { return platform_; }

  // One frame: events, fonts for the current pixel ratio, UI, render. False once the window closed.
  bool frame(FrameHooks& hooks);

 private:
  ImGuiContextOwner imgui_;
  SdlPlatform platform_;
  GlRenderer renderer_;
  App app_;
  FrameInput input_;
  float fonts_pixel_ratio_ = 0;  // none built yet
  unsigned fonts_version_ = 0;
  unsigned long frames_drawn_ = 0;
};

}  // namespace celab::app
