// The page's service worker (site/sw.js, written from this file by web/make_service_worker.mjs):
// the page opens and predicts without a network once it has been opened with one.
//
// - Install: every start-up file of this build goes into a cache named after the build
//   (celab-VERSION, VERSION a hash of all the site's files), so one cache never mixes two builds.
// - Fetch: network first, the cache when the network fails. Online, a new build is what the browser
//   gets (its files, like today); this build's cache never shadows it. Offline, the page and every
//   start-up file come from the cache, and the training digits and worker (train/) too once the
//   training card has fetched them (they are kept as they arrive).
// - Update: a new build has another sw.js (its VERSION differs), which the browser finds on the next
//   load; it installs at once (skipWaiting), takes over the open pages and deletes the caches of
//   older builds. An open page keeps working: it has all it runs in memory and fetches what it adds
//   later (the Chinese font, train/) from the network, as it did before there was a worker.
const VERSION = '@VERSION@';
// Paths relative to the worker's folder ('' is the page itself).
const START_UP = '@START_UP@';
const ON_DEMAND_FOLDER = 'train/';

const CACHE_PREFIX = 'celab-';
const CACHE = CACHE_PREFIX + VERSION;
const scope = self.registration.scope;
const SITE_FILES = new Set(START_UP.map((path) => new URL(path, scope).href));

self.addEventListener('install', (event) => {
  // {cache: 'reload'}: past the browser's HTTP cache, so an older copy of a file never slips in.
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(START_UP.map((path) => new Request(new URL(path, scope), { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

// What of the site is kept as it arrives: the on-demand files (start-up files are kept at install).
function keptOnArrival(url) {
  return url.startsWith(scope + ON_DEMAND_FOLDER) && !url.includes('?');
}

function fromCache(request) {
  // The page is the page whatever its address says after the path (#s=... share links, ?...).
  const key = request.mode === 'navigate' ? scope : request;
  return caches.open(CACHE).then((cache) => cache.match(key, { ignoreSearch: request.mode === 'navigate' }));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = request.url.split('#')[0];
  const ours = request.mode === 'navigate' ? url.startsWith(scope) : SITE_FILES.has(url) || keptOnArrival(url);
  if (!ours) return;  // not the site's: the browser fetches it as if there were no worker
  event.respondWith(fetch(request).then((response) => {
    if (response.status === 200 && keptOnArrival(url)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => {}));
    }
    return response;
  }, (networkError) => fromCache(request).then((cached) => {
    if (cached) return cached;
    // Never fetched while online: the page's fetch fails as it would without a worker.
    throw networkError;
  })));
});
