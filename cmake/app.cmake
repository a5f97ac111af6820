# What the web page (web.cmake) and the desktop program (desktop.cmake) share: Dear ImGui 1.86 from
# its Debian source package (CELAB_IMGUI_DIR), the embedded fonts, and the app's sources.
# The includer defines the imported target `celab_sdl2` first.

# Dear ImGui with its SDL2 platform backend and OpenGL 3 renderer backend. Third-party code: its
# headers are system headers to us, and its own warnings are not ours to fix.
add_library(celab_imgui STATIC
  ${CELAB_IMGUI_DIR}/imgui.cpp
  ${CELAB_IMGUI_DIR}/imgui_draw.cpp
  ${CELAB_IMGUI_DIR}/imgui_tables.cpp
  ${CELAB_IMGUI_DIR}/imgui_widgets.cpp
  ${CELAB_IMGUI_DIR}/backends/imgui_impl_sdl.cpp
  ${CELAB_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(celab_imgui SYSTEM PUBLIC ${CELAB_IMGUI_DIR} ${CELAB_IMGUI_DIR}/backends)
target_link_libraries(celab_imgui PUBLIC celab_sdl2)
target_compile_options(celab_imgui PRIVATE -w)

# Roboto, cut down to the glyphs the app draws (src/app/ui/fonts.cpp lists the same ranges), compiled in.
set(CELAB_FONT_DIR /usr/share/fonts/truetype/roboto/unhinted/RobotoTTF CACHE PATH
    "Roboto TTF files (Debian package fonts-roboto-unhinted)")
set(font_entries)
set(font_files)
foreach(style Regular Medium)
  set(ttf ${CELAB_FONT_DIR}/Roboto-${style}.ttf)
  if(NOT EXISTS ${ttf})
    message(FATAL_ERROR "${ttf} not found: install fonts-roboto-unhinted (./build.sh deps does)")
  endif()
  string(TOLOWER ${style} lower)
  set(subset ${CELAB_GENERATED_DIR}/roboto-${lower}.ttf)
  add_custom_command(OUTPUT ${subset}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CELAB_GENERATED_DIR}
    COMMAND ${CELAB_PYTHON} -m fontTools.subset ${ttf} --unicodes=${CELAB_FONT_UNICODES}
            --layout-features= --no-hinting --output-file=${subset}
    DEPENDS ${ttf}
    COMMENT "Subsetting Roboto-${style}.ttf"
    VERBATIM)
  list(APPEND font_files ${subset})
  list(APPEND font_entries "roboto_${lower}=${subset}")
endforeach()
# The language switch's "中文" (cmake/page_text.cmake), so an English page never loads the Chinese font.
list(APPEND font_files ${CELAB_GENERATED_DIR}/language-switch.otf)
list(APPEND font_entries "language_switch=${CELAB_GENERATED_DIR}/language-switch.otf")
add_custom_command(OUTPUT ${CELAB_GENERATED_DIR}/font_data.cpp
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${CELAB_GENERATED_DIR}/font_data.cpp -DNAMESPACE=celab::app::font_data
          "-DFILES=${font_entries}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${font_files} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "Embedding the fonts"
  VERBATIM)

# The app, one static library a folder, each linking only the folder below it (the same arrows the
# layer check, cmake/check_layers.cmake, holds every #include to):
#   core (no UI) <- ui (drawing kit) <- cards <- page <- platform (SDL, GL, the shared frame)
# and on top the targets' main(): platform/main_desktop.cpp here, the web/ folder in web.cmake.
file(GLOB CELAB_APP_UI_SOURCES CONFIGURE_DEPENDS src/app/ui/*.cpp)
add_library(celab_app_ui STATIC ${CELAB_APP_UI_SOURCES} ${CELAB_GENERATED_DIR}/font_data.cpp)
target_link_libraries(celab_app_ui PUBLIC celab_app_core celab_imgui)

file(GLOB CELAB_APP_CARDS_SOURCES CONFIGURE_DEPENDS src/app/cards/*.cpp)
add_library(celab_app_cards STATIC ${CELAB_APP_CARDS_SOURCES})
target_link_libraries(celab_app_cards PUBLIC celab_app_ui)

file(GLOB CELAB_APP_PAGE_SOURCES CONFIGURE_DEPENDS src/app/page/*.cpp)
add_library(celab_app_page STATIC ${CELAB_APP_PAGE_SOURCES})
target_link_libraries(celab_app_page PUBLIC celab_app_cards)

# The shared frame and the SDL/GL backends; each target's main() is outside the library.
file(GLOB CELAB_APP_PLATFORM_SOURCES CONFIGURE_DEPENDS src/app/platform/*.cpp)
list(FILTER CELAB_APP_PLATFORM_SOURCES EXCLUDE REGEX "/main_[a-z_]+\\.cpp$")
add_library(celab_app_platform STATIC ${CELAB_APP_PLATFORM_SOURCES})
target_link_libraries(celab_app_platform PUBLIC celab_app_page)

foreach(lib celab_app_ui celab_app_cards celab_app_page celab_app_platform)
  target_compile_options(${lib} PRIVATE ${CELAB_WARNINGS})
endforeach()

# Adds the app's target `name` (an executable) built from `sources` (its main() and what only it has).
function(celab_add_app name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE celab_app_platform)
  target_compile_options(${name} PRIVATE ${CELAB_WARNINGS})
endfunction()
