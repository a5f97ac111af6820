// The app's palette read from its one place, src/app/ui/theme.h (constexpr ImU32 kName =
// IM_COL32(r, g, b, a)), for the build-time scripts that draw or describe the page outside the app
// (its icons and web app manifests). Any problem ends the script with exit code 2, naming the file.
import { readFileSync } from 'node:fs';

// {kPageBackground: [r, g, b, a], ...}; a colour defined as another (kPredicted = kAccent) resolves to it.
export function readThemeColors(script, path) {
  let source;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    console.error(`${script}: ${path}: cannot read: ${error.message}`);
    process.exit(2);
  }
  const colors = {};
  for (const [, name, r, g, b, a] of source.matchAll(/constexpr ImU32 (k\w+) = IM_COL32\((\w+), (\w+), (\w+), (\w+)\)/g))
    colors[name] = [r, g, b, a].map(Number);
  for (const [, name, other] of source.matchAll(/constexpr ImU32 (k\w+) = (k\w+);/g)) colors[name] = colors[other];
  return colors;
}

// The colour `name` of `colors`, or the script ends naming what is missing.
export function themeColor(script, path, colors, name) {
  if (!colors[name]) {
    console.error(`${script}: ${path}: no colour ${name} (constexpr ImU32 ${name} = IM_COL32(...))`);
    process.exit(2);
  }
  return colors[name];
}

export const hex = ([r, g, b]) => '#' + [r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('');
