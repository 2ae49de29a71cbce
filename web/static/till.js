// The till: a sale screen that runs in the browser from the catalogue kept on the phone, so
// that it keeps selling without a signal. Record puts the sale in the phone's queue with its
// own Idempotency-Key and the moment it was pressed (sold_at); till-queue.js sends it. The
// phone only predicts stock: the server decides, and a refusal is shown with what to do.
import {
  catalogueOf, forgetSale, keepCatalogue, keepSale, salesOf, signedInClerk,
} from './till-store.js';
import {sender} from './till-queue.js';
import {readCode, scan, gtin14} from './till-scan.js';
import {config, fold, moment, text, vnd} from './till-words.js';
import {drawLines, drawMatches, drawQueue} from './till-view.js';

const $ = id => document.getElementById(id);
const state = {catalogue: null, lines: [], sales: [], stopScan: null};
const queue = sender(config, changed);

// Units of a product this phone still expects to sell: the catalogue's sellable stock less
// what the sales waiting here and the lines of this sale take.
function left(product) {
  const waiting = state.sales.filter(sale => sale.state === 'waiting')
    .flatMap(sale => sale.lines).filter(line => line.product_id === product.product_id)
    .reduce((sum, line) => sum + line.qty, 0);
  return product.sellable - waiting;
}

function total() {
  return state.lines.reduce((sum, line) => sum + line.product.price_vnd * line.qty, 0);
}

function draw() {
  drawLines($('till-lines'), state.lines, left, draw);
  $('till-total').textContent = vnd(total());
  const paid = parseInt($('till-paid').value || '', 10);
  $('till-change').textContent = Number.isNaN(paid) ? '—'
    : paid < total() ? text('paid_short') : vnd(paid - total());
  drawQueue($('till-queue'), state.sales, {dismiss, sellAgain});
}

function notice(message, kind = 'ok') {
  const box = $('till-notice');
  box.textContent = message;
  box.className = `flash ${kind}`;
  box.hidden = !message;
}

function status(extra = '') {
  const kept = state.catalogue;
  const parts = [navigator.onLine ? text('online') : text('offline')];
  parts.push(kept ? text('catalogue_at', {at: moment(kept.fetched)})
    : text('no_catalogue'));
  if (extra) parts.push(extra);
  $('till-status').textContent = parts.join(' · ');
}

function add(product, lot = null) {
  const line = state.lines.find(l => l.product.product_id === product.product_id && l.lot === lot);
  if (line) line.qty += 1; else state.lines.push({product, qty: 1, lot});
  $('till-find').value = '';
  $('till-matches').replaceChildren();
  draw();
}

function find(value, picked) {
  const items = state.catalogue ? state.catalogue.items : [];
  const code = readCode(value);
  if (code.gtin) {
    const product = items.find(p => p.gtin && gtin14(p.gtin) === gtin14(code.gtin));
    const lot = product && code.lot ? lotOf(product, code) : null;
    if (lot && lot.expired) {  // never offered: the server would sell another lot instead
      return notice(text('expired_lot', {lot: lot.lot, day: lot.expires_on}), 'error');
    }
    if (product) { notice(''); return add(product, lot); }
    if (picked) return notice(text('unknown_code', {code: code.gtin}), 'error');
  }
  const wanted = fold(value.trim());
  const found = wanted ? items.filter(p => fold(p.name).includes(wanted)) : [];
  if (picked && found.length === 1 && found[0].sellable > 0) return add(found[0]);
  drawMatches($('till-matches'), found, wanted, left, add);
}

// The lot a GS1 Digital Link names, as the catalogue knows it (its expiry and whether it expired).
function lotOf(product, code) {
  return product.lots.find(lot => lot.lot === code.lot)
    || {lot: code.lot, expires_on: code.expires_on, qty: 0, expired: false};
}

// A sale is queued under this page's clerk only while that clerk is the one signed in on this
// phone: as the server last said, or, when the phone has forgotten (someone signed in or out
// here since), as the server says now. Offline and forgotten: refused, the lines kept.
async function clerkSignedIn() {
  if ((await signedInClerk()) === config.clerk) return true;
  try {
    return (await queue.signedIn()) === config.clerk;
  } catch (error) {
    return false;  // no answer: the phone cannot tell who holds it
  }
}

function refuseSignedOut() {
  notice(text('clerk_signed_out', {name: config.clerk_name}), 'error');
}

