// The add page: read the article (metadata found by ingestion fill the empty fields), then
// stage it and follow its extraction to the review page. Errors are shown as text.
(() => {
  "use strict";
  const form = document.getElementById("add-form");
  const limit = Number(form.dataset.limit);
  const $ = (id) => document.getElementById(id);
  const show = (text) => { $("problem").textContent = text; $("problem").hidden = !text; };

  function body() {
    const file = $("file").files[0];
    if (file && file.size > limit) {
      throw new Error(`${file.name} is ${file.size} bytes; the limit is ${limit} bytes`);
    }
    return new FormData(form);
  }
  async function send(url) {
    const response = await fetch(url, { method: "POST", body: body() });
    const answer = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
    if (!response.ok) throw new Error(answer.error || `the server answered ${response.status}`);
    return answer;
  }
  $("read").addEventListener("click", async () => {
    show("");
    try {
      const found = await send("/add/inspect");
      for (const name of ["title", "publisher", "published", "url"]) {
        if (!$(name).value && found[name]) $(name).value = found[name];
      }
      const notes = [`${found.words} words, read as a ${found.kind}`, ...found.warnings];
      $("found").textContent = notes.join(" · ");
    } catch (error) { show(error.message); }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show("");
    try {
      const started = await send("/add");
      $("progress-line").hidden = false;
      $("extract").disabled = true;
      follow(started.status);
    } catch (error) { show(error.message); }
  });
  async function follow(url) {
    const response = await fetch(url);
    const job = await response.json();
    if (!response.ok) { show(job.error); return; }
    $("stage").textContent = job.stage;
    $("elapsed").textContent = job.elapsed;
    if (job.state === "done") window.location.assign(job.result.review);
    else if (job.state === "failed") { show(job.error); $("extract").disabled = false; }
    else setTimeout(() => follow(url), 500);
  }
})();
