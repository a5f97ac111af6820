// The OpenGL the app calls itself: OpenGL ES 2.0 in the browser, which WebGL 1 and WebGL 2 both
// offer in full (so one renderer serves both), the system's OpenGL on the desktop.
#pragma once

#ifdef __EMSCRIPTEN__
#include <GLES2/gl2.h>
#else
#include <SDL_opengl.h>
#endif
