// The label sheet's print button (the Content-Security-Policy refuses inline scripts).
document.getElementById("print").addEventListener("click", () => window.print());
