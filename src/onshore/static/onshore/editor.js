// Post editor: apply a checker suggestion in place to the text it is about (the main
// text or a network's own text, named by data-field), then re-check.
// Offsets from the server count code points (Python), so index with Array.from, not
// UTF-16 units; apply only if the span still holds what was checked (the user may have
// typed since).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.apply");
  if (!button) return;
  const textarea = document.getElementById(button.dataset.field || "id_text");
  const checked = document.getElementById("id_text"); // carries the live check
  if (!textarea) return;
  const chars = Array.from(textarea.value);
  const start = Number(button.dataset.start);
  const end = Number(button.dataset.end);
  if (chars.slice(start, end).join("") !== button.dataset.original) {
    checked.dispatchEvent(new Event("recheck"));
    return;
  }
  textarea.value = chars.slice(0, start).join("") + button.dataset.suggestion + chars.slice(end).join("");
  checked.dispatchEvent(new Event("recheck"));
});
