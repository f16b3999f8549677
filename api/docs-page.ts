/** Browsable API docs: Swagger UI served from the swagger-ui-dist package, no outside network needed. */
export const docsPage = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>合力 Heli API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

export const docsInit = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });`;
