// The editor's media area (templates/posts/_media_area.html): files dropped, pasted or
// chosen upload one at a time to /w/<slug>/media/upload/ with a progress bar each
// (XMLHttpRequest: fetch() reports no upload progress), then stay as items with their
// alt text; ↑/↓ reorder (the keyboard's drag), Remove, and "Choose from library".
// The form sends the items as media_<N>_* in the list's order, so every change
// renumbers them; the live check then runs again to update findings and previews.
// Without this script the file input sends the files with the form (uploaded on save).
(() => {
  const area = document.getElementById("media-area");
  if (!area) return;
  const form = area.closest("form");
  const list = document.getElementById("media-items");
  const template = document.getElementById("media-entry-template");
  const fileInput = document.getElementById("media-files");
  const drop = document.getElementById("media-drop");
  const status = document.getElementById("media-status");
  const picker = document.getElementById("media-picker");
  const pickOpen = document.getElementById("media-pick-open");
  const max = Number(area.dataset.max || 10);
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  area.querySelectorAll(".js-only").forEach((el) => { el.hidden = false; });
  if (picker && pickOpen) pickOpen.hidden = false;

  const entries = () => Array.from(list.querySelectorAll("[data-media-entry]"));

  function say(message, bad) {
    status.textContent = message;
    status.classList.toggle("bad", Boolean(bad));
    status.setAttribute("role", bad ? "alert" : "status");
  }

  function recheck() {
    const text = document.getElementById("id_text");
    if (text) text.dispatchEvent(new Event("recheck"));
  }

  // Number every item's fields, labels and buttons in the list's order.
  function renumber() {
    entries().forEach((entry, i) => {
      const n = i + 1;
      entry.querySelectorAll("[data-part]").forEach((field) => {
        field.name = `media_${i}_${field.dataset.part}`;
        if (field.id) field.id = `id_media_${i}_${field.dataset.part}`;
      });
      entry.querySelectorAll("[data-label]").forEach((label) => {
        label.htmlFor = `id_media_${i}_${label.dataset.label}`;
        label.textContent = label.dataset.label === "alt"
          ? `Alt text of file ${n}` : `File ${n} (placeholder): what it will be`;
      });
      const hint = entry.querySelector("[data-hint]");
      if (hint) {
        hint.id = `media-${i}-hint`;
        const alt = entry.querySelector("[data-part=alt]");
        if (alt) alt.setAttribute("aria-describedby", hint.id);
      }
      const up = entry.querySelector("[data-move=up]");
      const down = entry.querySelector("[data-move=down]");
      up.setAttribute("aria-label", `Move file ${n} up`);
      down.setAttribute("aria-label", `Move file ${n} down`);
      up.disabled = i === 0;
      down.disabled = i === entries().length - 1;
      entry.querySelector("[data-remove]").setAttribute("aria-label", `Remove file ${n}`);
    });
    area.classList.toggle("media-full", entries().length >= max);
  }

  function thumbHtml(entry, item) {
    const holder = entry.querySelector("[data-thumb]");
    holder.textContent = "";
    const box = document.createElement("span");
    box.className = "thumb thumb-entry" + (item.kind === "video" ? " thumb-video" : "");
    if (item.thumbnail) {
      const img = document.createElement("img");
      img.src = item.thumbnail;
      img.alt = item.alt_text || "";
      box.append(img);
    } else {
      const none = document.createElement("span");
      none.className = "thumb-none";
      none.textContent = item.kind === "video" ? "Video" : "Image";
      box.append(none);
    }
    if (item.kind === "video") {
      const play = document.createElement("span");
      play.className = "thumb-play";
      play.setAttribute("aria-hidden", "true");
      play.textContent = "▶";
      box.append(play);
      if (item.length) {
        const length = document.createElement("span");
        length.className = "thumb-length";
        length.textContent = item.length;
        box.append(length);
      }
    }
    holder.append(box);
  }

  // A new item from the template, at the end of the list.
  function newEntry(name) {
    const entry = template.content.firstElementChild.cloneNode(true);
    const label = entry.querySelector("[data-name]");
    if (label) label.textContent = name || "";
    list.append(entry);
    renumber();
    return entry;
  }

  function fill(entry, item) {
    entry.dataset.kind = item.kind;
    entry.querySelector("[data-part=asset]").value = item.id;
    entry.querySelector("[data-part=kind]").value = item.kind;
    const alt = entry.querySelector("[data-part=alt]");
    if (!alt.value && item.alt_text) alt.value = item.alt_text;
    const label = entry.querySelector("[data-name]");
    if (label) label.textContent = [item.name || (item.kind === "video" ? "Video" : "Image"), item.length].filter(Boolean).join(" · ");
    thumbHtml(entry, item);
  }

  function room() {
    return max - entries().length;
  }

  function upload(file) {
    const entry = newEntry(file.name);
    entry.classList.add("is-uploading");
    const progress = document.createElement("progress");
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute("aria-label", `Uploading ${file.name}`);
    entry.querySelector(".media-entry-body").prepend(progress);
    // Cancel stops the transfer; nothing reaches the library, the item goes away.
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "secondary media-cancel";
    cancel.textContent = "Cancel";
    cancel.setAttribute("aria-label", `Cancel uploading ${file.name}`);
    progress.after(cancel);
    const body = new FormData();
    body.append("file", file, file.name);
    body.append("in_post", String(entries().length - 1));
    const request = new XMLHttpRequest();
    request.open("POST", area.dataset.uploadUrl);
    request.setRequestHeader("X-CSRFToken", csrf);
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
    });
    cancel.addEventListener("click", () => request.abort());
    request.addEventListener("abort", () => {
      entry.remove();
      renumber();
      say(`Upload of ${file.name} cancelled.`);
    });
    request.addEventListener("load", () => {
      const answer = request.response || {};
      cancel.remove();
      if (request.status === 201) {
        progress.remove();
        entry.classList.remove("is-uploading");
        fill(entry, answer);
        say(`${file.name} uploaded${answer.created ? "" : " (already in the library)"}. Add its alt text.`);
        entry.querySelector("[data-part=alt]").focus();
        recheck();
      } else {
        entry.remove();
        renumber();
        say(answer.error || `${file.name} could not be uploaded (${request.status}).`, true);
      }
    });
    request.addEventListener("error", () => {
      entry.remove();
      renumber();
      say(`${file.name} could not be uploaded: the connection failed. Try again.`, true);
    });
    request.send(body);
  }

  function add(files) {
    const chosen = Array.from(files);
    if (!chosen.length) return;
    const fits = chosen.slice(0, Math.max(room(), 0));
    if (fits.length < chosen.length) {
      say(`A post carries at most ${max} files: ${chosen.length - fits.length} not added (${chosen.slice(fits.length).map((f) => f.name).join(", ")}). Remove one to add another.`, true);
    } else {
      say(`Uploading ${fits.length} file${fits.length === 1 ? "" : "s"}…`);
    }
    fits.forEach(upload);
  }

  fileInput.addEventListener("change", () => {
    add(fileInput.files);
    fileInput.value = ""; // uploaded already: not sent again with the form
  });

  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (event) => {
    if (!event.dataTransfer || !Array.from(event.dataTransfer.types).includes("Files")) return;
    event.preventDefault();
    drop.classList.add("is-over");
  }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("is-over")));
  drop.addEventListener("drop", (event) => {
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    add(event.dataTransfer.files);
  });

  // An image pasted anywhere in the form (a screenshot, a copied photo); text pastes
  // as text.
  form.addEventListener("paste", (event) => {
    const files = Array.from(event.clipboardData ? event.clipboardData.files : []);
    const images = files.filter((file) => file.type.startsWith("image/"));
    if (!images.length) return;
    event.preventDefault();
    add(images.map((file, i) => (file.name && file.name !== "image.png"
      ? file : new File([file], `pasted-${Date.now()}-${i + 1}.${file.type.split("/")[1] || "png"}`, { type: file.type }))));
  });

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const entry = button.closest("[data-media-entry]");
    if (button.dataset.move === "up" && entry.previousElementSibling) {
      entry.previousElementSibling.before(entry);
    } else if (button.dataset.move === "down" && entry.nextElementSibling) {
      entry.nextElementSibling.after(entry);
    } else if (button.hasAttribute("data-remove")) {
      const next = entry.nextElementSibling || entry.previousElementSibling;
      entry.remove();
      renumber();
      say("File removed from the post (it stays in the library).");
      (next ? next.querySelector("[data-remove]") : fileInput).focus();
      recheck();
      return;
    } else {
      return;
    }
    renumber();
    // Keep the focus on the same button of the moved item, so ↑ ↑ ↑ keeps moving it.
    const same = entry.querySelector(`[data-move=${button.dataset.move}]`);
    (same.disabled ? entry.querySelector("[data-remove]") : same).focus();
    say(`File moved to position ${entries().indexOf(entry) + 1} of ${entries().length}.`);
    recheck();
  });

  if (picker && pickOpen) {
    pickOpen.addEventListener("click", () => {
      picker.showModal();
      document.body.dispatchEvent(new Event("media-picker-open"));
      document.getElementById("media-picker-q").focus();
    });
    document.getElementById("media-picker-close").addEventListener("click", () => picker.close());
    picker.addEventListener("click", (event) => {
      const choice = event.target.closest(".picker-choose");
      if (!choice) return;
      if (room() <= 0) {
        say(`A post carries at most ${max} files; remove one to add another.`, true);
        picker.close();
        return;
      }
      const data = choice.dataset;
      const entry = newEntry(data.name);
      fill(entry, { id: data.asset, kind: data.kind, thumbnail: data.thumbnail, alt_text: data.alt, name: data.name, length: data.length });
      picker.close();
      say(`Added from the library: ${data.alt || data.name || "a file"}.`);
      entry.querySelector("[data-part=alt]").focus();
      recheck();
    });
  }

  renumber();
})();
