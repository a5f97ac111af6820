#include "app/ui_rects.h"

#include "imgui.h"

namespace celab::app {

void UiRects::record_last_item(std::string_view name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const UiRect rect{min.x, min.y, max.x - min.x, max.y - min.y};
  // Look up before inserting: the names repeat every frame, so steady state allocates nothing.
  if (auto it = rects_.find(name); it != rects_.end()) {
    it->second = Entry{rect, frame_};
  } else {
    rects_.emplace(std::string(name), Entry{rect, frame_});
  }
}

}  // namespace celab::app
