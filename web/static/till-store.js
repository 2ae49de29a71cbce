// The till's memory on the phone (IndexedDB): each outlet's catalogue with its ETag, and the
// sales recorded here, each with its Idempotency-Key and sold_at, until the server has
// answered them (and the last ones answered, for the clerk to see). A reload loses nothing.
const NAME = 'ocop-till';
const VERSION = 1;
let opened = null;

function database() {
  opened = opened || new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('catalogues', {keyPath: 'outlet'});
      db.createObjectStore('sales', {keyPath: 'key'}).createIndex('outlet', 'outlet');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

// One transaction: `work` gets the store and may return a request whose result is the answer.
async function run(name, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(name, mode);
    const request = work(transaction.objectStore(name));
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const catalogueOf = outlet => run('catalogues', 'readonly', store => store.get(outlet));
export const keepCatalogue = entry => run('catalogues', 'readwrite', store => store.put(entry));
export const keepSale = sale => run('sales', 'readwrite', store => store.put(sale));
export const forgetSale = key => run('sales', 'readwrite', store => store.delete(key));

// The outlet's sales on this phone, oldest first.
export async function salesOf(outlet) {
  const sales = await run('sales', 'readonly', store => store.index('outlet').getAll(outlet));
  return sales.sort((a, b) => a.created - b.created);
}

// Whose page session this phone last saw, as the server said when it gave the till a token.
// Kept in the Cache API, not IndexedDB, so that the service worker (a classic script, which
// cannot import this module) forgets it whenever anyone signs in or out here (till-sw.js):
// a till page kept for a clerk who signed out then records nothing under that clerk's name.
const SESSION = 'ocop-session';  // the name till-sw.js deletes; not an 'ocop-till-' cache
const SESSION_KEY = '/till/signed-in-clerk';  // a key, not an address anyone serves

export async function signedInClerk() {
  if (!('caches' in self)) return null;  // not a secure origin: no offline till either
  const kept = await (await caches.open(SESSION)).match(SESSION_KEY);
  return kept ? (await kept.json()).clerk : null;
}

export async function rememberClerk(clerk) {
  if (!('caches' in self)) return;
  const body = JSON.stringify({clerk});
  await (await caches.open(SESSION)).put(SESSION_KEY, new Response(body));
}

export const forgetClerk = () => ('caches' in self ? caches.delete(SESSION) : Promise.resolve());
