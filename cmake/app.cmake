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

# Roboto, cut down to the glyphs the app draws (src/app/fonts.cpp lists the same ranges), compiled in.
set(CELAB_FONT_DIR /usr/share/fonts/truetype/roboto/unhinted/RobotoTTF CACHE PATH
    "Roboto TTF files (Debian package fonts-roboto-unhinted)")
set(CELAB_PYTHON /usr/bin/python3 CACHE FILEPATH "Python 3 with fontTools (Debian package python3-fonttools)")
set(CELAB_FONT_UNICODES
    "U+0020-007E,U+00A0-00FF,U+0391-03C9,U+2013-2014,U+2018-201D,U+2026,U+2202,U+2211-2212,U+221E,U+2248,U+2260-2265")
set(CELAB_GENERATED_DIR ${CMAKE_BINARY_DIR}/generated)
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
add_custom_command(OUTPUT ${CELAB_GENERATED_DIR}/font_data.cpp
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${CELAB_GENERATED_DIR}/font_data.cpp -DNAMESPACE=celab::app::font_data
          "-DFILES=${font_entries}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${font_files} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "Embedding the fonts"
  VERBATIM)

# The app: every source in src/app; the web bridge (and the bench's hook) only in the browser.
file(GLOB CELAB_APP_SOURCES CONFIGURE_DEPENDS src/app/*.cpp)
list(FILTER CELAB_APP_SOURCES EXCLUDE REGEX "/web_[a-z_]+\\.cpp$")
set(CELAB_WEB_BRIDGE_SOURCE ${CMAKE_SOURCE_DIR}/src/app/web_bridge.cpp ${CMAKE_SOURCE_DIR}/src/app/web_forward_bench.cpp
    ${CMAKE_SOURCE_DIR}/src/app/web_gl_state_cache.cpp)

# Adds the app's target `name` (an executable) built from the shared sources plus `extra` sources.
function(celab_add_app name)
  add_executable(${name} ${CELAB_APP_SOURCES} ${CELAB_GENERATED_DIR}/font_data.cpp ${ARGN})
  target_link_libraries(${name} PRIVATE celab_app_core celab_imgui)
  target_compile_options(${name} PRIVATE ${CELAB_WARNINGS})
endfunction()
