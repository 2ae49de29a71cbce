// The till's words: the page hands them over in its language (web/pages/till_texts.py and
// the refusals of web/pages/refusals.py); this fills in their %(name)s values.
const config = JSON.parse(document.getElementById('till').dataset.config);
const money = new Intl.NumberFormat(config.locale, {style: 'currency', currency: 'VND'});
// Days as the pages write them: 24/11/2025 in Vietnamese, 24 Nov 2025 in English.
const english = config.locale !== 'vi-VN';
const days = new Intl.DateTimeFormat(english ? 'en-GB' : 'vi-VN', english
  ? {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'}
  : {day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC'});
const times = new Intl.DateTimeFormat(english ? 'en-GB' : 'vi-VN', english
  ? {dateStyle: 'medium', timeStyle: 'short'}
  : {day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit'});

export {config};
export const vnd = amount => money.format(amount);
export const day = iso => (iso ? days.format(new Date(`${iso}T00:00:00Z`)) : '—');
export const moment = iso => times.format(new Date(iso));

// A value as the page says it: an ISO day in the page's way, a number as is.
function shown(value) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? day(value) : value;
}

export function say(text, params = {}) {
  return text.replace(/%\((\w+)\)s/g, (_, name) => (name in params ? shown(params[name]) : ''));
}

export const text = (key, params) => say(config.texts[key], params);

// A refusal of the API ({code, message, reason?, params?, fields?}) in the page's language,
// and what the clerk can do about it.
export function refusalText(error) {
  const wording = error.reason && config.refusals[error.reason];
  const why = wording ? say(wording, error.params || {})
    : text('not_recorded', {reason: error.message || error.code});
  return {why, advice: config.advice[error.reason] || config.advice[error.code] || config.advice.default};
}

// Case and accents do not matter when searching: "che bup" finds "Chè búp".
export const fold = value => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  .replace(/[đĐ]/g, 'd').toLowerCase();
