// The till's service worker (served as /till-sw.js so that its scope is the whole app): it
// keeps the till page and its files so that the till opens without a signal. It answers only
// for a till page and the static files; every other request goes to the network untouched.
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

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (TILL_PAGE.test(url.pathname) || url.pathname.startsWith('/static/')) {
    event.respondWith(networkFirst(request));
  }
});
