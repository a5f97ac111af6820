#include "app/web/web_access.h"

#include <emscripten.h>

#include <string>
#include <tuple>

#include "app/core/page_text.h"
#include "app/core/state_summary.h"
#include "app/page/app.h"
#include "app/web/web_app.h"
#include "imgui.h"
#include "imgui_internal.h"  // the keyboard focus: GImGui->NavId

namespace celab::app {
namespace {

std::string announced;
// What the sentence depends on, as of its last writing: rewritten only when one of these moved.
std::tuple<uint64_t, int, LoadStatus, std::optional<int>, Language> announced_for{
    ~uint64_t{0}, -1, LoadStatus::Loading, {}, Language::English};

}  // namespace
}  // namespace celab::app

extern "C" {

// web/celab_access.js
void celab_js_install_access();
void celab_js_announce(const char* sentence);

EMSCRIPTEN_KEEPALIVE const char* celab_focused_name() {
  const ImGuiContext* imgui = ImGui::GetCurrentContext();
  const std::string* name = imgui ? celab::app::web_app().ui_rects().name_of(imgui->NavId) : nullptr;
  return name ? name->c_str() : nullptr;
}

}  // extern "C"

namespace celab::app {

void install_web_access() { celab_js_install_access(); }

void web_access_frame() {
  const AppState& s = web_app().state();
  // A widget changed the state during the frame: say it once the next frame has computed it.
  if (!s.up_to_date()) return;
  const PredictionPipeline* pipeline = s.pipeline();
  const auto now = std::make_tuple(pipeline ? pipeline->prediction().updates : 0, s.target(), s.model_status(),
                                   s.pad().picture_label(), language());
  if (now == announced_for) return;
  announced_for = now;
  const std::string sentence = state_summary(s);
  if (sentence == announced) return;
  announced = sentence;
  celab_js_announce(announced.c_str());
}

}  // namespace celab::app
