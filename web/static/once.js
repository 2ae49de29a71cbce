// A recording form's button is disabled once pressed; its hidden key makes a resubmission
// record once anyway.
document.querySelectorAll('form[method=post]').forEach(form => form.addEventListener('submit', () => {
  form.querySelectorAll('button.once').forEach(button => { button.disabled = true; });
}));
// A recording form marked data-key-in-address puts its key in the page's address: the back
// button after recording leads to the same form with the same key, so sending it again says
// "recorded before" instead of recording twice; a reload never resends a form either.
document.querySelectorAll('form[data-key-in-address]').forEach(form => {
  const key = form.querySelector('input[name=idempotency_key]');
  const address = new URL(location.href);
  if (!key || address.searchParams.get('idempotency_key') === key.value) return;
  address.searchParams.set('idempotency_key', key.value);
  history.replaceState(history.state, '', address);
});
