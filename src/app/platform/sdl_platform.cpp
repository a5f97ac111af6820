#include "app/platform/sdl_platform.h"

#include <algorithm>
#include <cfloat>
#include <stdexcept>
#include <string>

#include "app/platform/imgui_frame_needs.h"
#include "imgui_impl_sdl.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>
#endif

namespace celab::app {
namespace {

[[noreturn]] void throw_sdl_error(const char* what) {
  throw std::runtime_error(std::string(what) + ": " + SDL_GetError());
}

// Digit keys of the main row and the keypad, C, and Ctrl+Z (Cmd+Z on a Mac).
bool app_key_of(const SDL_Keysym& keysym, AppKey& key) {
  const SDL_Keycode sym = keysym.sym;
  const bool command = (keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
  if (command) {
    if (sym != SDLK_z || (keysym.mod & KMOD_SHIFT)) return false;
    key = AppKey::Undo;
    return true;
  }
  if (keysym.mod & KMOD_ALT) return false;
  if (sym == SDLK_c) {
    key = AppKey::Clear;
    return true;
  }
  if (sym >= SDLK_0 && sym <= SDLK_9) {
    key = static_cast<AppKey>(sym - SDLK_0);
    return true;
  }
  if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9) {
    key = static_cast<AppKey>(sym - SDLK_KP_1 + 1);
    return true;
  }
  if (sym == SDLK_KP_0) {
    key = AppKey::Digit0;
    return true;
  }
  return false;
}

}  // namespace

SdlPlatform::SdlPlatform(const char* title, int width, int height) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) throw_sdl_error("SDL_Init failed");
#ifdef __EMSCRIPTEN__
  // WebGL is OpenGL ES: 2 is ES 3.0, 1 is ES 2.0 (create_gl_context picks the version).
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  // On the web the page's CSS sizes the canvas; RESIZABLE makes SDL follow it, ALLOW_HIGHDPI makes
  // the canvas's backing store devicePixelRatio times larger than its CSS size.
  const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  window_ = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (!window_) throw_sdl_error("SDL_CreateWindow failed");
  create_gl_context();
  SDL_GL_MakeCurrent(window_, gl_context_);
  SDL_GL_SetSwapInterval(1);  // vsync
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
#ifdef __EMSCRIPTEN__
  device_pixel_ratio_ = emscripten_get_device_pixel_ratio();
#endif
}

void SdlPlatform::create_gl_context() {
#ifdef __EMSCRIPTEN__
  // WebGL 2 where the browser has it, else WebGL 1: the renderer uses only what both offer
  // (OpenGL ES 2.0 calls, GLSL ES 1.00), so the page looks and works the same on either.
  std::string failures;
  for (const int webgl : {2, 1}) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, webgl + 1);
    gl_context_ = SDL_GL_CreateContext(window_);
    if (gl_context_) {
      webgl_version_ = webgl;
      return;
    }
    const std::string failure = SDL_GetError();
    if (failures.find(failure) == std::string::npos) failures += (failures.empty() ? "" : "; ") + failure;
  }
  throw GraphicsUnavailable("neither a WebGL 2 nor a WebGL 1 context could be made (" + failures + ")");
#else
  gl_context_ = SDL_GL_CreateContext(window_);
  if (!gl_context_) throw GraphicsUnavailable(std::string("no OpenGL 3.0 context: ") + SDL_GetError());
#endif
}

SdlPlatform::~SdlPlatform() {
  ImGui_ImplSDL2_Shutdown();
  SDL_GL_DeleteContext(gl_context_);
  SDL_DestroyWindow(window_);
  SDL_Quit();
}

const char* SdlPlatform::glsl_version() const {
#ifdef __EMSCRIPTEN__
  return "#version 100";  // GLSL ES 1.00: WebGL 1 and WebGL 2
#else
  return "#version 130";
#endif
}

