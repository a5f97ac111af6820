#!/usr/bin/env bash
# Cross-Entropy Lab: one entry point for everything.
#   ./build.sh deps            install what is missing (Debian packages, npm, source packages, SDL2 for wasm)
#   ./build.sh native          native CLI, tests, benchmarks  -> build/native/
#   ./build.sh web             the static site                -> build/site/
#   ./build.sh serve [PORT]    build if needed and serve build/site on 127.0.0.1 (default 8080)
#   ./build.sh test            native unit tests (ctest), then the browser tests
#   ./build.sh train [ARGS]    train the shipped model (assets/model.celab) with `celab train`
#   ./build.sh bench [WHAT]    benchmarks under bench/ (loss, train, ...)
# Every subcommand runs `deps` first, so each one works alone on a fresh Debian 12 machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

JOBS="${JOBS:-$(nproc)}"
DEPS="$ROOT/.deps"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/celab"
IMGUI_VERSION="1.86+ds-1"
SDL_VERSION="2.26.5+dfsg-1"
SDL_PREFIX="$CACHE/sdl2-${SDL_VERSION}-emscripten-3.1.6"
# Debian's node modules (acorn, ...) for emscripten's JS optimizer; see ../shared/toolchain/NOTES.md.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

DEB_PACKAGES=(
  ca-certificates git cmake ninja-build g++ pkg-config dpkg-dev python3
  libeigen3-dev libsdl2-dev libgtest-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev libstb-dev
  emscripten chromium
)

missing_debs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

install_debs() {
  local missing
  missing=$(missing_debs "$@")
  [ -z "$missing" ] && return 0
  say "installing Debian packages: $(echo $missing)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

deps_debian() {
  local extra=()
  command -v node >/dev/null 2>&1 || extra+=(nodejs)
  command -v npm >/dev/null 2>&1 || extra+=(npm)
  install_debs "${DEB_PACKAGES[@]}" "${extra[@]}"
}

deps_npm() {
  # npm ci only when the lockfile changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Debian source packages of imgui and libsdl2 into .deps/, with an apt config of our own:
# one deb-src stanza copied from the system's sources (the system's apt files are not touched).
deps_sources() {
  local imgui_dir="$DEPS/imgui-1.86" sdl_dir="$DEPS/libsdl2-2.26.5+dfsg"
  [ -f "$imgui_dir/imgui.cpp" ] && [ -f "$sdl_dir/CMakeLists.txt" ] && return 0
  say "fetching Debian source packages imgui $IMGUI_VERSION and libsdl2 $SDL_VERSION"
  mkdir -p "$DEPS/apt/parts" "$DEPS/apt/lists/partial"
  local src
  src=$(ls /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 || true)
  if [ -n "$src" ]; then
    # First stanza of the system's deb822 file, as a deb-src stanza.
    awk 'BEGIN{RS=""; ORS="\n\n"} NR==1' "$src" | sed 's/^Types:.*/Types: deb-src/' > "$DEPS/apt/parts/celab.sources"
  else
    grep -E '^deb ' /etc/apt/sources.list | head -n1 | sed 's/^deb /deb-src /' > "$DEPS/apt/parts/celab.list"
  fi
  local O=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$DEPS/apt/parts"
           -o "Dir::State::Lists=$DEPS/apt/lists" -o Debug::NoLocking=1)
  apt-get "${O[@]}" update -qq
  (cd "$DEPS" && apt-get "${O[@]}" source -qq "imgui=$IMGUI_VERSION" "libsdl2=$SDL_VERSION" >/dev/null)
  [ -f "$imgui_dir/imgui.cpp" ] || die "imgui source not found in $imgui_dir after apt-get source"
  [ -f "$sdl_dir/CMakeLists.txt" ] || die "libsdl2 source not found in $sdl_dir after apt-get source"
}

# SDL2 for WebAssembly with SDL's own CMake; cached outside the clone (configure takes minutes).
deps_sdl_wasm() {
  [ -f "$SDL_PREFIX/lib/libSDL2.a" ] && return 0
  say "building SDL2 $SDL_VERSION for WebAssembly into $SDL_PREFIX (once; takes a few minutes)"
  local b="$DEPS/sdl2-wasm-build"
  rm -rf "$b" && mkdir -p "$b"
  (cd "$b" && emcmake cmake "$DEPS/libsdl2-2.26.5+dfsg" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_INSTALL_PREFIX="$SDL_PREFIX.tmp" -DSDL_SHARED=OFF -DSDL_STATIC=ON \
      -DSDL_TEST=OFF -DSDL_TESTS=OFF >/dev/null \
    && cmake --build . -j "$JOBS" >/dev/null && cmake --install . >/dev/null)
  rm -rf "$SDL_PREFIX" && mv "$SDL_PREFIX.tmp" "$SDL_PREFIX"
}

cmd_deps() {
  deps_debian
  deps_npm
  deps_sources
  deps_sdl_wasm
}

cmd_native() {
  cmd_deps
  say "native build -> build/native"
  cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$JOBS"
}

cmd_web() {
  cmd_deps
  say "web build -> build/site"
  emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCELAB_IMGUI_DIR="$DEPS/imgui-1.86" -DSDL2_DIR="$SDL_PREFIX/lib/cmake/SDL2" \
    -DCELAB_SDL_PREFIX="$SDL_PREFIX" -DCELAB_SITE_DIR="$ROOT/build/site" >/dev/null
  cmake --build build/web -j "$JOBS"
}

cmd_serve() {
  local port="${1:-8080}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "port '$port' is not a number in [1, 65535]"
  cmd_web
  say "serving build/site at http://127.0.0.1:$port/  (Ctrl+C stops)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/site
}

cmd_test() {
  cmd_native
  cmd_web
  say "native unit tests (ctest)"
  (cd build/native && ctest --output-on-failure -j "$JOBS")
  say "browser tests (headless Chromium)"
  node tests/browser/run.mjs
}

cmd_train() {
  cmd_native
  say "training the shipped model -> assets/model.celab"
  build/native/celab train --out assets/model.celab "$@"
}

cmd_bench() {
  cmd_native
  local what="${1:-all}"
  case "$what" in
    loss|all) build/native/celab_bench ;;&
    train|all) [ -x bench/train.sh ] && bench/train.sh ;;
    loss) ;;
    *) die "unknown benchmark '$what' (expected: loss, train, all)" ;;
  esac
}

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

sub="${1:-}"
[ $# -gt 0 ] && shift
case "$sub" in
  deps) cmd_deps ;;
  native) cmd_native ;;
  web) cmd_web ;;
  serve) cmd_serve "$@" ;;
  test) cmd_test ;;
  train) cmd_train "$@" ;;
  bench) cmd_bench "$@" ;;
  ""|-h|--help|help) usage ;;
  *) usage >&2; die "unknown command '$sub'" ;;
esac
