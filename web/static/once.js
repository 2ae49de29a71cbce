// A recording form's button is disabled once pressed; its hidden key makes a resubmission
// record once anyway.
document.querySelectorAll('form[method=post]').forEach(form => form.addEventListener('submit', () => {
  form.querySelectorAll('button.once').forEach(button => { button.disabled = true; });
}));
