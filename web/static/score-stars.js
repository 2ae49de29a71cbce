// The stars the score earns, as the officer types it. The table comes from the domain's scale
// in the element's data-score-stars, and the score field is named by data-score-input.
(function () {
  const shown = document.getElementById('score-stars');
  if (!shown) return;
  const scoreStars = JSON.parse(shown.dataset.scoreStars);
  const score = document.getElementById(shown.dataset.scoreInput);
  function showStars() {
    const value = Number(score.value);
    const known = score.value !== '' && Number.isInteger(value) && value >= 0 && value <= 100;
    shown.textContent = known ? '★'.repeat(scoreStars[value]) : '';
  }
  score.addEventListener('input', showStars); showStars();
})();
