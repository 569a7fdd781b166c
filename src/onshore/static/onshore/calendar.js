// Calendar drag and drop: drop a post on another day (month) or day and hour (week) to
// reschedule it. The server keeps the market's wall time, refuses times DST skips, and
// answers with the new time and any timing warnings, which we show before reloading.
(() => {
  const calendar = document.getElementById("calendar");
  if (!calendar) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const message = document.getElementById("calendar-message");
  let dragged = null;

  calendar.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".entry[data-move-url]");
    if (dragged) event.dataTransfer.setData("text/plain", dragged.dataset.post);
  });
  calendar.addEventListener("dragover", (event) => {
    if (dragged && dropTarget(event.target)) event.preventDefault();
  });
  calendar.addEventListener("drop", async (event) => {
    const target = dropTarget(event.target);
    if (!dragged || !target) return;
    event.preventDefault();
    const body = new URLSearchParams({ date: target.date });
    if (target.hour !== undefined) body.set("hour", target.hour);
    const response = await fetch(dragged.dataset.moveUrl, {
      method: "POST", body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin",
    });
    const answer = await response.json();
    message.hidden = false;
    // Timing findings, then what would stop it from being published (no channel, a parked one).
    const warnings = response.ok ? [...answer.timing, ...(answer.warnings || [])] : [];
    message.textContent = response.ok
      ? `Moved to ${answer.when}.` + (warnings.length ? ` Warning: ${warnings.join("; ")}` : "")
      : `Not moved: ${answer.error}`;
    if (response.ok) setTimeout(() => window.location.reload(), warnings.length ? 4000 : 600);
  });

  // Month cells carry data-date; week cells carry data-hour and take the date of their column.
  function dropTarget(element) {
    const cell = element.closest("td[data-date], td[data-hour]");
    if (!cell) return null;
    if (cell.dataset.date) return { date: cell.dataset.date };
    const column = cell.cellIndex;
    const header = calendar.querySelectorAll("thead th")[column];
    return { date: header.dataset.date, hour: cell.dataset.hour };
  }
})();
