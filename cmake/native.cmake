# Native targets: the CLI, the unit tests, the benchmarks (and the desktop app when SDL2 is found).
option(CELAB_NATIVE_ARCH "Tune for the build machine's CPU (-march=native)" ON)
if(CELAB_NATIVE_ARCH)
  target_compile_options(celab_nn PUBLIC -march=native)
endif()

find_package(Threads REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
target_link_libraries(celab_nn PUBLIC Threads::Threads)
target_link_libraries(celab_data PUBLIC nlohmann_json::nlohmann_json)

# The CLI: thin cmd_*.cpp files over a library (trainer, evaluation, model store) the tests use too.
file(GLOB CELAB_CLI_COMMANDS CONFIGURE_DEPENDS src/cli/cmd_*.cpp src/cli/main.cpp)
file(GLOB CELAB_CLI_LIB_SOURCES CONFIGURE_DEPENDS src/cli/*.cpp)
list(REMOVE_ITEM CELAB_CLI_LIB_SOURCES ${CELAB_CLI_COMMANDS})
add_library(celab_cli STATIC ${CELAB_CLI_LIB_SOURCES})
target_link_libraries(celab_cli PUBLIC celab_data)
target_compile_options(celab_cli PRIVATE ${CELAB_WARNINGS})
target_compile_definitions(celab_cli PUBLIC CELAB_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_executable(celab ${CELAB_CLI_COMMANDS})
target_link_libraries(celab PRIVATE celab_cli CLI11::CLI11)
target_compile_options(celab PRIVATE ${CELAB_WARNINGS})

enable_testing()
find_package(GTest REQUIRED)
file(GLOB CELAB_TEST_SOURCES CONFIGURE_DEPENDS tests/unit/*.cpp)
add_executable(celab_tests ${CELAB_TEST_SOURCES})
target_link_libraries(celab_tests PRIVATE celab_cli celab_app_core GTest::gtest_main)
target_compile_options(celab_tests PRIVATE ${CELAB_WARNINGS})
# Tests find their fixtures through these, so they run from any directory. The shared inputs sit
# next to the clone; a git worktree elsewhere points at them with -DCELAB_SHARED_DIR=<dir>.
set(CELAB_SHARED_DIR "${CMAKE_SOURCE_DIR}/../shared" CACHE PATH "Shared read-only inputs (golden/, drawings/)")
target_compile_definitions(celab_tests PRIVATE
  CELAB_SHARED_DIR="${CELAB_SHARED_DIR}")
# The page text test reads the cut-down Chinese fonts with stb_truetype (libstb-dev).
target_compile_definitions(celab_tests PRIVATE CELAB_ZH_FONT="${CELAB_GENERATED_DIR}/zh-font.otf"
  CELAB_LANGUAGE_SWITCH_FONT="${CELAB_GENERATED_DIR}/language-switch.otf" CELAB_FONT_UNICODES="${CELAB_FONT_UNICODES}")
target_include_directories(celab_tests SYSTEM PRIVATE ${STB_INCLUDE_DIR})
add_dependencies(celab_tests celab_zh_font)
include(GoogleTest)
gtest_discover_tests(celab_tests WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
# The layers' arrows (also checked by every build): no #include reaches up a layer.
add_test(NAME layers COMMAND ${CELAB_PYTHON} ${CMAKE_SOURCE_DIR}/cmake/check_layers.py ${CMAKE_SOURCE_DIR}/src)
# The CLI on bad input (missing, empty, malformed files, bad numbers): exit code 2 and one line.
add_test(NAME cli_bad_input COMMAND bash ${CMAKE_SOURCE_DIR}/tests/cli/test_bad_input.sh $<TARGET_FILE:celab>)

find_package(benchmark REQUIRED)
file(GLOB CELAB_BENCH_SOURCES CONFIGURE_DEPENDS bench/*.cpp)
if(CELAB_BENCH_SOURCES)
  add_executable(celab_bench ${CELAB_BENCH_SOURCES})
  target_link_libraries(celab_bench PRIVATE celab_cli benchmark::benchmark)
  target_compile_options(celab_bench PRIVATE ${CELAB_WARNINGS})
  # Benchmarks read fixtures (tests/drawings, ...) through this, so they run from any directory.
  target_compile_definitions(celab_bench PRIVATE CELAB_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
endif()

if(EXISTS ${CMAKE_SOURCE_DIR}/cmake/desktop.cmake)
  include(cmake/desktop.cmake)
endif()

# The CLI end to end: `celab loss` and `celab check-golden` on both golden files.
add_test(NAME cli.loss
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/cli/test_loss_cli.sh $<TARGET_FILE:celab> ${CMAKE_SOURCE_DIR}
          ${CELAB_SHARED_DIR})

include(cmake/sanitizers.cmake)
