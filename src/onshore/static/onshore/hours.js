// The profile's weekly editor of working hours (workspaces/profile.html).
//
// <div class="day-row" data-day="tue">: a "works this day" box and the day's time inputs.
//   An unticked day's inputs are disabled (so the browser sends none of them) and hidden
//   by the CSS; ticking it enables them again. Without JavaScript the CSS still hides an
//   unticked day's times and the server ignores them (the form's day_toggles), so the
//   rows work the same; script only adds the disabling and the copy button.
// <button data-copy-monday hidden>: shown here; copies Monday's box and spans to Tuesday
//   to Friday, opening a day's "Add a span" when Monday has a second span.
(function () {
  "use strict";

  var WEEKDAYS = ["tue", "wed", "thu", "fri"];

  function row(day) { return document.querySelector('.day-row[data-day="' + day + '"]'); }

  function box(dayRow) { return dayRow.querySelector('input[type="checkbox"]'); }

  function times(dayRow) { return dayRow.querySelectorAll('input[type="time"]'); }

  function showWorks(dayRow) {
    var works = box(dayRow).checked;
    times(dayRow).forEach(function (input) { input.disabled = !works; });
  }

  function copyMonday() {
    var monday = row("mon");
    if (!monday) return;
    WEEKDAYS.forEach(function (day) {
      var target = row(day);
      if (!target) return;
      box(target).checked = box(monday).checked;
      times(target).forEach(function (input) { input.value = ""; }); // a span Monday lacks goes
      times(monday).forEach(function (input) {
        var twin = target.querySelector('input[name="' + input.name.replace(/^mon/, day) + '"]');
        if (!twin) return; // Monday has more spans than the day shows: rare, left as is
        twin.value = input.value;
        var more = twin.closest("details");
        if (more && input.value) more.open = true;
      });
      showWorks(target);
    });
  }

  function start() {
    document.querySelectorAll(".day-row").forEach(function (dayRow) {
      showWorks(dayRow);
      box(dayRow).addEventListener("change", function () { showWorks(dayRow); });
    });
    var copy = document.querySelector("[data-copy-monday]");
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", copyMonday);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
