// A static file server for the built site: what `./build.sh serve` runs and what the browser tests
// load the page from. Serves one directory on 127.0.0.1, with the MIME types the page needs
// (application/wasm lets the browser compile the module while it downloads).
//
//   node tests/browser/lib/static_server.mjs DIR [PORT]     (PORT 0 or absent: any free port)
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.data': 'application/octet-stream',
};

// Starts serving `dir`; resolves to {url, close()} once listening.
export function serveDirectory(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    let size = -1;
    if (file === root || file.startsWith(root + sep)) {
      try {
        const stat = statSync(file);
        if (stat.isFile()) size = stat.size;
      } catch {
        // missing: 404 below
      }
    }
    if (size < 0) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end(`not found: ${path}\n`);
      return;
    }
    response.writeHead(200, {
      'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, portText = '0'] = process.argv.slice(2);
  const port = Number(portText);
  if (!dir || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: static_server.mjs DIR [PORT]');
    process.exit(2);
  }
  try {
    statSync(join(dir, 'index.html'));
  } catch {
    console.error(`static_server: ${join(dir, 'index.html')} not found (build the site first)`);
    process.exit(2);
  }
  serveDirectory(dir, port).then(
    ({ url }) => console.log(`Serving ${resolve(dir)} at ${url}  (Ctrl+C stops)`),
    (error) => {
      console.error(`static_server: cannot listen on 127.0.0.1:${port}: ${error.message}`);
      process.exit(2);
    },
  );
}
