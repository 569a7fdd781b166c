// Behaviour every page shares, wired by data attributes so templates hold no script.
//
// <form data-confirm="Remove the market UK? Its posts are kept as drafts.">: submitting
//   first asks in a dialog; only "Yes, go ahead" submits. Without JavaScript the form
//   submits as before (the server still checks everything).
// <details data-fold-on-phone open>: folded on a phone (see foldOnPhone).
// <button type="button" data-copy="#element-id">Copy</button>: copies the element's text
//   (or an input's value) and says "Copied" in the button for two seconds.
(function () {
  "use strict";

  function confirmDialog(message, onYes) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.setAttribute("aria-label", "Please confirm");
    var text = document.createElement("p");
    text.textContent = message;
    var buttons = document.createElement("p");
    buttons.className = "actions";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "danger";
    yes.textContent = "Yes, go ahead";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "secondary";
    no.textContent = "Cancel";
    buttons.append(yes, " ", no);
    dialog.append(text, buttons);
    document.body.append(dialog);
    function close() { dialog.close(); dialog.remove(); }
    yes.addEventListener("click", function () { close(); onYes(); });
    no.addEventListener("click", close);
    dialog.addEventListener("cancel", function () { dialog.remove(); });
    dialog.showModal();
    no.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (form.dataset.confirmed === "yes") { delete form.dataset.confirmed; return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    confirmDialog(form.dataset.confirm, function () {
      form.dataset.confirmed = "yes";
      if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
    });
  }, true);

  // <details data-fold-on-phone open>: folded on a phone-sized screen when the page
  // loads, unless it says data-keep-open (a filter is in use, so show what is applied).
  // Open in the HTML, so a page without JavaScript keeps everything in view.
  function foldOnPhone() {
    if (!window.matchMedia("(max-width: 600px)").matches) return;
    document.querySelectorAll("details[data-fold-on-phone]:not([data-keep-open])")
      .forEach(function (details) { details.removeAttribute("open"); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", foldOnPhone);
  } else {
    foldOnPhone();
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var value = "value" in source ? source.value : source.textContent.trim();
    var label = button.innerHTML;  // with its icon, if it has one
    function done() {
      button.textContent = "Copied";
      setTimeout(function () { button.innerHTML = label; }, 2000);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done, function () { fallbackCopy(source, value); done(); });
    } else {
      fallbackCopy(source, value);
      done();
    }
  });

  function fallbackCopy(source, value) {
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
})();
