# The page: the app compiled to WebAssembly with WebGL2 (OpenGL ES 3), written to CELAB_SITE_DIR as
# index.html, index.js and index.wasm: the whole static site. Configure through `./build.sh web`,
# which fetches Dear ImGui's source and builds SDL2 for WebAssembly first.
set(CELAB_IMGUI_DIR "" CACHE PATH "Dear ImGui 1.86 source (Debian source package imgui)")
set(CELAB_SDL_PREFIX "" CACHE PATH "SDL2 2.26.5 built for WebAssembly with SDL's CMake and installed here")
set(CELAB_SITE_DIR ${CMAKE_BINARY_DIR}/site CACHE PATH "Where the static site is written")
if(NOT EXISTS ${CELAB_IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "CELAB_IMGUI_DIR='${CELAB_IMGUI_DIR}' has no imgui.cpp; build with ./build.sh web")
endif()
if(NOT EXISTS ${CELAB_SDL_PREFIX}/lib/libSDL2.a)
  message(FATAL_ERROR "CELAB_SDL_PREFIX='${CELAB_SDL_PREFIX}' has no lib/libSDL2.a; build with ./build.sh web")
endif()

# Same optimisation for all our wasm code; -O3 makes the module larger for no visible gain here.
set(CMAKE_C_FLAGS_RELEASE "-O2 -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG")
# WebAssembly SIMD for the network's kernels (src/nn/small_gemm.cpp's vector types): forward and
# backward-to-input of one image take about half the time of the scalar build.
target_compile_options(celab_nn PRIVATE -msimd128)

# nlohmann_json (used by src/data) is header-only, but emcmake hides /usr/include, and adding all of
# it would mix the host's C library headers into the wasm build: expose its directory alone.
set(CELAB_HOST_HEADERS ${CMAKE_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${CELAB_HOST_HEADERS})
file(CREATE_LINK /usr/include/nlohmann ${CELAB_HOST_HEADERS}/nlohmann SYMBOLIC)
target_include_directories(celab_data SYSTEM PUBLIC ${CELAB_HOST_HEADERS})

# SDL2 by hand rather than find_package: under emcmake the package search would find Emscripten's
# own SDL2 stub config (which pulls the -sUSE_SDL=2 port, unusable offline), and the headers must
# come from include/SDL2 or `#include <SDL.h>` silently finds SDL 1's.
add_library(celab_sdl2 STATIC IMPORTED)
set_target_properties(celab_sdl2 PROPERTIES
  IMPORTED_LOCATION ${CELAB_SDL_PREFIX}/lib/libSDL2.a
  INTERFACE_INCLUDE_DIRECTORIES ${CELAB_SDL_PREFIX}/include/SDL2)

include(cmake/app.cmake)
# ImGui 1.86 would pick OpenGL ES 2 (WebGL1) under Emscripten; we want WebGL2. No imgui.ini on the web.
target_compile_definitions(celab_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_FILE_FUNCTIONS)

celab_add_app(celab_web ${CELAB_WEB_BRIDGE_SOURCE})
set_target_properties(celab_web PROPERTIES OUTPUT_NAME index RUNTIME_OUTPUT_DIRECTORY ${CELAB_SITE_DIR})
target_link_options(celab_web PRIVATE
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sENVIRONMENT=web
  -sNO_FILESYSTEM=1)

# Our own page template; the favicon link keeps the browser from requesting /favicon.ico (a 404).
add_custom_command(OUTPUT ${CELAB_SITE_DIR}/index.html
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/web/index.html ${CELAB_SITE_DIR}/index.html
  DEPENDS ${CMAKE_SOURCE_DIR}/web/index.html
  COMMENT "Copying web/index.html into the site"
  VERBATIM)
add_custom_target(celab_web_page ALL DEPENDS ${CELAB_SITE_DIR}/index.html)
