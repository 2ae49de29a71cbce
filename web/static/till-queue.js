// Sends the sales waiting on this phone, oldest first, each under the Idempotency-Key it was
// given when the clerk pressed record: a retry after a lost answer records nothing twice, and
// the same body is sent every time (the server compares it with the first). A sale ends
// recorded (201) or refused (a 4xx with the server's reason); a lost connection or a busy
// server leaves it waiting, tried again when the browser is back online and with a backoff.
import {forgetClerk, keepSale, rememberClerk, salesOf} from './till-store.js';

const MAX_DELAY_SECONDS = 60;
const FINAL = new Set([400, 403, 404, 409, 413, 422]);

class SignedOut extends Error {}
class OtherClerk extends Error {}

export function sender(config, changed) {
  let token = null;
  let clerk = null;  // whose page session the token is
  let sending = null;
  let delay = 0;
  let timer = null;

  // A bearer token of the page session (the POST carries the page's CSRF token), and whose
  // session it is, remembered on the phone; a redirect to the sign-in page or a refused CSRF
  // token means this page's session is over, and the phone forgets its clerk. No answer at
  // all (offline) throws the browser's own error and changes nothing.
  async function freshToken() {
    const response = await fetch(config.token, {
      method: 'POST', credentials: 'same-origin', redirect: 'manual',
      headers: {'X-CSRFToken': config.csrf},
    });
    if (response.type === 'opaqueredirect' || response.status === 400) {
      token = clerk = null;
      await forgetClerk();
      throw new SignedOut();
    }
    if (response.status === 403) throw new SignedOut();  // no longer this outlet's staff
    if (!response.ok) throw new Error(`HTTP ${response.status}`);  // busy or down: later
    ({token, user_id: clerk} = await response.json());
    await rememberClerk(clerk);
    return token;
  }

  // `request` called with a token of the page session; with `wanted`, only if that session
  // is this clerk's (a sale is sent under its own clerk's session, never the next one's).
  async function authorised(request, wanted = null) {
    const check = () => {
      if (wanted && clerk !== wanted) throw new OtherClerk();
      return token;
    };
    if (!token) await freshToken();
    let response = await request(check());
    if (response.status === 401) {
      await freshToken();
      response = await request(check());
    }
    return response;
  }

  // Whose session this page has now, asked of the server (null once it has ended); throws
  // when the server cannot be reached.
  async function signedIn() {
    try {
      await freshToken();
    } catch (error) {
      if (error instanceof SignedOut) return null;
      throw error;
    }
    return clerk;
  }

  function post(sale) {
    return authorised(bearer => fetch(config.sales, {
      method: 'POST', body: sale.body,
      headers: {'Authorization': `Bearer ${bearer}`, 'Content-Type': 'application/json',
                'Idempotency-Key': sale.key},
    }), sale.clerk || null);
  }

  async function refusalOf(response) {
    try {
      return (await response.json()).error;
    } catch (error) {
      return {code: String(response.status), message: response.statusText};
    }
  }

  async function sendWaiting() {
    const waiting = (await salesOf(config.outlet)).filter(sale => sale.state === 'waiting');
    if (waiting.length && !token) await freshToken();
    // On a phone shared by clerks, a sale waits for the clerk who recorded it.
    for (const sale of waiting.filter(sale => (sale.clerk || clerk) === clerk)) {
      const response = await post(sale);
      if (response.status === 201) {
        Object.assign(sale, {state: 'recorded', sale_id: (await response.json()).id});
      } else if (FINAL.has(response.status)) {
        Object.assign(sale, {state: 'refused', refusal: await refusalOf(response)});
      } else {
        throw new Error(`HTTP ${response.status}`);  // busy or down: try again later
      }
      await keepSale(sale);
      changed({sale});
    }
  }

  async function flush() {
    clearTimeout(timer);
    try {
      await sendWaiting();
      delay = 0;
      changed({signedOut: false});
    } catch (error) {
      if (error instanceof SignedOut) changed({signedOut: true});
      delay = Math.min(MAX_DELAY_SECONDS, Math.max(2, delay * 2));
      timer = setTimeout(send, delay * 1000);
      changed({retryIn: delay});
    }
  }

  // One flush at a time; a call during one waits for it and then flushes again.
  function send() {
    sending = (sending || Promise.resolve()).then(flush);
    return sending;
  }

  window.addEventListener('online', () => { delay = 0; send(); });
  return {send, authorised, signedIn};
}
