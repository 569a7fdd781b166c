// The page frame's behaviour (base.html): the phone menu and the header's menus.
//
// Loaded without `defer` so it marks <html class="js"> before the first paint: only then
// does the CSS fold the sidebar away on phones (≤ 900 px) behind the menu button.
// Without JavaScript the sidebar stays a plain list of links above the page.
//
// <button class="menu-button" aria-controls="workspace-nav" aria-expanded="false">:
//   opens and closes the panel; Escape or a click outside closes it and gives the focus
//   back to the button.
// <details class="menu">: the header's workspace switcher and user menu open without
//   script; here they also close on Escape, on a click elsewhere, and when another opens.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function menuButton() { return document.querySelector(".menu-button"); }

  function setPanel(open) {
    var button = menuButton();
    if (!button) return;
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.setAttribute("aria-label", open ? "Close menu" : "Menu");
    if (panel) panel.classList.toggle("open", open);
    if (open && panel) {
      var first = panel.querySelector("a");
      if (first) first.focus();
    }
  }

  function panelOpen() {
    var button = menuButton();
    return !!button && button.getAttribute("aria-expanded") === "true";
  }

  function closeMenus(except) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (menu !== except) menu.removeAttribute("open");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest(".menu-button")) { setPanel(!panelOpen()); return; }
    if (panelOpen() && !target.closest("#workspace-nav")) setPanel(false);
    closeMenus(target.closest("details.menu"));
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.menu[open]");
    if (open) {
      open.removeAttribute("open");
      open.querySelector("summary").focus();
    } else if (panelOpen()) {
      setPanel(false);
      menuButton().focus();
    }
  });
})();
