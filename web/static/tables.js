// Tables become cards on a phone (ocop.css, below 480 px): each cell is labelled with its
// column's heading, read from the table's heading row. A file, not inline: the
// Content-Security-Policy runs no inline code.
(function () {
  document.querySelectorAll('table').forEach(table => {
    const rows = Array.from(table.rows);
    const heading = rows.find(row => row.querySelector('th') && !row.querySelector('td'));
    if (!heading) return;
    const labels = Array.from(heading.cells).map(cell => cell.textContent.trim());
    rows.forEach(row => {
      if (row === heading) return;
      let column = 0;
      Array.from(row.cells).forEach(cell => {
        if (labels[column] && cell.tagName === 'TD' && !cell.dataset.label) cell.dataset.label = labels[column];
        column += cell.colSpan || 1;
      });
    });
    table.classList.add('cards');
  });
})();
