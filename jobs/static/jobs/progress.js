// Checks an unfinished job's progress page again every few seconds without a
// full reload: swaps in the new #job content, announces the status line only
// when its words change (it is a live region), and stops once the job has
// finished, moving focus to the new heading so the result is read out.
const REFRESH = 2000;

async function check() {
  const current = document.getElementById("job");
  if (!current || !current.dataset.refreshSeconds) return;
  let html;
  try {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    html = await response.text();
  } catch {
    window.setTimeout(check, REFRESH * 2);
    return;
  }
  const doc = new DOMParser().parseFromString(html, "text/html");
  const fresh = doc.getElementById("job");
  if (!fresh) return;
  if (fresh.dataset.jobStatus === current.dataset.jobStatus && fresh.dataset.refreshSeconds) {
    const status = document.getElementById("job-status");
    const newStatus = fresh.querySelector("#job-status");
    if (status && newStatus && status.textContent.trim() !== newStatus.textContent.trim()) {
      status.textContent = newStatus.textContent;
    }
    const bar = document.getElementById("job-progress");
    const newBar = fresh.querySelector("#job-progress");
    if (bar && newBar) {
      bar.value = newBar.value;
      bar.textContent = newBar.textContent;
    }
  } else {
    current.replaceWith(fresh);
    document.title = doc.title;
    if (!fresh.dataset.refreshSeconds) {
      const heading = fresh.querySelector("h1");
      if (heading) heading.focus();
      return;
    }
  }
  window.setTimeout(check, REFRESH);
}

window.setTimeout(check, REFRESH);
