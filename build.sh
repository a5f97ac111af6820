#!/usr/bin/env bash
# Cross-Entropy Lab: one entry point for everything.
#   ./build.sh deps            install what is missing (Debian packages, npm, source packages, SDL2 for wasm)
#   ./build.sh native          native CLI, tests, benchmarks  -> build/native/
#   ./build.sh web             the static site                -> build/site/
#   ./build.sh serve [PORT]    build if needed and serve build/site on 127.0.0.1 (default 8080)
#   ./build.sh test [PART...]  native tests (ctest), again under ASan + UBSan, the browser tests (Chromium, Firefox, WebKit),
#                              then a short run of every documented command the tests do not cover (docs/testing.md);
#                              PARTs pick some: native, sanitize, browser, commands
#   ./build.sh train [ARGS]    train the shipped model (assets/model.celab) with `celab train`
#   ./build.sh bench [WHAT]    benchmarks under bench/: loss, native (all Google Benchmarks), train (vs PyTorch), page (budgets in Chromium),
#                              train-web (the page's training vs native and TensorFlow.js), all; arguments after WHAT go to
#                              its program (native: celab_bench's --benchmark_*, train: --limit N, page: --loads/--updates N,
#                              train-web: --seconds N --tfjs-seconds N)
#   ./build.sh sanitize        native unit and CLI tests under ASan + UBSan   -> build/sanitize/
#   ./build.sh fuzz [SECONDS]  each libFuzzer target for SECONDS (default 60) -> build/fuzz/
#   ./build.sh soak [SECONDS]  random use of the page in Chromium for SECONDS (default 600), memory sampled
# Every subcommand runs `deps` first, so each one works alone on a fresh Debian 12 machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

JOBS="${JOBS:-$(nproc)}"
DEPS="$ROOT/.deps"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/celab"
IMGUI_VERSION="1.86+ds-1"
SDL_VERSION="2.26.5+dfsg-1"
IMGUI_DIR="$DEPS/imgui-1.86+ds"         # where `apt-get source` unpacks them
SDL_SOURCE_DIR="$DEPS/libsdl2-2.26.5+dfsg"
SDL_PREFIX=""  # set by cmd_deps once emscripten is installed: the cache is keyed by its version
# Debian's node modules (acorn, ...) for emscripten's JS optimizer; see ../shared/toolchain/NOTES.md.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

DEB_PACKAGES=(
  ca-certificates git cmake ninja-build g++ pkg-config dpkg-dev python3
  libeigen3-dev libsdl2-dev libgtest-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev libstb-dev
  emscripten chromium fonts-roboto-unhinted python3-fonttools
  firefox-esr xvfb xauth fonts-noto-cjk
  webkit2gtk-driver xsettingsd
)

# Prints the packages among "$@" that are not installed (one dpkg-query for all: this runs on every command).
missing_debs() {
  local installed
  installed=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' "$@" 2>/dev/null | awk '$1 == "installed" {print $2}')
  local p
  for p in "$@"; do
    grep -qxF "$p" <<<"$installed" || echo "$p"
  done
}

install_debs() {
  local missing
  missing=$(missing_debs "$@")
  [ -z "$missing" ] && return 0
  say "installing Debian packages: $(echo $missing)"
  as_root apt-get update -qq
  # unsafe-io: dpkg skips an fsync per file, minutes on a fresh machine (emscripten is ~20k files).
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-unsafe-io $missing >/dev/null
}

deps_debian() {
  local extra=()
  command -v node >/dev/null 2>&1 || extra+=(nodejs)
  command -v npm >/dev/null 2>&1 || extra+=(npm)
  install_debs "${DEB_PACKAGES[@]}" "${extra[@]}"
}

# True when every package pinned in package-lock.json is installed at its pinned version. Compares
# contents, not timestamps: a fresh checkout is newer than its node_modules, which is still right.
npm_up_to_date() {
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [path, pkg] of Object.entries(lock.packages || {})) {
      if (!path) continue;
      let got;
      try { got = JSON.parse(fs.readFileSync(path + "/package.json", "utf8")).version; } catch { process.exit(1); }
      if (got !== pkg.version) process.exit(1);
    }' 2>/dev/null
}

deps_npm() {
  npm_up_to_date && return 0
  # `npm ci` deletes node_modules first: through a symlink (a worktree sharing another checkout's
  # packages) that would empty the other checkout's node_modules. Leave that to its owner.
  if [ -L node_modules ]; then
    die "node_modules is a symlink to $(readlink node_modules), whose packages differ from package-lock.json: run 'npm ci' there (or remove the link)"
  fi
  say "installing npm packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
}

