# Instrumented native builds, off by default (tests/sanitize.sh and tests/fuzz/run.sh turn them on).
#   CELAB_SANITIZE  AddressSanitizer + UndefinedBehaviorSanitizer on every native target; any report
#                   aborts the program, so a test that triggers one fails.
#   CELAB_FUZZ      the same plus libFuzzer's coverage instrumentation, and one libFuzzer program per
#                   tests/fuzz/fuzz_*.cpp (clang only); the target celab_fuzzers builds them all.
option(CELAB_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(CELAB_FUZZ "Build the libFuzzer targets of tests/fuzz (clang; implies the sanitizers)" OFF)

if(CELAB_SANITIZE OR CELAB_FUZZ)
  # -O1 keeps the training smoke test quick under ASan; -UNDEBUG keeps assertions (Eigen's index
  # checks) whatever the build type, and _GLIBCXX_ASSERTIONS checks std::vector/span indexing.
  target_compile_options(celab_nn PUBLIC -fsanitize=address,undefined -fno-sanitize-recover=all
                         -fno-omit-frame-pointer -g -O1 -UNDEBUG -D_GLIBCXX_ASSERTIONS)
  target_link_options(celab_nn PUBLIC -fsanitize=address,undefined)
  # stb_image (libstb-dev 0.0~git20220908) calls memcpy(NULL, src, 0) for a PNG whose first IDAT chunk
  # is empty: copying 0 bytes, harmless (and defined behaviour from C2y on), but UBSan's nonnull check
  # reports it. Every other check stays on in the file that compiles stb_image.
  set_source_files_properties(src/data/picture.cpp PROPERTIES COMPILE_OPTIONS -fno-sanitize=nonnull-attribute)
endif()

if(CELAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CELAB_FUZZ needs clang with libFuzzer: configure with CC=clang-14 CXX=clang++-14")
  endif()
  target_compile_options(celab_nn PUBLIC -fsanitize=fuzzer-no-link)
  file(GLOB CELAB_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp)
  add_custom_target(celab_fuzzers)
  foreach(source IN LISTS CELAB_FUZZ_SOURCES)
    get_filename_component(fuzzer ${source} NAME_WE)
    add_executable(${fuzzer} EXCLUDE_FROM_ALL ${source})
    target_link_libraries(${fuzzer} PRIVATE celab_data)
    target_compile_options(${fuzzer} PRIVATE ${CELAB_WARNINGS})
    target_link_options(${fuzzer} PRIVATE -fsanitize=fuzzer)
    add_dependencies(celab_fuzzers ${fuzzer})
  endforeach()
endif()
