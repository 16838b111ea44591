// The query page: YASGUI against /sparql, with the canned queries as examples.
(function () {
  "use strict";
  var endpoint = new URL("/sparql", window.location.href).toString();
  var start = [
    "SELECT ?entity ?label ?type WHERE {",
    "  GRAPH <https://w3id.org/coopgraph/graph/entities> {",
    "    ?entity skos:prefLabel ?label ; a ?type .",
    "  }",
    "} ORDER BY ?label LIMIT 100",
  ].join("\n");
  var prefixes = [
    "PREFIX cg: <https://w3id.org/coopgraph/ontology#>",
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>",
    "",
  ].join("\n");
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null,
    yasqe: { value: prefixes + start, autocompleters: ["variables"] },
    yasr: { defaultPlugin: "table" },
  });
  window.coopgraphYasgui = yasgui;

  function openTab(query) {
    var tab = yasgui.addTab(true, {
      name: query.title,
      requestConfig: { endpoint: endpoint, method: "POST" },
      yasqe: { value: query.text },
    });
    if (tab && tab.getYasqe && tab.getYasqe()) {
      tab.getYasqe().setValue(query.text);
      tab.getYasqe().query();
    }
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function renderQuery(query) {
    var item = element("li", null, { "data-query": query.name });
    item.appendChild(element("h3", query.title));
    item.appendChild(element("p", query.description));
    var open = element("button", "Open and run", { type: "button" });
    open.addEventListener("click", function () { openTab(query); });
    item.appendChild(open);
    var form = element("form", null, { action: "/queries/" + encodeURIComponent(query.name), method: "get" });
    query.params.forEach(function (param) {
      var label = element("label", param.name + " (" + param.type + ")" + (param.description ? ": " + param.description : ""));
      var input = element("input", null, { name: param.name, placeholder: param.default || "" });
      label.appendChild(input);
      form.appendChild(label);
    });
    var format = element("input", null, { type: "hidden", name: "format", value: "csv" });
    form.appendChild(format);
    form.appendChild(element("button", "Download CSV", { type: "submit" }));
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
        if (!input.value) { input.disabled = true; }
      });
      window.setTimeout(function () {
        Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) { input.disabled = false; });
      }, 0);
    });
    item.appendChild(form);
    return item;
  }

  fetch("/queries", { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error("the list of canned queries is unavailable"); }
      return response.json();
    })
    .then(function (queries) {
      var list = document.getElementById("queries");
      list.innerHTML = "";
      if (!queries.length) { list.appendChild(element("li", "No canned queries.", { class: "hint" })); }
      queries.forEach(function (query) { list.appendChild(renderQuery(query)); });
    })
    .catch(function (error) {
      var list = document.getElementById("queries");
      list.innerHTML = "";
      list.appendChild(element("li", error.message, { class: "hint" }));
    });
}());
