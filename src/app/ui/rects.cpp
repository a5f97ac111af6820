#include "app/ui/rects.h"

#include "imgui.h"
#include "imgui_internal.h"  // GetItemID

namespace celab::app {

void UiRects::record_last_item(std::string_view name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const UiRect rect{min.x, min.y, max.x - min.x, max.y - min.y};
  const Entry entry{rect, frame_, ImGui::GetItemID()};
  // Look up before inserting: the names repeat every frame, so steady state allocates nothing.
  if (auto it = rects_.find(name); it != rects_.end()) {
    it->second = entry;
  } else {
    rects_.emplace(std::string(name), entry);
  }
}

UiRect UiRects::last(std::string_view name) const {
  const auto it = rects_.find(name);
  return it == rects_.end() ? UiRect{} : it->second.rect;
}

const std::string* UiRects::name_of(unsigned int id) const {
  if (id == 0) return nullptr;
  for (const auto& [name, entry] : rects_)
    if (entry.frame == frame_ && entry.id == id) return &name;
  return nullptr;
}

}  // namespace celab::app
