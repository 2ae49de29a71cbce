// Camera scanning for the till: the browser's BarcodeDetector where it reads EAN-13, EAN-8
// and QR, else the barcode-detector ponyfill over zxing-wasm that this app serves itself
// (static/vendor, built by `make vendor`), never from a CDN. Also reads what a code says,
// including the GS1 Digital Link QR codes of the labels (product and lot).
const FORMATS = ['ean_13', 'ean_8', 'qr_code'];
const LOOK_EVERY_MS = 250;

async function detector(vendor) {
  if ('BarcodeDetector' in window) {
    const supported = await window.BarcodeDetector.getSupportedFormats();
    if (FORMATS.every(format => supported.includes(format))) {
      return new window.BarcodeDetector({formats: FORMATS});
    }
  }
  const {BarcodeDetector, prepareZXingModule} = await import(`${vendor}ponyfill.js`);
  prepareZXingModule({
    overrides: {locateFile: (path, prefix) => (path.endsWith('.wasm') ? vendor : prefix) + path},
  });
  return new BarcodeDetector({formats: FORMATS});
}

// Show the camera in `video` and call `found` with the first code read; returns `stop`.
export async function scan(video, vendor, found) {
  const reader = await detector(vendor);
  const stream = await navigator.mediaDevices.getUserMedia(
    {video: {facingMode: 'environment'}, audio: false});
  let scanning = true;
  const stop = () => {
    scanning = false;
    stream.getTracks().forEach(track => track.stop());
    video.srcObject = null;
    video.hidden = true;
  };
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const look = async () => {
    if (!scanning) return;
    try {
      const codes = video.readyState >= 2 ? await reader.detect(video) : [];
      if (codes.length && scanning) { stop(); found(codes[0].rawValue); return; }
    } catch (error) { /* a frame not ready yet: the next one */ }
    setTimeout(look, LOOK_EVERY_MS);
  };
  look();
  return stop;
}

// YYMMDD (GS1 application identifier 17) as YYYY-MM-DD; GS1 puts 2000-2049 and 1950-1999.
function gs1Day(text, today = new Date()) {
  // GS1 General Specifications 7.12, as web/digital_link.py from_yymmdd: the century that puts
  // the year within 49 years back and 50 ahead of today; day 00 is the month's last day.
  if (!/^\d{6}$/.test(text || '')) return null;
  const yy = Number(text.slice(0, 2)), month = Number(text.slice(2, 4));
  let day = Number(text.slice(4, 6));
  const now = today.getFullYear();
  let century = now - (now % 100);
  const difference = yy - (now % 100);
  if (difference >= 51) century -= 100;
  else if (difference <= -50) century += 100;
  const year = century + yy;
  if (month < 1 || month > 12) return null;
  if (day === 0) day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = n => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}`;
}

// What a scanned or typed code says: {gtin, lot?, expires_on?} for a barcode or a GS1 Digital
// Link (https://host/01/{gtin14}/10/{lot}?17=YYMMDD), else {text}.
export function readCode(raw) {
  const text = raw.trim();
  if (/^\d{8,14}$/.test(text)) return {gtin: text};
  let url = null;
  try { url = new URL(text); } catch (error) { return {text}; }
  const parts = url.pathname.split('/').map(part => decodeURIComponent(part));
  const at = parts.indexOf('01');
  if (at < 0 || !/^\d{8,14}$/.test(parts[at + 1] || '')) return {text};
  const lotAt = parts.indexOf('10', at + 2);
  return {
    gtin: parts[at + 1],
    lot: lotAt > 0 ? parts[lotAt + 1] || null : null,
    expires_on: gs1Day(url.searchParams.get('17')),
  };
}

// GTINs compared as GTIN-14: an EAN-13 on the box is the 14-digit one of a Digital Link.
export const gtin14 = code => (code || '').padStart(14, '0');