# Debian source packages of imgui and libsdl2 into .deps/, with an apt config of our own: one deb-src
# stanza copied from the system's sources, and lists and caches under .deps/apt (the system's apt files
# and caches are not touched).
deps_sources() {
  [ -f "$IMGUI_DIR/imgui.cpp" ] && [ -f "$SDL_SOURCE_DIR/CMakeLists.txt" ] && return 0
  say "fetching Debian source packages imgui $IMGUI_VERSION and libsdl2 $SDL_VERSION"
  local apt="$DEPS/apt"
  rm -rf "$apt" && mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial"
  local src
  src=$(ls /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 || true)
  if [ -n "$src" ]; then
    # First stanza of the system's deb822 file (the main archive), as a deb-src stanza.
    awk 'BEGIN{RS=""; ORS="\n\n"} NR==1' "$src" | sed 's/^Types:.*/Types: deb-src/' > "$apt/parts/celab.sources"
  elif [ -f /etc/apt/sources.list ]; then
    grep -E '^deb ' /etc/apt/sources.list | head -n1 | sed 's/^deb /deb-src /' > "$apt/parts/celab.list"
  fi
  [ -s "$apt/parts/celab.sources" ] || [ -s "$apt/parts/celab.list" ] \
    || die "no Debian archive found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  local O=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/parts"
           -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Debug::NoLocking=1)
  # As root, apt would hand downloads to the _apt user, who cannot write into this clone.
  [ "$(id -u)" = 0 ] && O+=(-o APT::Sandbox::User=root)
  apt-get "${O[@]}" update -qq
  (cd "$DEPS" && apt-get "${O[@]}" source -qq "imgui=$IMGUI_VERSION" "libsdl2=$SDL_VERSION" >/dev/null)
  [ -f "$IMGUI_DIR/imgui.cpp" ] || die "imgui source not found in $IMGUI_DIR after apt-get source"
  [ -f "$SDL_SOURCE_DIR/CMakeLists.txt" ] || die "libsdl2 source not found in $SDL_SOURCE_DIR after apt-get source"
}

# SDL2 for WebAssembly with SDL's own CMake, installed once into a prefix outside the clone (its
# configure takes minutes) and shared by every clone; a lock keeps two builds from racing.
deps_sdl_wasm() {
  [ -f "$SDL_PREFIX/lib/libSDL2.a" ] && return 0
  mkdir -p "$CACHE"
  exec 9>"$CACHE/sdl2.lock"
  flock 9
  if [ ! -f "$SDL_PREFIX/lib/libSDL2.a" ]; then
    say "building SDL2 $SDL_VERSION for WebAssembly into $SDL_PREFIX (once; takes a few minutes)"
    local b="$CACHE/sdl2-wasm-build.$$" tmp="$SDL_PREFIX.tmp.$$"
    rm -rf "$b" "$tmp" && mkdir -p "$b"
    (cd "$b" && emcmake cmake "$SDL_SOURCE_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$tmp" -DSDL_SHARED=OFF -DSDL_STATIC=ON \
        -DSDL_TEST=OFF -DSDL_TESTS=OFF >"$b/configure.log" 2>&1 \
      && cmake --build . -j "$JOBS" >"$b/build.log" 2>&1 && cmake --install . >/dev/null) \
      || die "SDL2 wasm build failed; logs in $b"
    rm -rf "$SDL_PREFIX" && mv "$tmp" "$SDL_PREFIX" && rm -rf "$b"
  fi
  flock -u 9
}

cmd_deps() {
  deps_debian
  SDL_PREFIX="$CACHE/sdl2-${SDL_VERSION}-emscripten-$(cat /usr/share/emscripten/emscripten-version.txt)"
  deps_npm
  deps_sources
  deps_sdl_wasm
}

