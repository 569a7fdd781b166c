// The read-only post page: "Suggest … in a comment" puts the finding's fix into the
// comment box ("Suggest: replace 'color' with 'colour'") for the reviewer to send or
// edit, instead of changing the text. Without JavaScript the button's form reloads the
// page with the suggestion in the address and the server fills the box the same way.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button.suggest") : null;
  if (!button) return;
  const box = document.getElementById("comment-body");
  if (!box) return;
  event.preventDefault();
  const said = button.dataset.suggest || "";
  box.value = box.value.trim() ? `${box.value.trimEnd()}\n${said}` : said;
  box.scrollIntoView({ block: "center" });
  box.focus();
});
