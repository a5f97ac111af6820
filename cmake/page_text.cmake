# The page's text in English and Chinese from its one table, src/app/text/page_text.json, made
# into the app's table (celab_app_core), and the Chinese font (Noto Sans CJK SC, SIL OFL, from
# Debian's fonts-noto-cjk) cut down with fontTools to exactly the characters the table uses:
#   ${CELAB_GENERATED_DIR}/zh-font.otf          the Chinese column: loaded when 中文 is chosen
#   ${CELAB_GENERATED_DIR}/language-switch.otf  the English column's few (the switch's "中文"): compiled in
# Build products, not committed. cmake/web.cmake also writes the page's own strings into index.html.
set(CELAB_PYTHON /usr/bin/python3 CACHE FILEPATH "Python 3 with fontTools (Debian package python3-fonttools)")
set(CELAB_CJK_FONT /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc CACHE FILEPATH
    "Noto Sans CJK collection (Debian package fonts-noto-cjk)")
set(CELAB_CJK_FONT_NUMBER 2 CACHE STRING "Index of Noto Sans CJK SC in the collection")
set(CELAB_GENERATED_DIR ${CMAKE_BINARY_DIR}/generated)
# What the Latin font (Roboto, cmake/app.cmake; src/app/ui/fonts.cpp lists the same ranges) draws; the
# Chinese font draws the table's other characters.
set(CELAB_FONT_UNICODES
    "U+0020-007E,U+00A0-00FF,U+0391-03C9,U+2013-2014,U+2018-201D,U+2026,U+2202,U+2211-2212,U+221E,U+2248,U+2260-2265")
set(CELAB_PAGE_TEXT_TABLE ${CMAKE_SOURCE_DIR}/src/app/text/page_text.json)
set(CELAB_PAGE_TEXT_SCRIPT ${CMAKE_SOURCE_DIR}/cmake/make_page_text.py)
if(NOT EXISTS ${CELAB_CJK_FONT})
  message(FATAL_ERROR "${CELAB_CJK_FONT} not found: install fonts-noto-cjk (./build.sh deps does)")
endif()

add_custom_command(
  OUTPUT ${CELAB_GENERATED_DIR}/page_text_table.cpp ${CELAB_GENERATED_DIR}/page_text_table.h
         ${CELAB_GENERATED_DIR}/zh-chars.txt ${CELAB_GENERATED_DIR}/language-switch-chars.txt
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CELAB_GENERATED_DIR}
  COMMAND ${CELAB_PYTHON} ${CELAB_PAGE_TEXT_SCRIPT} ${CELAB_PAGE_TEXT_TABLE}
          --cpp ${CELAB_GENERATED_DIR}/page_text_table.cpp --header ${CELAB_GENERATED_DIR}/page_text_table.h
          --latin ${CELAB_FONT_UNICODES}
          --chars ${CELAB_GENERATED_DIR}/zh-chars.txt --english-chars ${CELAB_GENERATED_DIR}/language-switch-chars.txt
  DEPENDS ${CELAB_PAGE_TEXT_TABLE} ${CELAB_PAGE_TEXT_SCRIPT}
  COMMENT "Making the page's text table"
  VERBATIM)
foreach(pair "zh-font;zh-chars" "language-switch;language-switch-chars")
  list(GET pair 0 font)
  list(GET pair 1 chars)
  add_custom_command(OUTPUT ${CELAB_GENERATED_DIR}/${font}.otf
    COMMAND ${CELAB_PYTHON} -m fontTools.subset ${CELAB_CJK_FONT} --font-number=${CELAB_CJK_FONT_NUMBER}
            --text-file=${CELAB_GENERATED_DIR}/${chars}.txt --layout-features= --no-hinting --desubroutinize
            --output-file=${CELAB_GENERATED_DIR}/${font}.otf
    DEPENDS ${CELAB_GENERATED_DIR}/${chars}.txt ${CELAB_CJK_FONT}
    COMMENT "Cutting Noto Sans CJK SC down to ${chars}.txt"
    VERBATIM)
endforeach()
add_custom_target(celab_zh_font DEPENDS ${CELAB_GENERATED_DIR}/zh-font.otf ${CELAB_GENERATED_DIR}/language-switch.otf)
set(CELAB_PAGE_TEXT_SOURCES ${CELAB_GENERATED_DIR}/page_text_table.cpp)
