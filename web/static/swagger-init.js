// Swagger UI on /api/docs, started from a file: the Content-Security-Policy runs no inline code.
window.addEventListener('load', () => {
  const container = document.getElementById('swagger-ui-container');
  const config = JSON.parse(container.dataset.config || '{}');
  window.ui = SwaggerUIBundle({url: container.dataset.specUrl, dom_id: '#swagger-ui-container', ...config});
});
