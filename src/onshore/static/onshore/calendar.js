// Calendar drag and drop: drop a post on another day (month) or day and hour (week) to
// reschedule it, or an approved post from the side list ("Approved, not scheduled") to
// schedule it. The server keeps the market's wall time, answers with the new time and any
// timing warnings, which we show before reloading; when DST skips or repeats the time it
// answers with the choices, which we show as buttons that drop again with that time.
(() => {
  const calendar = document.getElementById("calendar");
  if (!calendar) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const message = document.getElementById("calendar-message");
  const shownZone = document.querySelector('meta[name="calendar-zone"]');
  let dragged = null;

  document.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".entry[data-move-url], .waiting[data-move-url]");
    if (dragged) event.dataTransfer.setData("text/plain", dragged.dataset.post);
  });
  calendar.addEventListener("dragover", (event) => {
    if (dragged && dropTarget(event.target)) event.preventDefault();
  });
  calendar.addEventListener("drop", (event) => {
    const target = dropTarget(event.target);
    if (!dragged || !target) return;
    event.preventDefault();
    const body = new URLSearchParams({ date: target.date });
    if (target.hour !== undefined) body.set("hour", target.hour);
    // Days and week rows shown in the viewer's zone are the viewer's (the server converts).
    if (shownZone) body.set("zone", shownZone.content);
    send(dragged.dataset.moveUrl, body);
  });

  // "Move…" (templates/posts/_move_control.html): the same move, from the keyboard.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form.move-form");
    if (!form) return;
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    if (body.has("hour") && shownZone) body.set("zone", shownZone.content);
    send(form.action, body);
  });

  async function send(url, body) {
    const response = await fetch(url, {
      // Accept: JSON; without it (JavaScript off, the browser sends the form) the server
      // answers with a page instead.
      method: "POST", body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    });
    const answer = await response.json();
    message.hidden = false;
    message.replaceChildren();
    if (!response.ok) {
      message.textContent = `Not moved: ${answer.error}`;
      if (answer.choices && answer.choices.length) message.append(choiceButtons(url, answer.choices));
      return;
    }
    const done = answer.scheduled ? "Scheduled for" : "Moved to";
    // Timing findings, then what would stop it from being published (no channel, a parked one).
    const warnings = [...answer.timing, ...(answer.warnings || [])];
    message.textContent = `${done} ${answer.when}.` +
      (warnings.length ? ` Warning: ${warnings.join("; ")}` : "");
    setTimeout(() => window.location.reload(), warnings.length ? 4000 : 600);
  }

  // One button per answer ("The first: 01:30 EDT (UTC-04:00) · …"): drop again with it.
  function choiceButtons(url, choices) {
    const row = document.createElement("div");
    row.className = "time-buttons";
    for (const choice of choices) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = choice.label;
      button.addEventListener("click", () => {
        send(url, new URLSearchParams({ date: choice.date, time: choice.time, fold: choice.fold }));
      });
      row.append(button);
    }
    return row;
  }

  // Month cells carry data-date; week cells carry data-hour and take the date of their column.
  function dropTarget(element) {
    const cell = element.closest("td[data-date], td[data-hour]");
    if (!cell || !calendar.contains(cell)) return null;
    if (cell.dataset.date) return { date: cell.dataset.date };
    const column = cell.cellIndex;
    const header = calendar.querySelectorAll("thead th")[column];
    return { date: header.dataset.date, hour: cell.dataset.hour };
  }
})();