# configure DIR COMMAND...: runs the CMake configure COMMAND for build dir DIR unless DIR was already
# configured with exactly this command (later CMakeLists changes re-run it from `cmake --build`).
configure() {
  local dir="$1"; shift
  local stamp="$dir/.celab-configured-with"
  if [ -f "$dir/CMakeCache.txt" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$*" ]; then
    return 0
  fi
  "$@" >/dev/null
  printf '%s' "$*" > "$stamp"
}

cmd_native() {
  cmd_deps
  say "native build -> build/native"
  configure build/native cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build build/native -j "$JOBS"
}

cmd_web() {
  cmd_deps
  say "web build -> build/site"
  configure build/web emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCELAB_IMGUI_DIR="$IMGUI_DIR" -DCELAB_SDL_PREFIX="$SDL_PREFIX" -DCELAB_SITE_DIR="$ROOT/build/site"
  cmake --build build/web -j "$JOBS"
}

cmd_serve() {
  local port="${1:-8080}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "port '$port' is not a number in [1, 65535]"
  cmd_web
  exec node tests/browser/lib/static_server.mjs build/site "$port"
}

TEST_PARTS=(native sanitize browser commands)

cmd_test() {
  local parts=("$@") part
  [ $# -gt 0 ] || parts=("${TEST_PARTS[@]}")
  for part in "${parts[@]}"; do
    [[ " ${TEST_PARTS[*]} " == *" $part "* ]] || die "unknown test part '$part' (expected: ${TEST_PARTS[*]})"
  done
  cmd_native
  cmd_web
  deps_torch  # the "PyTorch code" tests run the page's programs in real PyTorch
  # Every part runs even when an earlier one fails, so one run reports everything.
  local failed=()
  for part in "${parts[@]}"; do
    case "$part" in
      native)
        say "native unit tests (ctest)"
        (cd build/native && ctest --output-on-failure -j "$JOBS") || failed+=("native unit tests") ;;
      sanitize)
        say "native tests under AddressSanitizer + UndefinedBehaviorSanitizer"
        deps_clang
        JOBS="$JOBS" tests/sanitize.sh || failed+=("sanitizer tests") ;;
      browser)
        say "browser tests (Chromium headless, Firefox and WebKit under Xvfb)"
        node tests/browser/run.mjs || failed+=("browser tests") ;;
      commands)
        say "documented commands, short versions"
        test_documented_commands || failed+=("documented commands") ;;
    esac
  done
  [ ${#failed[@]} -eq 0 ] || { printf 'build.sh test: failed: %s\n' "${failed[*]}" >&2; exit 1; }
}

# Each command the README and docs/ document that the steps of `test` before it do not run, in a
# short version, so that none breaks unnoticed (`./build.sh soak` failed at its first action once,
# and nothing noticed: no check ran it). The CLI's `loss` and `check-golden` run in ctest (tests/cli/), `sanitize`,
# `native`, `web` and the browser tests in `test` itself; `./build.sh train` is left out (it rewrites
# assets/model.celab): `celab train` stands for it. Each command is timed; its output goes to
# build/test-artifacts/commands/NAME.log, shown when it fails. Measured on 2 cores shared with five
# other builds (load 19-27): 1301 s, 972 s of it building the fuzz target from scratch (build/fuzz/
# is kept, so a second run skips that), the other commands 329 s.
test_documented_commands() {
  local logs="$ROOT/build/test-artifacts/commands" tmp failed=() started=$SECONDS
  rm -rf "$logs" && mkdir -p "$logs"
  tmp=$(mktemp -d)
  # short NAME COMMAND...: runs COMMAND from the clone's root, reports ok or FAILED with its time.
  short() {
    local name="$1" start=$SECONDS log
    shift
    log="$logs/${name//[^A-Za-z0-9_.-]/_}.log"
    if (cd "$ROOT" && "$@") >"$log" 2>&1; then
      printf '  %-36s ok      %4d s\n' "$name" $((SECONDS - start)) >&2
    else
      printf '  %-36s FAILED  %4d s  (%s), its last lines:\n' "$name" $((SECONDS - start)) "$log" >&2
      tail -n 15 "$log" | sed 's/^/      /' >&2
      failed+=("$name")
    fi
  }
  local celab=build/native/celab
  short "celab eval" "$celab" eval --threads "$JOBS"
  short "celab predict --strokes" "$celab" predict --strokes tests/drawings/own_digits.jsonl
  short "celab eval-strokes" "$celab" eval-strokes tests/drawings/own_digits.jsonl
  short "celab train (1 epoch, 640 images)" "$celab" train --epochs 1 --limit 640 --threads "$JOBS" --out "$tmp/model.celab"
  # What makes `./build.sh train` reproduce assets/model.celab on any machine's core count.
  short "celab train: 1 thread = 2 threads" same_model_on_1_and_2_threads "$celab" "$tmp"
  short "serve answers a request" serve_answers
  short "soak 30 s" ./build.sh soak 30
  short "fuzz fuzz_idx 5 s" env FUZZ_TARGETS=fuzz_idx ./build.sh fuzz 5
  short "bench loss" ./build.sh bench loss --benchmark_min_time=0.01
  short "bench native (a filter)" ./build.sh bench native --benchmark_min_time=0.01 --benchmark_filter='Model|Step/conv2'
  short "bench train --limit 640" ./build.sh bench train --limit 640
  short "bench page (2 loads, 10 updates)" ./build.sh bench page --loads 2 --updates 10
  short "bench train-web (5 s each)" ./build.sh bench train-web --seconds 5 --tfjs-seconds 5
  short "idle cpu (3 engines, 1 s each)" node bench/idle_cpu.mjs --browser all --seconds 1
  rm -rf "$tmp"
  say "documented commands: $((SECONDS - started)) s"
  [ ${#failed[@]} -eq 0 ] || { printf 'documented commands that failed: %s\n' "$(IFS=,; echo "${failed[*]}")" >&2; return 1; }
}

# `./build.sh serve PORT` started in the background on a free port, index.html fetched from it, the
# server stopped (its process alone: `serve` execs the server, so the job's pid is the server's).
serve_answers() {
  local port pid status=0
  port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  ./build.sh serve "$port" &
  pid=$!
  node -e '
    const url = process.argv[1], deadline = Date.now() + 120000;
    (async () => {
      for (;;) {
        try {
          const r = await fetch(url);
          const body = await r.text();
          if (r.status !== 200 || !body.includes("<canvas")) throw new Error(`HTTP ${r.status}, ${body.length} bytes without a <canvas>`);
          console.log(`${url}: HTTP 200, ${body.length} bytes`);
          return;
        } catch (e) {
          if (Date.now() > deadline) { console.error(`${url} did not answer within 120 s: ${e.message}`); process.exit(1); }
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    })();' "http://127.0.0.1:$port/index.html" || status=$?
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return "$status"
}

# clang and its sanitizer runtimes: the sanitizer and fuzz builds use them.
deps_clang() { install_debs clang-14 libclang-rt-14-dev; }

cmd_sanitize() {
  cmd_deps
  deps_clang
  deps_torch
  say "native tests under AddressSanitizer + UndefinedBehaviorSanitizer -> build/sanitize"
  JOBS="$JOBS" tests/sanitize.sh
}

cmd_fuzz() {
  cmd_deps
  deps_clang
  say "libFuzzer targets -> build/fuzz"
  JOBS="$JOBS" tests/fuzz/run.sh "$@"
}

# Not part of `test`: ten minutes of a long session in the browser, watching memory (tests/soak/).
cmd_soak() {
  cmd_web
  say "soak test: random use of the page in headless Chromium"
  node tests/soak/soak.mjs --seconds "${1:-600}"
}

cmd_train() {
  cmd_native
  say "training the shipped model -> assets/model.celab (celab train's defaults: the same bytes on any thread count)"
  build/native/celab train --threads "$JOBS" --out assets/model.celab "$@"
}

# PyTorch is the benchmarks' baseline, the golden files' generator and what the tests run the page's
# "PyTorch code" programs in; never a runtime need.
deps_torch() { install_debs python3-torch; }

# `celab train` writes the same bytes with 1 and with 2 threads (1 epoch of 640 images, augmented).
same_model_on_1_and_2_threads() {
  local celab="$1" dir="$2" t
  for t in 1 2; do "$celab" train --epochs 1 --limit 640 --threads $t --no-eval --out "$dir/threads$t.celab" >/dev/null; done
  cmp "$dir/threads1.celab" "$dir/threads2.celab" && md5sum "$dir/threads1.celab" "$dir/threads2.celab"
}

# The page's budgets, with the ONNX export of the shipped model for the forward-pass comparison.
bench_page() {
  deps_torch
  /usr/bin/python3 bench/export_onnx.py --out build/bench/model.onnx
  node bench/page_budget.mjs "$@"
}

cmd_bench() {
  local what="${1:-all}"
  case "$what" in
    loss|native|train|page|train-web|all) ;;
    *) die "unknown benchmark '$what' (expected: loss, native, train, page, train-web, all)" ;;
  esac
  if [ "$what" != page ]; then cmd_native; fi
  case "$what" in
    loss) build/native/celab_bench --benchmark_filter='CrossEntropy|Copy' "${@:2}" ;;
    native) build/native/celab_bench "${@:2}" ;;
    train) deps_torch && bench/train.sh "${@:2}" ;;
    page) cmd_web && bench_page "${@:2}" ;;
    train-web) cmd_web && node bench/train_web.mjs "${@:2}" ;;
    all) build/native/celab_bench && deps_torch && bench/train.sh && cmd_web && bench_page && node bench/train_web.mjs ;;
  esac
}

# The comment block at the top of this file, up to its last command line.
usage() { sed -n '2,/^# Every subcommand/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

sub="${1:-}"
[ $# -gt 0 ] && shift
case "$sub" in
  deps) cmd_deps ;;
  native) cmd_native ;;
  web) cmd_web ;;
  serve) cmd_serve "$@" ;;
  test) cmd_test "$@" ;;
  train) cmd_train "$@" ;;
  bench) cmd_bench "$@" ;;
  sanitize) cmd_sanitize ;;
  fuzz) cmd_fuzz "$@" ;;
  soak) cmd_soak "$@" ;;
  ""|-h|--help|help) usage ;;
  *) usage >&2; die "unknown command '$sub'" ;;
esac
