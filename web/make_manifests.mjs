// Writes the page's web app manifests, one per language of the page (the format has one language a
// file): OUT_DIR/manifest.webmanifest (English) and manifest.zh.webmanifest (Chinese); web/index.html
// links the one of the language it shows. Names come from the page's one table of text
// (src/app/text/page_text.json: title.page, page.app.*), colours from the app's palette (theme.h),
// icons are web/make_icons.mjs's.
//
//   node web/make_manifests.mjs THEME_H PAGE_TEXT_JSON OUT_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { hex, readThemeColors, themeColor } from './theme_colors.mjs';

const SCRIPT = 'make_manifests';
const [themePath, textPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error(`${SCRIPT}: usage: node web/make_manifests.mjs THEME_H PAGE_TEXT_JSON OUT_DIR`);
  process.exit(2);
}
const colors = readThemeColors(SCRIPT, themePath);
const background = hex(themeColor(SCRIPT, themePath, colors, 'kPageBackground'));
let rows;
try {
  rows = JSON.parse(readFileSync(textPath, 'utf8'));
} catch (error) {
  console.error(`${SCRIPT}: ${textPath}: ${error.message}`);
  process.exit(2);
}
const table = new Map(rows.map(([key, ...texts]) => [key, texts]));
const text = (key, language) => {
  if (!table.has(key)) {
    console.error(`${SCRIPT}: ${textPath}: no row ${key}`);
    process.exit(2);
  }
  return table.get(key)[language];
};

const LANGUAGES = [['manifest.webmanifest', 'en'], ['manifest.zh.webmanifest', 'zh-CN']];
LANGUAGES.forEach(([file, lang], language) => {
  const manifest = {
    id: './',
    name: text('title.page', language),
    short_name: text('page.app.short_name', language),
    description: text('page.app.description', language),
    lang,
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: background,
    theme_color: background,
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  writeFileSync(join(outDir, file), JSON.stringify(manifest, null, 2) + '\n');
});
