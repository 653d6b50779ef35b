// Starts NHS.UK frontend's components (header menu, skip link, error summary focus...).
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();

// A region marked data-refresh-seconds (the board pack build status) reloads its own content
// while it says so, instead of the whole page: a meta refresh would move people who are
// reading (WCAG 2.2.1). Without JavaScript the page has a "Check again" link.
const live = document.querySelector("[data-refresh-seconds]");
if (live) {
  const seconds = Number(live.dataset.refreshSeconds) || 2;
  const update = async () => {
    const response = await fetch(window.location.href, { credentials: "same-origin" });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById(live.id);
    if (!fresh) return;
    live.innerHTML = fresh.innerHTML;
    if (fresh.dataset.refreshSeconds) setTimeout(update, seconds * 1000);
    else delete live.dataset.refreshSeconds;
  };
  setTimeout(update, seconds * 1000);
}
