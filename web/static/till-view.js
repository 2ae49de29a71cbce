// Drawing the till: the matches of a search, the lines of the sale and the sales on this
// phone. Built node by node (no HTML strings): names come from the register, typed by people.
import {config, day, moment, refusalText, text, vnd} from './till-words.js';

function node(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick' || name === 'oninput') element.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value);
  }
  element.append(...children.filter(child => child !== null && child !== undefined));
  return element;
}

const stars = n => (n ? ` · ${'★'.repeat(n)}` : '');

// A product's facts that tell it from its namesakes: producer, GTIN, stars, what is left,
// and its expired lots, which are never offered.
function facts(product, left) {
  const parts = [product.producer, product.gtin].filter(Boolean).join(' · ');
  const expired = product.lots.filter(lot => lot.expired)
    .map(lot => text('expired_lot', {lot: lot.lot || '—', day: lot.expires_on}));
  return [
    node('span', {class: 'muted'}, `${parts}${stars(product.stars)} · ${text('in_stock', {n: left})}`),
    ...expired.map(line => node('span', {class: 'error'}, line)),
  ];
}

export function drawMatches(list, found, wanted, left, add) {
  if (wanted && !found.length) {
    list.replaceChildren(node('li', {class: 'muted'}, text('no_match')));
    return;
  }
  list.replaceChildren(...found.map(product => node('li', {},
    node('button', {type: 'button', class: 'pick', 'data-product': product.product_id,
                    disabled: product.sellable <= 0, onclick: () => add(product)},
      node('strong', {}, `${product.name} · ${vnd(product.price_vnd)}`),
      ...facts(product, left(product)),
      product.sellable <= 0 ? node('span', {class: 'error'}, text('all_expired')) : null))));
}

export function drawLines(box, lines, left, changed) {
  box.replaceChildren(...lines.map((line, index) => {
    const available = left(line.product);
    const lot = line.lot;
    return node('div', {class: 'cart-line', 'data-product': line.product.product_id},
      node('div', {class: 'head'}, node('strong', {class: 'name'}, line.product.name),
        node('button', {type: 'button', class: 'remove', 'aria-label': text('remove'),
                        onclick: () => { lines.splice(index, 1); changed(); }}, '✕')),
      lot ? node('p', {class: lot.expired ? 'error' : 'muted'}, lot.expired
        ? text('expired_lot', {lot: lot.lot, day: lot.expires_on})
        : text('lot', {lot: lot.lot, day: lot.expires_on})) : null,
      node('div', {class: 'cells'},
        node('div', {}, node('input', {type: 'number', min: 1, inputmode: 'numeric', class: 'qty',
          value: line.qty, 'aria-label': line.product.name, oninput: event => {
            line.qty = Math.max(1, parseInt(event.target.value || '1', 10) || 1); changed();
          }})),
        node('p', {class: 'subtotal'}, vnd(line.product.price_vnd * line.qty))),
      line.qty > available ? node('p', {class: 'error'}, text('more_than_stock', {n: available})) : null);
  }));
}

function refusal(sale, actions) {
  const {why, advice} = refusalText(sale.refusal || {});
  return [
    node('p', {class: 'error refusal'}, why),
    node('p', {class: 'advice'}, advice),
    node('div', {class: 'till-actions'},
      node('button', {type: 'button', class: 'again', onclick: () => actions.sellAgain(sale)}, text('sell_again')),
      node('button', {type: 'button', class: 'dismiss', onclick: () => actions.dismiss(sale)}, text('dismiss'))),
  ];
}

// The sales on this phone, newest first: waiting to send, recorded, or refused.
export function drawQueue(list, sales, actions) {
  list.replaceChildren(...[...sales].reverse().map(sale => node('li',
    {class: `till-sale ${sale.state}`, 'data-key': sale.key},
    node('div', {class: 'head'},
      node('strong', {class: 'state'}, text(sale.state)),
      node('span', {}, `${moment(sale.sold_at)} · ${vnd(sale.total)}`)),
    node('p', {class: 'muted'}, sale.lines.map(line => `${line.qty} × ${line.name}`).join(', ')),
    ...(sale.state === 'waiting' && sale.clerk && sale.clerk !== config.clerk
      ? [node('p', {class: 'other-clerk'}, text('other_clerk'))] : []),
    ...(sale.state === 'refused' ? refusal(sale, actions) : []),
    sale.state === 'recorded' && sale.sale_id ? receiptLink(sale) : null)));
}

// A recorded sale's receipt (printable; the change from the paid amount recorded with it).
function receiptLink(sale) {
  const address = config.receipt.replace(config.receipt_placeholder, sale.sale_id);
  return node('p', {}, node('a', {class: 'receipt', href: address}, text('receipt')));
}

