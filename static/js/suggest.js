/* Ask page: while the title is typed, show answered questions that may already solve it.
   Loaded only on the ask page; without it the form works exactly the same. */
(function () {
  "use strict";
  var script = document.currentScript;
  var field = script && document.getElementById(script.dataset.field);
  if (!field || !window.fetch) { return; }
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";
  var MIN_WORDS = 3, DELAY = 350;
  var timer = null, controller = null, lastQuery = "";

  var box = document.createElement("section");
  box.className = "suggestions";
  box.hidden = true;
  box.setAttribute("aria-live", "polite");
  var heading = document.createElement("h2");
  heading.id = "suggestions-heading";
  heading.textContent = script.dataset.heading;
  box.setAttribute("aria-labelledby", heading.id);
  var list = document.createElement("ul");
  box.appendChild(heading);
  box.appendChild(list);
  (field.closest(".field") || field).insertAdjacentElement("afterend", box);

  var languageField = document.getElementById(script.dataset.language || "");

  function note(text) {
    var span = document.createElement("span");
    span.className = "muted twin-note";
    span.textContent = text;
    return span;
  }

  function link(suggestion) {
    var link = document.createElement("a");
    link.href = suggestion.url;
    link.target = "_blank";  // a new tab keeps the customer's draft
    link.rel = "noopener";
    link.textContent = suggestion.title;
    var hint = document.createElement("span");
    hint.className = "visually-hidden";
    hint.textContent = " " + script.dataset.newTab;
    link.appendChild(hint);
    if (suggestion.language) { link.hreflang = suggestion.language; }
    return link;
  }

  function item(suggestion) {
    var li = document.createElement("li");
    var shown = link(suggestion);
    shown.addEventListener("click", function () {
      fetch(suggestion.click_url, { method: "POST", keepalive: true, credentials: "same-origin",
                                    headers: { "X-CSRFToken": csrfToken } }).catch(function () {});
    });
    if (suggestion.elsewhere) { li.appendChild(note(suggestion.elsewhere + ": ")); }
    li.appendChild(shown);
    if (suggestion.solved) {
      var mark = document.createElement("span");
      mark.className = "badge-solved";
      mark.textContent = script.dataset.solved;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(mark);
    }
    (suggestion.twins || []).forEach(function (twin) {
      // The same question in another language, linked by the brand team: offered with its language said.
      var line = document.createElement("p");
      line.className = "twin-suggestion";
      line.appendChild(note(twin.elsewhere + ": "));
      line.appendChild(link(twin));
      li.appendChild(line);
    });
    return li;
  }

  function show(suggestions) {
    list.replaceChildren.apply(list, suggestions.map(item));
    box.hidden = suggestions.length === 0;
  }

  function lookUp() {
    var query = field.value.trim();
    if (query.split(/\s+/).filter(Boolean).length < MIN_WORDS) { lastQuery = ""; show([]); return; }
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var language = languageField ? languageField.value : "";
    fetch(script.dataset.url + "?q=" + encodeURIComponent(query) + (language ? "&lang=" + encodeURIComponent(language) : ""),
          { headers: { "Accept": "application/json" }, credentials: "same-origin", signal: controller.signal })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { show(data.suggestions || []); })
      .catch(function () {});  // aborted or offline: keep what is shown
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, DELAY);
  });
})();
