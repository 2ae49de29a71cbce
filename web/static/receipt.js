// The receipt's print button (a file, not inline: the Content-Security-Policy runs no inline code).
(function () {
  const button = document.getElementById('print-receipt');
  if (button) button.addEventListener('click', () => window.print());
})();
