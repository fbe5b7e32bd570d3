/* Brand team: the "duplicate of" and "translation of" fields list questions as their words are typed (the search
   suggestions, solved first); choosing one puts its number in the field. A number, a path or an address typed
   or pasted is sent as it is, and without the script the field takes the same. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var DELAY = 300, MIN_LETTERS = 3, REFERENCE = /^#?\d+$|\/questions\/\d+/;

  function picker(field) {
    var list = document.createElement("ul"), timer = null, controller = null, active = -1, found = [];
    list.id = field.id + "-choices";
    list.className = "question-picker";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    field.insertAdjacentElement("afterend", list);
    field.setAttribute("role", "combobox");
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", list.id);
    field.setAttribute("aria-expanded", "false");
    field.autocomplete = "off";

    function close() {
      list.hidden = true;
      active = -1;
      field.setAttribute("aria-expanded", "false");
      field.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      field.value = String(found[index].id);
      close();
      field.focus();
    }

    function mark(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute("aria-selected", String(i === index)); });
      if (index >= 0) { field.setAttribute("aria-activedescendant", list.children[index].id); }
    }

    function show(suggestions) {
      var exclude = field.dataset.exclude;
      found = suggestions.filter(function (s) { return String(s.id) !== exclude; });
      found.sort(function (a, b) { return (b.solved ? 1 : 0) - (a.solved ? 1 : 0); });
      list.replaceChildren.apply(list, found.map(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = s.title + " (#" + s.id + ")" + (s.solved ? " · " + field.dataset.solved : "");
        if (s.language) { li.lang = s.language; }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        return li;
      }));
      list.hidden = found.length === 0;
      field.setAttribute("aria-expanded", String(!list.hidden));
      mark(-1);
    }

    function lookUp() {
      var text = field.value.trim();
      if (text.length < MIN_LETTERS || REFERENCE.test(text)) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(field.dataset.suggest + "?q=" + encodeURIComponent(text),
            { headers: { "Accept": "application/json" }, credentials: "same-origin", signal: controller.signal })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { show(data.suggestions || []); })
        .catch(function () {});
    }

    field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookUp, DELAY); });
    field.addEventListener("blur", close);
    field.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark((active + step + found.length) % found.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();  // choosing is not sending: the moderator still presses the button
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(picker);
})();