bool SdlPlatform::poll_events(FrameInput& input) {
#ifdef __EMSCRIPTEN__
  // SDL reads devicePixelRatio again only on a window resize; a ratio change alone (the window moved
  // to another screen) would leave the canvas at the old resolution. Resizing to the same size makes
  // SDL size the canvas's backing store for the new ratio.
  if (const double ratio = emscripten_get_device_pixel_ratio(); ratio != device_pixel_ratio_) {
    device_pixel_ratio_ = ratio;
    int width = 0, height = 0;
    SDL_GetWindowSize(window_, &width, &height);
    SDL_SetWindowSize(window_, width, height);
  }
#endif
  bool keep_running = true;
  SDL_Event event;
  button_event_position_.reset();
  key_pressed_this_frame_ = false;
  while (!button_event_position_ && !key_pressed_this_frame_ && SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP)
      button_event_position_ = ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
    switch (event.type) {
      case SDL_QUIT: keep_running = false; break;
      case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_CLOSE && event.window.windowID == SDL_GetWindowID(window_))
          keep_running = false;
        break;
      case SDL_KEYDOWN: {
        AppKey key;
        if (!event.key.repeat && app_key_of(event.key.keysym, key)) input.key_presses.add(key);
        key_pressed_this_frame_ = !event.key.repeat;
        break;
      }
#ifndef __EMSCRIPTEN__  // the page takes pointer events from the browser itself: see web_bridge.cpp
      // The mouse's own events; those SDL makes up from touches are left to Dear ImGui (taps on
      // buttons), the drawing takes the finger events below instead.
      case SDL_MOUSEBUTTONDOWN:
      case SDL_MOUSEBUTTONUP:
        if (event.button.button == SDL_BUTTON_LEFT && event.button.which != SDL_TOUCH_MOUSEID)
          input.add_pointer_event({event.type == SDL_MOUSEBUTTONDOWN ? PointerAction::Down : PointerAction::Up,
                                   static_cast<float>(event.button.x), static_cast<float>(event.button.y), false});
        break;
      case SDL_MOUSEMOTION:
        if (event.motion.which != SDL_TOUCH_MOUSEID)
          input.add_pointer_event(
              {PointerAction::Move, static_cast<float>(event.motion.x), static_cast<float>(event.motion.y), false});
        break;
      case SDL_FINGERDOWN:
      case SDL_FINGERMOTION:
      case SDL_FINGERUP: add_finger_event(event.tfinger, input); break;
#endif
      default: break;
    }
  }
  return keep_running;
}

#ifndef __EMSCRIPTEN__
void SdlPlatform::add_finger_event(const SDL_TouchFingerEvent& finger, FrameInput& input) {
  // One finger draws; others are ignored until it lifts.
  PointerAction action = PointerAction::Move;
  if (finger.type == SDL_FINGERDOWN) {
    if (active_finger_) return;
    active_finger_ = finger.fingerId;
    action = PointerAction::Down;
  } else if (!active_finger_ || *active_finger_ != finger.fingerId) {
    return;
  } else if (finger.type == SDL_FINGERUP) {
    active_finger_.reset();
    action = PointerAction::Up;
  }
  // Finger positions are fractions of the window.
  int width = 0, height = 0;
  SDL_GetWindowSize(window_, &width, &height);
  input.add_pointer_event({action, finger.x * static_cast<float>(width), finger.y * static_cast<float>(height), true});
}
#endif

void SdlPlatform::new_frame() {
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
#ifdef __EMSCRIPTEN__
  // On the web, Dear ImGui's SDL backend hands over the mouse only while the window has the keyboard
  // focus (its "hovered window" path is for desktops). A browser window without the focus still
  // gets the pointer: macOS scrolls a window in the background under the wheel, and in WebKit a
  // window that lost the focus ignored the wheel and every hover until clicked. Hovered is enough.
  if (io.MousePos.x == -FLT_MAX && SDL_GetMouseFocus() == window_) {
    int x = 0, y = 0;
    SDL_GetMouseState(&x, &y);
    io.MousePos = ImVec2(static_cast<float>(x), static_cast<float>(y));
  }
#endif
  if (button_event_position_) io.MousePos = *button_event_position_;
  // A slow frame is not a long press: Dear ImGui times key repeat by io.DeltaTime (its keyboard
  // navigation repeats after 0.2 s), so a tap of an arrow key held across one or two frames of 0.3 s
  // (software WebGL on a busy machine), or pressed after the page idled for minutes without a frame
  // (platform/frame_schedule.h), would repeat and skip widgets. Capped at 0.05 s a frame, a key
  // repeats only when held four frames or more. Only while a key is held: otherwise ImGui's clock
  // keeps to the real one across idle time (two clicks a minute apart are no double click).
  constexpr float kMaxFrameSeconds = 0.05f;
  if (imgui_key_held()) io.DeltaTime = std::min(io.DeltaTime, kMaxFrameSeconds);
}

float SdlPlatform::pixel_ratio() const {
#ifdef __EMSCRIPTEN__
  return static_cast<float>(device_pixel_ratio_);  // exactly what SDL sizes the canvas by
#else
  int window_w = 0, window_h = 0, pixels_w = 0, pixels_h = 0;
  SDL_GetWindowSize(window_, &window_w, &window_h);
  SDL_GL_GetDrawableSize(window_, &pixels_w, &pixels_h);
  return window_w > 0 && pixels_w > 0 ? static_cast<float>(pixels_w) / static_cast<float>(window_w) : 1.0f;
#endif
}

bool SdlPlatform::events_waiting() const { return SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT) == SDL_TRUE; }

void SdlPlatform::drawable_size(int& width, int& height) const { SDL_GL_GetDrawableSize(window_, &width, &height); }

void SdlPlatform::swap() { SDL_GL_SwapWindow(window_); }

}  // namespace celab::app
