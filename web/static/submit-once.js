// A form marked data-submit-once is sent once per page (its key would record a second
// submission once anyway).
document.querySelectorAll('form[data-submit-once]').forEach(form => {
  form.addEventListener('submit', event => {
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = 'yes';
  });
});
