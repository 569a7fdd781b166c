// The time-zone picker (workspaces/zone_picker.py): a text input with a <datalist> of
// zones becomes a combobox that searches city, country and zone name as you type, lists
// the zones of the form's country first, and is driven by the keyboard (ARIA 1.2
// combobox: Down/Up move, Enter picks, Escape closes) or the mouse. Without JavaScript
// the browser's datalist suggestions remain; the server checks the value either way.
(function () {
  "use strict";

  var MAX_SHOWN = 60; // enough to scroll through a country; typing narrows the rest

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[_/]/g, " ").replace(/\u2212/g, "-");
  }

  function readOptions(list) {
    return Array.prototype.map.call(list.querySelectorAll("option"), function (option) {
      var label = option.getAttribute("label") || option.value;
      var parts = /^(.*) \((UTC[^)]*)\)$/.exec(label) || [label, label, ""];
      return {
        zone: option.value,
        place: parts[1],
        offset: parts[2],
        country: option.getAttribute("data-country") || "",
        haystack: fold(label + " " + option.value),
      };
    });
  }

  function enhance(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var options = readOptions(list);
    var multiple = input.getAttribute("data-zone-picker") === "multiple";
    var countryField = document.getElementById(input.getAttribute("data-country-from"));
    var listId = input.id + "-options";

    input.removeAttribute("list"); // our list replaces the browser's
    var wrapper = document.createElement("span");
    wrapper.className = "zone-picker";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.append(input);
    var listbox = document.createElement("ul");
    listbox.id = listId;
    listbox.className = "zone-options";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    var label = document.querySelector('label[for="' + input.id + '"]');
    if (label) {
      label.id = label.id || input.id + "-label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    var status = document.createElement("span");
    status.className = "sr-only";
    status.setAttribute("role", "status");
    wrapper.append(listbox, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var shown = [];
    var active = -1;

    function typed() {
      var value = input.value;
      if (multiple) value = value.slice(value.lastIndexOf(",") + 1);
      return fold(value.trim());
    }

    function matching() {
      var words = typed().split(/\s+/).filter(Boolean);
      var country = countryField ? countryField.value : "";
      var theirs = [];
      var others = [];
      options.forEach(function (option) {
        var hit = words.every(function (word) { return option.haystack.indexOf(word) !== -1; });
        if (hit) (option.country === country ? theirs : others).push(option);
      });
      return theirs.concat(others);
    }

    function setOpen(open) {
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) setActive(-1);
    }

    function setActive(index) {
      var items = listbox.children;
      if (active >= 0 && items[active]) {
        items[active].classList.remove("active");
        items[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index >= 0 && items[index]) {
        items[index].classList.add("active");
        items[index].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show() {
      var found = matching();
      shown = found.slice(0, MAX_SHOWN);
      listbox.textContent = "";
      active = -1;
      shown.forEach(function (option, index) {
        var item = document.createElement("li");
        item.id = listId + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.zone = option.zone;
        var place = document.createElement("strong");
        place.textContent = option.place;
        var zone = document.createElement("span");
        zone.className = "zone";
        zone.textContent = option.zone;
        var offset = document.createElement("span");
        offset.className = "offset";
        offset.textContent = option.offset;
        var dash = document.createElement("span");
        dash.className = "sr-only"; // heard, not seen: the zone's name is on its own line
        dash.textContent = " — ";
        item.append(place, dash, zone, " ", offset); // "Kolkata, India — Asia/Kolkata UTC+05:30"
        listbox.append(item);
      });
      status.textContent = found.length
        ? found.length + (found.length === 1 ? " time zone matches" : " time zones match") +
          "; Down and Up to choose, Enter to pick"
        : "No time zone matches " + typed();
      // A zone typed out in full has nothing left to pick: keep the list out of the way.
      var complete = found.length === 1 && fold(found[0].zone) === typed();
      setOpen(shown.length > 0 && !complete);
    }

    function pick(index) {
      var option = shown[index];
      if (!option) return;
      if (multiple) {
        var before = input.value.slice(0, input.value.lastIndexOf(",") + 1);
        input.value = (before ? before + " " : "") + option.zone + ", ";
      } else {
        input.value = option.zone;
      }
      setOpen(false);
      status.textContent = option.zone + " picked";
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", show);
    input.addEventListener("click", function () { if (listbox.hidden) show(); });
    input.addEventListener("blur", function () { setOpen(false); });
    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open) { show(); if (event.key === "ArrowUp") setActive(shown.length - 1); return; }
        // Past either end the focus returns to the typed text (-1), as in a menu.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= shown.length) next = -1;
        if (next < -1) next = shown.length - 1;
        setActive(next);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault(); // pick, do not submit the form
        pick(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        setOpen(false);
      }
    });
    // mousedown, not click: the input would lose focus (and close the list) first.
    listbox.addEventListener("mousedown", function (event) {
      var item = event.target instanceof Element ? event.target.closest("[role=option]") : null;
      if (!item) return;
      event.preventDefault();
      pick(Array.prototype.indexOf.call(listbox.children, item));
    });
  }

  document.querySelectorAll("input[data-zone-picker][list]").forEach(enhance);
})();
