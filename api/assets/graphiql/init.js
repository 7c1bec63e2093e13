// Starts GraphiQL on the page served at GET /graphql. The endpoint and the websocket path come
// from the root element's data attributes (written by the server); the websocket URL is built
// from the page's own location (ws: or wss:), so subscriptions run over graphql-ws, which the
// GraphiQL bundle carries. Requests are same-origin, so the session cookie goes along; a token
// can be set in GraphiQL's headers editor. A file of its own: the page's CSP allows no inline script.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  var fetcher = GraphiQL.createFetcher({
    url: root.dataset.endpoint,
    subscriptionUrl: scheme + '//' + window.location.host + root.dataset.subscriptionPath,
  });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true })
  );
})();
