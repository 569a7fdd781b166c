// Post editor: apply a checker suggestion to the text in place, then re-check.
// Offsets from the server count code points (Python), so index with Array.from, not
// UTF-16 units; apply only if the span still holds what was checked (the user may have
// typed since).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.apply");
  if (!button) return;
  const textarea = document.getElementById("id_text");
  const chars = Array.from(textarea.value);
  const start = Number(button.dataset.start);
  const end = Number(button.dataset.end);
  if (chars.slice(start, end).join("") !== button.dataset.original) {
    textarea.dispatchEvent(new Event("recheck"));
    return;
  }
  textarea.value = chars.slice(0, start).join("") + button.dataset.suggestion + chars.slice(end).join("");
  textarea.dispatchEvent(new Event("recheck"));
});
