// Follows an extraction job and opens the review page when it is done.
(() => {
  "use strict";
  const main = document.getElementById("wait");
  const follow = async () => {
    const response = await fetch(`/jobs/${encodeURIComponent(main.dataset.job)}`);
    const job = await response.json();
    if (!response.ok) return show(job.error);
    document.getElementById("stage").textContent = job.stage;
    document.getElementById("elapsed").textContent = job.elapsed;
    if (job.state === "done") window.location.reload();
    else if (job.state === "failed") show(job.error);
    else setTimeout(follow, 500);
  };
  const show = (text) => {
    const problem = document.getElementById("problem");
    problem.textContent = text;
    problem.hidden = false;
  };
  follow();
})();
