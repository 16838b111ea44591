/* coopgraph viewer: search, filter and inspect the cooperation network. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("coopgraph-data").textContent);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const NO_SIDE = "none";
  const state = { sides: new Set(), types: new Set(), documents: new Set() };

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => c != null && node.append(c));
    return node;
  };
  const sideOf = (n) => n.side || NO_SIDE;
  const sideInfo = (side) => data.sides[side] || { label: "No side", colour: data.unknownColour };

  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements: [
      ...data.nodes.map((n) => ({ group: "nodes", data: { ...n }, position: { x: n.x, y: n.y } })),
      ...data.edges.map((e) => ({ group: "edges", data: { ...e, label: e.relations.join(", ") } })),
    ],
    layout: { name: "preset", fit: true, padding: 40 },
    minZoom: 0.15, maxZoom: 3, wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(short)", color: "#243b53",
        "font-size": 11, "text-valign": "bottom", "text-margin-y": 5, "text-wrap": "wrap",
        "text-max-width": 150, "text-background-color": "#fbfcfd", "text-background-opacity": 0.85,
        "text-background-padding": 2, "text-background-shape": "roundrectangle",
        width: "data(size)", height: "data(size)", "border-width": 2, "border-color": "#fff",
        "overlay-padding": 4 } },
      { selector: "node[type = 'Person']", style: { shape: "ellipse" } },
      { selector: "node[kind = 'place']", style: { shape: "round-triangle" } },
      { selector: "node[kind = 'agreement']", style: { shape: "round-rectangle" } },
      { selector: "node[kind = 'event']", style: { shape: "round-diamond" } },
      { selector: "node[kind = 'post']", style: { shape: "round-tag" } },
      { selector: "edge", style: {
        width: "data(width)", "line-color": "#bcccdc", "target-arrow-color": "#bcccdc",
        "target-arrow-shape": data.directed ? "triangle" : "none", "arrow-scale": 0.8,
        "curve-style": "bezier", opacity: 0.85 } },
      { selector: "node:selected", style: { "border-color": "#102a43", "border-width": 4 } },
      { selector: ".faded", style: { opacity: 0.15, "text-opacity": 0.2 } },
      { selector: "edge.near", style: {
        "line-color": "#627d98", "target-arrow-color": "#627d98", label: "data(label)",
        "font-size": 9, color: "#334e68", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.9 } },
      { selector: ".match", style: { "border-color": "#f0b429", "border-width": 4 } },
      { selector: ".hidden", style: { display: "none" } },
    ],
  });

  function updateCount() {
    const shown = cy.nodes().not(".hidden");
    const nodes = shown.length;
    const edges = shown.edgesWith(shown).not(".hidden").length;
    document.getElementById("count").textContent =
      `${nodes} of ${cy.nodes().length} nodes · ${edges} edges · ${data.view} view`;
  }

  function shownElements() {
    const nodes = cy.nodes().not(".hidden");
    return nodes.union(nodes.edgesWith(nodes).not(".hidden"));
  }

  function applyFilters() {
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const n = node.data();
        const docsOk = n.documents.length === 0 || n.documents.some((d) => state.documents.has(d));
        const show = state.sides.has(sideOf(n)) && state.types.has(n.type) && docsOk;
        node.toggleClass("hidden", !show);
      });
      cy.edges().forEach((edge) => {
        const e = edge.data();
        const docsOk = e.documents.some((d) => state.documents.has(d));
        edge.toggleClass("hidden", !docsOk);
      });
    });
    updateCount();
  }

  function checkbox(container, set, value, text, count, colour) {
    set.add(value);
    const box = el("input", { type: "checkbox", checked: "", "data-value": value,
      onchange: (event) => { event.target.checked ? set.add(value) : set.delete(value); applyFilters(); } });
    container.append(el("label", { title: String(value) }, box,
      colour ? el("span", { class: "swatch", style: `background:${colour}` }) : null,
      el("span", {}, text), el("small", {}, String(count))));
  }

  function buildFilters() {
    const tally = (key) => data.nodes.reduce((m, n) => m.set(key(n), (m.get(key(n)) || 0) + 1), new Map());
    const sides = tally(sideOf);
    [...Object.keys(data.sides), NO_SIDE].filter((s) => sides.has(s)).forEach((s) =>
      checkbox(document.getElementById("side-filters"), state.sides, s, sideInfo(s).label, sides.get(s), sideInfo(s).colour));
    const types = tally((n) => n.type);
    [...types.keys()].sort().forEach((t) =>
      checkbox(document.getElementById("type-filters"), state.types, t, t.replace(/([a-z])([A-Z])/g, "$1 $2"), types.get(t)));
    const docs = new Map(data.documentNames.map((d) => [d, 0]));
    data.nodes.forEach((n) => n.documents.forEach((d) => docs.set(d, (docs.get(d) || 0) + 1)));
    data.documentNames.forEach((d) => {
      const info = data.documents[d] || {};
      const text = (info.title || d) + (info.issued ? ` (${String(info.issued).slice(0, 4)})` : "");
      checkbox(document.getElementById("document-filters"), state.documents, d, text, docs.get(d));
    });
  }

  function focus(id) {
    const node = cy.getElementById(id);
    if (node.empty()) return;
    cy.elements().unselect();
    node.select();
    const near = node.closedNeighborhood();
    cy.batch(() => {
      cy.elements().removeClass("near").addClass("faded");
      near.removeClass("faded");
      near.edges().addClass("near");
    });
    cy.animate({ fit: { eles: near, padding: 70 } }, { duration: 300,
      complete: () => { if (cy.zoom() > 1.4) cy.zoom({ level: 1.4, position: node.position() }); } });
    showDetails(byId.get(id));
  }

  function clearFocus() {
    cy.elements().removeClass("faded near");
    document.getElementById("details").replaceChildren(
      el("p", { class: "hint" }, "Click a node to see its facts and where they come from."));
  }

  function showDetails(n) {
    const info = sideInfo(sideOf(n));
    const facts = data.details[n.id] || [];
    const here = el("b", {}, n.short);
    const rows = facts.map((f) => {
      const other = f.other_id && byId.has(f.other_id)
        ? el("a", { onclick: () => focus(f.other_id) }, f.other) : el("span", {}, f.other);
      const qualified = f.direction === "target" ? `${f.relation} (target)` : f.relation;
      const relation = el("span", { class: "relation" }, f.status ? `${qualified} (${f.status})` : qualified);
      const what = f.direction === "in"
        ? [other, " ", relation, " ", here.cloneNode(true)] : [relation, " ", other];
      const doc = data.documents[f.document] || {};
      return el("div", { class: "fact" },
        el("div", { class: "what" }, what),
        f.quote ? el("blockquote", {}, f.quote) : null,
        el("div", { class: "source" }, "Source: ", doc.title ? `${doc.title} — ` : "", f.document,
          f.review ? ` · ${f.review}` : ""));
    });
    const badges = [el("span", { class: "badge side", style: `background:${info.colour}` }, info.label),
      el("span", { class: "badge" }, n.type.replace(/([a-z])([A-Z])/g, "$1 $2"))];
    if (n.community != null) badges.push(el("span", { class: "badge" }, `community ${n.community}`));
    if (n.centrality != null) badges.push(el("span", { class: "badge" }, `centrality ${n.centrality.toFixed(2)}`));
    if (n.needs_review) badges.push(el("span", { class: "badge" }, "needs review"));
    document.getElementById("details").replaceChildren(
      el("h2", {}, n.label), el("div", { class: "badges" }, badges),
      n.aliases.length ? el("p", { class: "aliases" }, "Also: " + n.aliases.join(", ")) : null,
      el("p", { class: "iri" }, n.id),
      el("h3", { class: "heading" }, `Facts (${facts.length})`),
      el("div", { id: "facts" }, rows.length ? rows : el("p", { class: "hint" }, "No facts about this node.")));
  }

  const norm = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  function search(text) {
    const q = norm(text.trim());
    const list = document.getElementById("results");
    cy.nodes().removeClass("match");
    if (!q) { list.replaceChildren(); return []; }
    const scored = [];
    data.nodes.forEach((n) => {
      const names = [n.label, ...n.aliases].map(norm);
      const exact = names.some((s) => s === q), starts = names.some((s) => s.startsWith(q));
      const inside = names.some((s) => s.includes(q));
      if (inside) scored.push([exact ? 0 : starts ? 1 : 2, n.label, n]);
    });
    scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    const hits = scored.map((s) => s[2]);
    hits.forEach((n) => cy.getElementById(n.id).addClass("match"));
    list.replaceChildren(...hits.slice(0, 12).map((n) => el("li", { "data-id": n.id, onclick: () => focus(n.id) },
      el("span", { class: "swatch", style: `background:${sideInfo(sideOf(n)).colour}` }),
      el("span", {}, n.label, n.aliases.length ? el("small", {}, " · " + n.aliases.join(", ")) : null))));
    return hits;
  }

  function runLayout(name) {
    const options = name === "sides"
      ? { name: "preset", positions: (node) => ({ x: node.data("x"), y: node.data("y") }) }
      : name === "concentric"
        ? { name: "concentric", concentric: (node) => node.data("centrality") || 0, levelWidth: () => 0.1, minNodeSpacing: 30 }
        : { name: "cose", randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, animate: false };
    shownElements().layout({ ...options, fit: true, padding: 40 }).run();
  }

  buildFilters();
  updateCount();
  const box = document.getElementById("search");
  box.addEventListener("input", () => search(box.value));
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { const hits = search(box.value); if (hits.length) focus(hits[0].id); }
  });
  cy.on("tap", "node", (event) => focus(event.target.id()));
  cy.on("tap", (event) => { if (event.target === cy) { cy.elements().unselect(); clearFocus(); } });
  document.getElementById("layout").addEventListener("change", (event) => runLayout(event.target.value));
  document.getElementById("fit").addEventListener("click", () => cy.fit(shownElements(), 40));
  window.coopgraphViewer = { cy, data, focus, search };
})();
