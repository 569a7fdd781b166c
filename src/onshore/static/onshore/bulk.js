// Bulk actions on the Posts and Review lists (templates/posts/_bulk_bar.html).
//
// Each row has <input type="checkbox" name="ids" form="bulk-form">; [data-bulk-all]
// ticks every row of the page. The bar sticks to the bottom of the window while rows are
// ticked and says how many; it shows only the field the chosen action needs (the comment,
// the market, the tag); "Delete" asks first through page.js's data-confirm, and so do
// a move or a tag change that would send approved or scheduled posts back to review. Without
// JavaScript the bar is always there with every field, and the server checks everything.
(function () {
  "use strict";

  var form = document.querySelector("form[data-bulk]");
  if (!form) return;
  var boxes = Array.prototype.slice.call(
    document.querySelectorAll('input[type="checkbox"][name="ids"][form="bulk-form"]'));
  var all = document.querySelector("[data-bulk-all]");
  var count = form.querySelector("[data-bulk-count]");
  var action = form.querySelector('select[name="action"]');
  var apply = form.querySelector('button[type="submit"]');
  // A change to what will be published sends an approved or scheduled post back to
  // review (posts/bulk.py): the same question the editor asks before such a save.
  var SENDS_BACK = ["move", "add_tag", "remove_tag"];
  var SETTLED = ["approved", "scheduled"];

  function ticked() {
    return boxes.filter(function (box) { return box.checked; }).length;
  }

  function showParams() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-bulk-param]"), function (field) {
      var wanted = field.getAttribute("data-bulk-param").split(" ").indexOf(action.value) >= 0;
      field.hidden = !wanted;
      Array.prototype.forEach.call(field.querySelectorAll("input, select"), function (input) {
        input.disabled = !wanted;
      });
    });
  }

  function update() {
    var n = ticked();
    count.textContent = n + (n === 1 ? " post selected" : " posts selected");
    form.hidden = n === 0;
    document.body.classList.toggle("has-bulk-bar", n > 0);
    apply.disabled = n === 0;
    if (all) {
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    }
    var settled = boxes.filter(function (box) {
      return box.checked && SETTLED.indexOf(box.getAttribute("data-state")) >= 0;
    }).length;
    if (action.value === "delete") {
      form.dataset.confirm = "Delete " + n + (n === 1 ? " post" : " posts") +
        "? Scheduled ones stop waiting to be published. This cannot be undone.";
    } else if (SENDS_BACK.indexOf(action.value) >= 0 && settled > 0) {
      form.dataset.confirm = (n === 1 ? "This post is" : settled + " of the " + n +
        " selected posts " + (settled === 1 ? "is" : "are")) +
        " approved or scheduled: this sends " + (settled === 1 ? "it" : "them") +
        " back to review and cancels " + (settled === 1 ? "its" : "their") +
        " publishing. Go ahead?";
    } else {
      delete form.dataset.confirm;
    }
  }

  boxes.forEach(function (box) { box.addEventListener("change", update); });
  if (all) {
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      update();
    });
  }
  action.addEventListener("change", function () { showParams(); update(); });
  showParams();
  update();
})();
