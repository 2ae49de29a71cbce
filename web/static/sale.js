// The sale screen: the total in VND as quantities change (the server shows the same total
// without scripts), and one submit per page, though the form's key would record a second
// one once anyway. A file, not an inline script: the Content-Security-Policy runs no inline code.
(function () {
  const form = document.getElementById('sale');
  if (!form) return;
  const format = new Intl.NumberFormat(form.dataset.locale || 'vi-VN', {style: 'currency', currency: 'VND'});
  function total() {
    let sum = 0;
    form.querySelectorAll('.cart-line').forEach(line => {
      const qty = parseInt(line.querySelector('.qty').value || '0', 10);
      if (qty > 0) sum += Number(line.dataset.price) * qty;
    });
    document.getElementById('total').textContent = format.format(sum);
  }
  form.addEventListener('input', total);
  form.addEventListener('submit', event => {
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = 'yes';
  });
})();
