// A static file server for the built site: what `./build.sh serve` runs and what the browser tests
// load the page from. Serves one directory on 127.0.0.1, with the MIME types the page needs
// (application/wasm lets the browser compile the module while it downloads).
// For the tests, where a browser's driver cannot reach into the network (WebKit's WebDriver
// classic, lib/webkit.mjs), the server does it: answers a path with a given response, puts scripts
// at the start of every HTML page, reports each response's status, and goes away and comes back on
// the same port (a network that is gone).
//
//   node tests/browser/lib/static_server.mjs DIR [PORT]     (PORT 0 or absent: any free port)
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
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
  '.webmanifest': 'application/manifest+json',
  '.otf': 'font/otf',
};

// Starts serving `dir`; resolves to {url, close(), hooks, setOffline(offline)} once listening.
// hooks (the tests' own; reset() clears them): root (a directory served instead of `dir`),
// responses (path -> {status = 200, body, contentType}, served instead of the file), initScripts
// (JavaScript sources put first into every HTML page), onResponse (called with (url, status) for
// every answer).
export function serveDirectory(dir, port = 0) {
  const hooks = {
    root: null, responses: new Map(), initScripts: [], onResponse: null,
    reset() { this.root = null; this.responses.clear(); this.initScripts = []; this.onResponse = null; },
  };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const answer = (status, headers, body) => {
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
      hooks.onResponse?.(`http://${request.headers.host}${request.url}`, status);
    };
    const given = hooks.responses.get(path);
    if (given) {
      const body = Buffer.from(given.body ?? '');
      answer(given.status ?? 200, { 'Content-Type': given.contentType ?? 'application/octet-stream',
        'Content-Length': body.length, 'Cache-Control': 'no-store' }, body);
      return;
    }
    const root = resolve(hooks.root ?? dir);
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
      answer(404, { 'Content-Type': 'text/plain' }, `not found: ${path}\n`);
      return;
    }
    const headers = { 'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size,
      'Cache-Control': 'no-cache' };
    if (extname(file) === '.html' && hooks.initScripts.length > 0) {
      const scripts = hooks.initScripts.map((source) => `<script>${source}</script>`).join('');
      const body = Buffer.from(readFileSync(file, 'utf8').replace(/<head>/i, (head) => head + scripts));
      answer(200, { ...headers, 'Content-Length': body.length }, body);
      return;
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
    hooks.onResponse?.(`http://${request.headers.host}${request.url}`, 200);
  });
  const listen = (at) => new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(at, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise(server.address().port);
    });
  });
  return listen(port).then((actual) => ({
    url: `http://127.0.0.1:${actual}/`,
    hooks,
    // Offline: the port refuses connections and open ones are cut, as when the network is gone;
    // back online: listening on the same port again.
    setOffline: async (offline) => {
      if (offline === !server.listening) return;
      if (offline) {
        const closed = new Promise((done) => server.close(done));
        server.closeAllConnections();
        await closed;
      } else {
        await listen(actual);
      }
    },
    close: () => new Promise((done) => {
      if (!server.listening) return done();
      server.close(done);
      server.closeAllConnections();
    }),
  }));
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