async function record() {
  if (!state.lines.length) return;
  if (!(await clerkSignedIn())) return refuseSignedOut();
  // What the customer paid goes with the sale (the receipt shows it and the change); less
  // than the total is refused here as the server would refuse it.
  const paid = parseInt($('till-paid').value || '', 10);
  if (!Number.isNaN(paid) && paid < total()) return notice(text('paid_short'), 'error');
  const soldAt = new Date().toISOString();
  const lines = state.lines.map(line => ({
    product_id: line.product.product_id, qty: line.qty, unit_price_vnd: line.product.price_vnd,
  }));
  const body = Number.isNaN(paid) ? {lines, sold_at: soldAt} : {lines, sold_at: soldAt, paid_vnd: paid};
  const sale = {
    key: newKey(), outlet: config.outlet, clerk: config.clerk, created: Date.now(), sold_at: soldAt, state: 'waiting',
    body: JSON.stringify(body), total: total(),
    lines: state.lines.map((line, n) => ({...lines[n], name: line.product.name})),
  };
  await keepSale(sale);
  state.lines = [];
  $('till-paid').value = '';
  state.sales = await salesOf(config.outlet);
  draw();
  notice(text('sending'));
  await queue.send();
}

// An Idempotency-Key made on the phone: a random UUID (crypto.randomUUID needs HTTPS).
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function changed(news) {
  state.sales = await salesOf(config.outlet);
  const sale = news.sale;
  if (sale && sale.state === 'recorded') { notice(text('sale_recorded')); refreshCatalogue(); }
  if (sale && sale.state === 'refused') notice('');  // the sale itself says why, below
  if (news.signedOut) notice(text('sign_in_again'), 'error');
  else if (news.retryIn && state.sales.some(s => s.state === 'waiting')) {
    notice(text('sale_queued'), 'stale');
    status(text('retry_in', {n: news.retryIn}));
  } else status();
  draw();
}

async function dismiss(sale) {
  await forgetSale(sale.key);
  changed({});
}

// A refused sale's lines back on the screen, to be corrected and recorded as a new sale.
async function sellAgain(sale) {
  const items = state.catalogue ? state.catalogue.items : [];
  state.lines = sale.lines.map(line => ({
    product: items.find(p => p.product_id === line.product_id)
      || {product_id: line.product_id, name: line.name, price_vnd: line.unit_price_vnd,
          sellable: 0, lots: []},
    qty: line.qty, lot: null,
  }));
  await dismiss(sale);
}

async function refreshCatalogue() {
  const kept = state.catalogue;
  try {
    const response = await queue.authorised(token => fetch(config.catalogue, {headers: {
      'Authorization': `Bearer ${token}`, ...(kept && kept.etag ? {'If-None-Match': kept.etag} : {}),
    }}));
    if (response.status === 304) state.catalogue = {...kept, fetched: Date.now()};
    else if (response.ok) {
      const items = (await response.json()).items;
      state.catalogue = {outlet: config.outlet, etag: response.headers.get('ETag'), fetched: Date.now(), items};
    } else return;
    await keepCatalogue(state.catalogue);
  } catch (error) { /* offline: the kept catalogue serves */ }
  status();
}

function scanning(stop) {
  state.stopScan = stop;
  $('till-scan').textContent = text(stop ? 'stop_scan' : 'scan');
}

async function toggleScan() {
  if (state.stopScan) { state.stopScan(); scanning(null); return; }
  try {
    scanning(await scan($('till-camera'), config.vendor, code => {
      scanning(null);
      find(code, true);
    }));
  } catch (error) {
    notice(text('no_camera', {why: error.message || error.name}), 'error');
  }
}

async function start() {
  $('till-find').addEventListener('input', event => find(event.target.value, false));
  $('till-find').addEventListener('keydown', event => {
    if (event.key === 'Enter') { event.preventDefault(); find(event.target.value, true); }
  });
  $('till-paid').addEventListener('input', draw);
  $('till-record').addEventListener('click', record);
  $('till-scan').addEventListener('click', toggleScan);
  window.addEventListener('online', () => { status(); refreshCatalogue(); });
  window.addEventListener('offline', () => status());
  state.catalogue = (await catalogueOf(config.outlet)) || null;
  state.sales = await salesOf(config.outlet);
  status();
  draw();
  if ('serviceWorker' in navigator) {
    // The first visit loads the page before the worker runs: it is asked to keep the page.
    navigator.serviceWorker.register(config.worker, {scope: '/'});
    navigator.serviceWorker.ready.then(ready => ready.active.postMessage({keep: location.pathname}));
  }
  await refreshCatalogue();
  if ((await signedInClerk()) !== config.clerk) refuseSignedOut();
  queue.send();
}

start();
