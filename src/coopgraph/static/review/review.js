// The review page: decide on facts and entities, add facts, then commit them in one form.
// Everything shown comes from the page's data block and is set as text (never as markup).
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const facts = new Map(data.facts.map((f) => [String(f.index), f]));
  const decided = new Map(); // fact index -> {decision, to}
  const entities = new Map(); // entity id -> {action, name, type, side, of}
  const added = []; // facts a person adds
  const items = [...document.querySelectorAll("li.fact")];
  const labels = data.labels;
  let current = -1;
  let picked = null;

  const el = (tag, attrs = {}, text = null) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== null) node.textContent = text;
    return node;
  };
  const select = (name, options, value) => {
    const box = el("select", { name, "aria-label": name });
    for (const [key, label] of options) {
      const option = el("option", { value: key }, label);
      if (key === value) option.selected = true;
      box.append(option);
    }
    return box;
  };
  const entityOptions = () => {
    const ids = Object.keys(labels).sort((a, b) => labels[a].localeCompare(labels[b]));
    return ids.map((id) => [id, `${labels[id]} (${id})`]);
  };
  const targets = new Map(data.targets.map((t) => [t.id, t])); // what an alias may be of
  const label = (field) => (field ? labels[field] || targets.get(field)?.name || field : "");

  // --- the text: a fact's sentence lit, a sentence picked for a new fact ----------------
  function light(start, end) {
    for (const piece of document.querySelectorAll("#text [data-s]")) {
      const s = Number(piece.dataset.s), e = Number(piece.dataset.e);
      piece.classList.toggle("lit", s >= start && e <= end && start < end);
    }
  }
  function focusFact(position) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, position));
    const item = items[current];
    items.forEach((other) => other.classList.toggle("current", other === item));
    item.focus();
    const fact = facts.get(item.dataset.index);
    light(fact.sentence[0], fact.sentence[1]);
    const first = document.querySelector("#text .lit");
    if (first) first.scrollIntoView({ block: "nearest" });
  }
  for (const sentence of document.querySelectorAll("#text .sentence")) {
    sentence.addEventListener("click", () => {
      picked = [Number(sentence.dataset.start), Number(sentence.dataset.end)];
      document.getElementById("picked").textContent = sentence.textContent;
      light(picked[0], picked[1]);
      document.getElementById("add-button").disabled = false;
    });
  }

  // --- facts: accept, reject, correct --------------------------------------------------
  function decide(item, decision, to = null) {
    const fact = facts.get(item.dataset.index);
    decided.set(item.dataset.index, { decision, to });
    item.classList.remove("accept", "reject", "correct");
    item.classList.add(decision);
    const words = { accept: "accepted", reject: "rejected", correct: "corrected" };
    let text = words[decision];
    if (to) text += ": " + Object.entries(to).map(([k, v]) => `${k} ${label(v)}`).join(", ");
    item.querySelector(".decided").textContent = text;
    item.querySelector(".correction").hidden = true;
    summarise();
    return fact;
  }
  function undo(item) {
    decided.delete(item.dataset.index);
    item.classList.remove("accept", "reject", "correct");
    item.querySelector(".decided").textContent = "";
    summarise();
  }
  function valueField(name, fact) {
    if (fact.datatype) return el("input", { name, value: fact.object, "aria-label": name });
    return select(name, entityOptions(), fact.object);
  }
  function openCorrection(item) {
    const fact = facts.get(item.dataset.index);
    const box = item.querySelector(".correction");
    box.replaceChildren();
    const fields = {
      relation: select("relation", data.relations, fact.relation),
      subject: select("subject", entityOptions(), fact.subject),
      object: valueField("object", fact),
      status: select("status", data.statuses.map((s) => [s, s]), fact.status),
    };
    if (fact.datatype) {
      const kinds = [...new Set([fact.datatype, ...data.datatypes])];
      fields.datatype = select("datatype", kinds.map((d) => [d, d]), fact.datatype);
    }
    for (const [name, field] of Object.entries(fields)) box.append(el("label", {}, name + " "), field);
    const apply = el("button", { type: "button", class: "apply" }, "Apply correction");
    apply.addEventListener("click", () => {
      const to = {};
      for (const [name, field] of Object.entries(fields)) {
        if (field.value !== String(fact[name] ?? "")) to[name] = field.value;
      }
      if (Object.keys(to).length) decide(item, "correct", to);
    });
    box.append(apply);
    box.hidden = false;
    fields.relation.focus();
  }
  items.forEach((item, position) => {
    item.addEventListener("focus", () => { if (current !== position) focusFact(position); });
    item.querySelector(".accept").addEventListener("click", () => decide(item, "accept"));
    item.querySelector(".reject").addEventListener("click", () => decide(item, "reject"));
    item.querySelector(".correct").addEventListener("click", () => openCorrection(item));
  });

  // --- entities: a new one into the registry, or an alias of an entry or a graph entity --
  const found = new Map(data.entities.map((e) => [e.id, e]));
  const sideChoice = (value) => select("side", [["", "no side"], ...data.sides.map((s) => [s, s])], value);
  function choose(li, choice) {
    const entity = found.get(li.dataset.id);
    entities.set(entity.id, { id: entity.id, name: entity.name, ...choice });
    const shown = li.querySelector(".entity-choice");
    shown.hidden = false;
    const side = choice.side ? ` (${choice.side})` : "";
    const joins = targets.get(choice.of)?.graph ? `, which joins the registry${side}` : "";
    shown.textContent = choice.action === "alias"
      ? `→ alias of ${label(choice.of)}${joins}`
      : `→ new ${choice.type}${side}`;
    summarise();
  }
  function aliasOf(li, target) {
    if (!target.graph) return choose(li, { action: "alias", of: target.id });
    // a graph entity joins the registry first: its type is known, its side is asked
    const shown = li.querySelector(".entity-choice");
    const side = sideChoice(target.side || "");
    const ok = el("button", { type: "button", class: "make-alias" }, "Register and make alias");
    ok.addEventListener("click", () => choose(li, { action: "alias", of: target.id, side: side.value || null }));
    shown.replaceChildren(`${target.name} (${target.type}) joins the registry, side `, side, ok);
    shown.hidden = false;
  }
  for (const li of document.querySelectorAll("li.entity.new")) {
    const entity = found.get(li.dataset.id);
    const shown = li.querySelector(".entity-choice");
    li.querySelectorAll(".candidate").forEach((button) => button.addEventListener("click", () => {
      aliasOf(li, targets.get(button.dataset.of));
    }));
    li.querySelector(".alias").addEventListener("click", () => {
      const others = data.targets.filter((t) => t.id !== entity.id);
      const first = entity.candidates[0];
      const of = select("of", others.map((t) => [t.id, `${t.name} (${t.origin})`]), first ? first.id : null);
      const ok = el("button", { type: "button", class: "pick-alias" }, "Make alias");
      ok.addEventListener("click", () => aliasOf(li, targets.get(of.value)));
      shown.replaceChildren(of, ok);
      shown.hidden = false;
    });
    li.querySelector(".register").addEventListener("click", () => {
      const type = select("type", data.types.map((t) => [t, t]), entity.type);
      const side = sideChoice("");
      const ok = el("button", { type: "button" }, "Add to registry");
      ok.addEventListener("click", () => choose(li, { action: "new", type: type.value, side: side.value || null }));
      shown.replaceChildren(type, side, ok);
      shown.hidden = false;
    });
  }

  // --- a fact of one's own ---------------------------------------------------------------
  const newFact = document.getElementById("new-fact");
  const draft = {
    subject: select("subject", entityOptions(), null),
    relation: select("relation", data.relations, null),
    object: select("object", [["", "an entity…"], ...entityOptions()], ""),
    value: el("input", { name: "value", placeholder: "or a value", "aria-label": "value" }),
    datatype: select("datatype", data.datatypes.map((d) => [d, d]), "string"),
    status: select("status", data.statuses.map((s) => [s, s]), "stated"),
  };
  for (const [name, field] of Object.entries(draft)) newFact.append(el("label", {}, name + " "), field);
  document.getElementById("add-button").addEventListener("click", () => {
    if (!picked) return;
    const value = draft.value.value.trim();
    const fact = {
      sentence: picked, subject: draft.subject.value, relation: draft.relation.value,
      object: value || draft.object.value, decision: "add",
    };
    if (!fact.object) return;
    if (value) fact.datatype = draft.datatype.value;
    if (draft.status.value !== "stated") fact.status = draft.status.value;
    added.push(fact);
    summarise();
  });

  // --- the summary and the commit ------------------------------------------------------
  function decisions() {
    const list = [];
    for (const [index, choice] of decided) {
      const fact = facts.get(index);
      const entry = { sentence: fact.sentence, subject: fact.subject, relation: fact.relation,
        object: fact.object, decision: choice.decision };
      if (choice.to) entry.to = choice.to;
      list.push(entry);
    }
    return list.concat(added);
  }
  function summarise() {
    const summary = document.getElementById("summary");
    summary.replaceChildren();
    for (const d of decisions()) {
      summary.append(el("li", {}, `${d.decision} · ${label(d.subject)} ${d.relation} ${label(d.object)}`));
    }
    for (const e of entities.values()) {
      summary.append(el("li", {}, e.action === "alias" ? `${e.name}: alias of ${label(e.of)}` : `${e.name}: new ${e.type}`));
    }
    if (!summary.children.length) summary.append(el("li", { class: "hint" }, "No decision yet."));
  }
  document.getElementById("commit-form").addEventListener("submit", () => {
    document.getElementById("payload").value = JSON.stringify({
      decisions: decisions(), entities: [...entities.values()],
    });
  });

  // --- keys: j/k next/previous, a accept, r reject, c correct, u undo -------------------
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes(event.target.tagName) && event.key !== "Escape") return;
    const item = items[current];
    const act = {
      j: () => focusFact(current + 1), ArrowDown: () => focusFact(current + 1),
      k: () => focusFact(current - 1), ArrowUp: () => focusFact(current - 1),
      a: () => item && (decide(item, "accept"), focusFact(current + 1)),
      r: () => item && (decide(item, "reject"), focusFact(current + 1)),
      c: () => item && openCorrection(item),
      u: () => item && undo(item),
      Escape: () => item && (item.querySelector(".correction").hidden = true, item.focus()),
    }[event.key];
    if (act) { event.preventDefault(); act(); }
  });

  // the legend: one swatch per mention type on the page
  const legend = document.querySelector(".legend");
  const kinds = [...new Set([...document.querySelectorAll("#text mark")].map((m) => m.title.split(":")[0]))].sort();
  for (const kind of kinds) legend.append(el("mark", { class: "mention t-" + kind }, kind), " ");
})();
