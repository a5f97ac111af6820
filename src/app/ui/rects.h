// Where named widgets were drawn in the last frame, in window units (CSS pixels on the web), so a
// browser test can aim real mouse events at them, and which of them has the keyboard focus. Names
// are stable, e.g. "target/3".
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace celab::app {

struct UiRect {
  float x = 0, y = 0, width = 0, height = 0;
};

class UiRects {
 public:
  // Starts a frame: rectangles not recorded again during it are no longer reported.
  void begin_frame() { ++frame_; }
  // Records the last ImGui item's rectangle under `name`.
  void record_last_item(std::string_view name);
  // The name of the widget of ImGui ID `id` drawn in the current frame (e.g. the keyboard focus,
  // ImGui's NavId), or nullptr.
  const std::string* name_of(unsigned int id) const;
  // Where widget `name` was drawn last (in this frame or an earlier one); all 0 if never.
  UiRect last(std::string_view name) const;
  // Calls visit(name, rect) for each widget drawn in the current frame.
  template <typename Visit>
  void for_each_current(Visit visit) const {
    for (const auto& [name, entry] : rects_) {
      if (entry.frame == frame_) visit(name, entry.rect);
    }
  }

 private:
  struct Entry {
    UiRect rect;
    unsigned long frame = 0;
    unsigned int id = 0;  // ImGuiID
  };
  std::map<std::string, Entry, std::less<>> rects_;
  unsigned long frame_ = 0;
};

}  // namespace celab::app
