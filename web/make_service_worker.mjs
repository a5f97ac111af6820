// Writes the site's service worker (SITE/sw.js) from web/service_worker.js: the build's version (a hash of
// every file of the site and of the worker's own source, so any change of any file makes a new
// version) and the start-up files it keeps at install (every file of the site but the worker itself
// and the on-demand folder train/, which is kept when the page fetches it). Run by cmake/offline.cmake
// after everything else is in the site; rewrites sw.js only when it changes.
//
//   node web/make_service_worker.mjs TEMPLATE SITE_DIR
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const WORKER = 'sw.js';
const ON_DEMAND_FOLDER = 'train';

function fail(message) {
  console.error(`make_service_worker: ${message}`);
  process.exit(2);
}

const [template, site] = process.argv.slice(2);
if (!site) fail('usage: node web/make_service_worker.mjs TEMPLATE SITE_DIR');
let source;
try {
  source = readFileSync(template, 'utf8');
} catch (error) {
  fail(`${template}: cannot read: ${error.message}`);
}
if (!existsSync(join(site, 'index.html'))) fail(`${join(site, 'index.html')} not found: the site is not built`);

// Every file under `dir`, as paths relative to the site with '/' (sorted: the hash does not depend
// on the order the file system lists them in).
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [relative(site, path).split(sep).join('/')];
  }).sort();
}

const files = filesUnder(site).filter((path) => path !== WORKER);
const hash = createHash('sha256').update(source);
for (const path of files) {
  const bytes = readFileSync(join(site, path));
  hash.update(`${path}\0${bytes.length}\0`).update(bytes);
}
const version = hash.digest('hex').slice(0, 16);
// '' is the page at the folder's address; index.html is the same page by its name.
const startUp = ['', ...files.filter((path) => !path.startsWith(`${ON_DEMAND_FOLDER}/`))];

for (const placeholder of ["'@VERSION@'", "'@START_UP@'"]) {
  if (!source.includes(placeholder)) fail(`${template} has no ${placeholder}`);
}
const worker = source.replace("'@VERSION@'", JSON.stringify(version)).replace("'@START_UP@'", JSON.stringify(startUp));
const out = join(site, WORKER);
if (!existsSync(out) || readFileSync(out, 'utf8') !== worker) writeFileSync(out, worker);
console.log(`make_service_worker: ${out}, version ${version}, ${startUp.length} start-up files`);
