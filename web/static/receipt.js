// The receipt's buttons (a file, not inline: the Content-Security-Policy runs no inline code).
// Print; and share the receipt as a PDF or PNG made by the server: where the browser can share
// files (Web Share API, phones), the file goes to the share sheet (Zalo, mail…); elsewhere the
// link downloads it as it would without this script.
(function () {
  const button = document.getElementById('print-receipt');
  if (button) button.addEventListener('click', () => window.print());
  const width = document.getElementById('receipt-width');
  const links = ['share-pdf', 'share-png'].map(id => document.getElementById(id)).filter(Boolean);
  function widen() {
    for (const link of links) {
      const url = new URL(link.href, location.href);
      url.searchParams.set('width', width.value);
      link.href = url.pathname + url.search;
    }
  }
  if (width) { width.addEventListener('change', widen); widen(); }
  for (const link of links) {
    link.addEventListener('click', async event => {
      if (!navigator.canShare || !navigator.share) return;  // the download goes on
      event.preventDefault();
      try {
        const response = await fetch(link.href, {credentials: 'same-origin'});
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
        const file = new File([blob], named ? named[1] : 'receipt', {type: blob.type});
        if (navigator.canShare({files: [file]})) {
          await navigator.share({files: [file], title: document.title});
          return;
        }
        const url = URL.createObjectURL(blob);  // cannot share files here: keep it instead
        const save = Object.assign(document.createElement('a'), {href: url, download: file.name});
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      } catch (error) {
        if (error && error.name === 'AbortError') return;  // the clerk closed the share sheet
        location.href = link.href;
      }
    });
  }
})();
