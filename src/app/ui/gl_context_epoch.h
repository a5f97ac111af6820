// Which OpenGL context the app's GL objects belong to. A browser can take the WebGL context away
// (GPU reset, too many tabs) and later hand it back empty: every texture, buffer and shader made
// before is gone. The epoch counts the contexts; an object made in an older one must be made again.
#pragma once

namespace celab::app::gl_context_epoch {

inline unsigned& counter() {
  static unsigned epoch = 0;
  return epoch;
}

inline unsigned current() { return counter(); }

// Call once the context is back (and empty), before anything draws.
inline void begin_new() { ++counter(); }

}  // namespace celab::app::gl_context_epoch
