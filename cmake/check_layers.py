#!/usr/bin/env python3
"""The layers' arrows, checked over every #include under src/: a folder may include only itself and the
folders below it, so a lower folder never reaches up. Run by every build (CMakeLists.txt) and by ctest.

    python3 cmake/check_layers.py SRC_DIR

Prints one line a wrong include (file:line, what it includes, what the file's folder may include) and
exits 1; prints nothing and exits 0 when every arrow points down.
"""
import pathlib
import re
import sys

# Bottom to top: each folder may include the folders before it in its list.
STACK = ['nn', 'data', 'app/core', 'app/ui', 'app/cards', 'app/page', 'app/platform', 'app/web']
ALLOWED = {folder: STACK[:i + 1] for i, folder in enumerate(STACK)}
# Beside the stack: the training worker (no UI) and the CLI (never the app).
ALLOWED['app/worker'] = ['nn', 'data', 'app/core', 'app/worker']
ALLOWED['cli'] = ['nn', 'data', 'cli']
FOLDERS = sorted(ALLOWED, key=len, reverse=True)  # app/core before app
# What the folders without UI must never include: the UI toolkit, windows, GL, the browser.
NO_UI = ('nn', 'data', 'app/core')
UI_HEADER = re.compile(r'(imgui|SDL|GL/|GLES|emscripten)', re.IGNORECASE)

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def folder_of(path):
    """The layer folder `path` (relative to src/, or an include path) belongs to, or None."""
    for folder in FOLDERS:
        if path.startswith(folder + '/'):
            return folder
    return None


def check(src):
    wrong = []
    for file in sorted(src.rglob('*')):
        if file.suffix not in ('.h', '.cpp'):
            continue
        rel = file.relative_to(src).as_posix()
        here = folder_of(rel)
        if here is None:
            continue
        for number, line in enumerate(file.read_text(encoding='utf-8').splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quote, target = m.groups()
            there = folder_of(target) if quote == '"' else None
            if there is not None and there not in ALLOWED[here]:
                wrong.append(f'src/{rel}:{number}: includes "{target}" ({there}), but src/{here} may include only '
                             f'{", ".join("src/" + f for f in ALLOWED[here])}')
            elif here in NO_UI and UI_HEADER.match(target):
                wrong.append(f'src/{rel}:{number}: includes {quote}{target}: src/{here} has no UI, GL or browser code')
    return wrong


def main():
    if len(sys.argv) != 2:
        print('usage: check_layers.py SRC_DIR', file=sys.stderr)
        return 2
    src = pathlib.Path(sys.argv[1])
    if not src.is_dir():
        print(f'check_layers.py: {src} is not a directory', file=sys.stderr)
        return 2
    wrong = check(src)
    for line in wrong:
        print(line, file=sys.stderr)
    if wrong:
        print(f'check_layers.py: {len(wrong)} include(s) against the layers (bottom to top: '
              f'{" < ".join(STACK)})', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
