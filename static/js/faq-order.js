/* The FAQ page, for the brand team: drag an entry onto another of the same product and language to put it there.
   The Move up / Move down buttons do the same without this script (and with the keyboard); the drop sends the
   same form, with the position, and the page keeps its place: the entry moves, takes the focus, and the
   message is read out. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  var dragged = null;

  function siblings(entry) {
    return Array.prototype.filter.call(entry.parentNode.querySelectorAll("details[data-move]"), function (other) {
      return other.lang === entry.lang;
    });
  }

  function renumber(entry) {
    var same = siblings(entry);
    same.forEach(function (other, index) {
      other.dataset.position = String(index + 1);
      var up = other.querySelector('button[value="up"]'), down = other.querySelector('button[value="down"]');
      if (up) { up.disabled = index === 0; }
      if (down) { down.disabled = index === same.length - 1; }
    });
  }

  function drop(target) {
    var entry = dragged, form = entry.querySelector("form.faq-moves");
    var data = new FormData(form);
    data.append("position", target.dataset.position);
    fetch(entry.dataset.move, { method: "POST", body: data, credentials: "same-origin",
                                headers: { "Accept": "application/json", "X-CSRFToken": csrfToken } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (moved) {
        // Moved up, it goes before the entry it was dropped on; moved down, after it.
        var upward = Number(entry.dataset.position) > Number(target.dataset.position);
        target.parentNode.insertBefore(entry, upward ? target : target.nextSibling);
        renumber(entry);
        entry.focus();
        status.textContent = moved.message;
      })
      .catch(function () { form.submit(); });  // the server's answer, as without the script
  }

  document.querySelectorAll("details[data-move]").forEach(function (entry) {
    entry.draggable = true;
    entry.addEventListener("dragstart", function (event) {
      dragged = entry;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", entry.id);
    });
    entry.addEventListener("dragend", function () { dragged = null; });
    entry.addEventListener("dragover", function (event) {
      if (dragged && dragged !== entry && dragged.parentNode === entry.parentNode && dragged.lang === entry.lang) {
        event.preventDefault();
        entry.classList.add("drop-target");
      }
    });
    entry.addEventListener("dragleave", function () { entry.classList.remove("drop-target"); });
    entry.addEventListener("drop", function (event) {
      entry.classList.remove("drop-target");
      if (!dragged || dragged === entry) { return; }
      event.preventDefault();
      drop(entry);
    });
  });
})();
