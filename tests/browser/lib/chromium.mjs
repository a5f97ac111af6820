// Debian's Chromium and the flags every browser run here uses: WebGL2 through SwiftShader (no GPU
// in CI), no network chatter; see ../shared/toolchain/NOTES.md.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];
