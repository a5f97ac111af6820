# The page installable and working offline (docs/browsers.md): its icons, drawn at build time in the
# page's own look, its web app manifests (English and Chinese), and its service worker, versioned by
# a hash of every file of the site. Included by cmake/web.cmake once the site's other files are known.
set(CELAB_THEME_HEADER ${CMAKE_SOURCE_DIR}/src/app/ui/theme.h)
set(CELAB_ICON_DIR ${CELAB_SITE_DIR}/icons)
set(CELAB_ICONS icon-192.png icon-512.png icon-maskable-512.png apple-touch-icon.png favicon-32.png)
list(TRANSFORM CELAB_ICONS PREPEND ${CELAB_ICON_DIR}/)
add_custom_command(OUTPUT ${CELAB_ICONS}
  COMMAND ${CELAB_NODE} ${CMAKE_SOURCE_DIR}/web/make_icons.mjs ${CELAB_THEME_HEADER}
          ${CELAB_SITE_DIR}/mnist-test-images.idx ${CELAB_SITE_DIR}/mnist-test-labels.idx ${CELAB_ICON_DIR}
  DEPENDS ${CMAKE_SOURCE_DIR}/web/make_icons.mjs ${CMAKE_SOURCE_DIR}/web/crc32.mjs ${CMAKE_SOURCE_DIR}/web/theme_colors.mjs
          ${CMAKE_SOURCE_DIR}/web/idx_files.mjs ${CELAB_THEME_HEADER}
          ${CELAB_SITE_DIR}/mnist-test-images.idx ${CELAB_SITE_DIR}/mnist-test-labels.idx
  COMMENT "Drawing the page's icons"
  VERBATIM)
add_custom_command(OUTPUT ${CELAB_SITE_DIR}/manifest.webmanifest ${CELAB_SITE_DIR}/manifest.zh.webmanifest
  COMMAND ${CELAB_NODE} ${CMAKE_SOURCE_DIR}/web/make_manifests.mjs ${CELAB_THEME_HEADER} ${CELAB_PAGE_TEXT_TABLE}
          ${CELAB_SITE_DIR}
  DEPENDS ${CMAKE_SOURCE_DIR}/web/make_manifests.mjs ${CMAKE_SOURCE_DIR}/web/theme_colors.mjs
          ${CELAB_THEME_HEADER} ${CELAB_PAGE_TEXT_TABLE}
  COMMENT "Writing the web app manifests"
  VERBATIM)
add_custom_target(celab_web_install ALL DEPENDS ${CELAB_ICONS}
  ${CELAB_SITE_DIR}/manifest.webmanifest ${CELAB_SITE_DIR}/manifest.zh.webmanifest)

# The service worker last, over every file in the site: run on every build (it hashes ~10 MB in a
# fraction of a second) and rewrites sw.js only when its content changes, so it needs no list of
# the site's files of its own.
add_custom_target(celab_service_worker ALL
  COMMAND ${CELAB_NODE} ${CMAKE_SOURCE_DIR}/web/make_service_worker.mjs ${CMAKE_SOURCE_DIR}/web/service_worker.js
          ${CELAB_SITE_DIR}
  COMMENT "Writing the service worker (sw.js) for this build"
  VERBATIM)
add_dependencies(celab_service_worker celab_web celab_train_worker celab_web_page celab_web_install)
