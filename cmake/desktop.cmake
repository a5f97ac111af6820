# The desktop program build/native/celab-app: the same app as the page, on the system's SDL2 and
# OpenGL 3. Needs Dear ImGui's source, which `./build.sh deps` fetches into .deps/.
set(CELAB_IMGUI_DIR ${CMAKE_SOURCE_DIR}/.deps/imgui-1.86+ds CACHE PATH "Dear ImGui 1.86 source (Debian source package imgui)")
find_package(SDL2 CONFIG QUIET)
find_package(OpenGL QUIET)
if(NOT EXISTS ${CELAB_IMGUI_DIR}/imgui.cpp)
  message(STATUS "celab-app skipped: no Dear ImGui source in ${CELAB_IMGUI_DIR} (run ./build.sh deps)")
elseif(NOT SDL2_FOUND OR NOT OPENGL_FOUND)
  message(STATUS "celab-app skipped: SDL2 or OpenGL development files not found (libsdl2-dev)")
else()
  add_library(celab_sdl2 INTERFACE)
  target_link_libraries(celab_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
  include(cmake/app.cmake)
  celab_add_app(celab_app src/app/platform/main_desktop.cpp)
  set_target_properties(celab_app PROPERTIES OUTPUT_NAME celab-app)
  # Reads assets/model.celab and MNIST's test set from the source tree.
  target_compile_definitions(celab_app PRIVATE CELAB_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                                              CELAB_ZH_FONT="${CELAB_GENERATED_DIR}/zh-font.otf")
  add_dependencies(celab_app celab_zh_font)
endif()
