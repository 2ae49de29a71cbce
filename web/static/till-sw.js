// The till's service worker (served as /till-sw.js so that its scope is the whole app): it
// keeps the till page and its files so that the till opens without a signal. It answers only
// for a till page and the static files; every other request goes to the network untouched
// (signing in or out also drops the till pages kept, see forgetTheClerk).
// The catalogue and the sales waiting to send live in IndexedDB (static/till-store.js).
const CACHE = 'ocop-till-v1';  // a new version drops the files the old one kept
const FILES = [
  '/static/ocop.css', '/static/till.css', '/static/till.js', '/static/till-store.js',
  '/static/till-queue.js', '/static/till-scan.js', '/static/till-view.js',
  '/static/till-words.js', '/static/favicon.svg',
];
// Built by `make vendor`; kept when present (the till sells without them, only not by camera).
const VENDOR = [
  '/static/vendor/barcode-detector/ponyfill.js',
  '/static/vendor/barcode-detector/zxing-exported.js',
  '/static/vendor/barcode-detector/zxing_reader.wasm',
];
const TILL_PAGE = /^\/counter\/[0-9a-f-]{36}\/till$/;
// Whose session the phone last saw (kept by till-store.js; its name does not start with
// 'ocop-till-', so a new version of this worker keeps it).
const SESSION = 'ocop-session';
const SIGNING = new Set(['/sign-in', '/sign-out']);

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => Promise.all([
    cache.addAll(FILES),
    ...VENDOR.map(file => cache.add(file).catch(() => null)),
  ])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key.startsWith('ocop-till-') && key !== CACHE)
      .map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

// The network's answer, kept for next time; the kept one when the network fails. A redirect
// (to the sign-in page) or an error is not kept: the till shown offline stays the last good one.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request, {ignoreSearch: true, ignoreVary: true});
    if (kept) return kept;
    throw error;
  }
}

// A till page opened before this worker took over asks to be kept (see till.js).
self.addEventListener('message', event => {
  const path = event.data && event.data.keep;
  if (typeof path === 'string' && TILL_PAGE.test(path)) {
    event.waitUntil(caches.open(CACHE).then(cache => cache.add(path)).catch(() => null));
  }
});

// Someone signs in or out on this phone: the till pages kept are the last clerk's (their
// words, their CSRF token, their name on each sale), so they go, and so does whose session the
// phone saw. Offline, no till opens until a clerk signs in and opens it online; a till page
// still open refuses to queue a sale (till.js). The waiting sales stay, each with its clerk.
async function forgetTheClerk() {
  const cache = await caches.open(CACHE);
  const pages = (await cache.keys()).filter(kept => TILL_PAGE.test(new URL(kept.url).pathname));
  await Promise.all([caches.delete(SESSION), ...pages.map(kept => cache.delete(kept))]);
}

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && SIGNING.has(url.pathname)) {
    event.waitUntil(forgetTheClerk());  // the request itself goes to the network untouched
    return;
  }
  if (request.method !== 'GET') return;
  if (TILL_PAGE.test(url.pathname) || url.pathname.startsWith('/static/')) {
    event.respondWith(networkFirst(request));
  }
});
