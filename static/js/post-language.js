/* Ask and answer forms: while the post is typed, name the language read from it in the language choice
   ("Detected from your text: Italiano"), so the author sees it before posting and can pick the other.
   Without this script the form works the same: the language is read from the text when it is posted. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";
  var DELAY = 600, MIN_LETTERS = 12;

  function enhance(box) {
    var select = box.querySelector("select");
    var automatic = select && select.querySelector('option[value=""]');
    var sources = (box.dataset.sources || "").split(" ").map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    if (!automatic || !sources.length) { return; }
    var timer = null, controller = null, lastText = null;

    function text() { return sources.map(function (field) { return field.value; }).join("\n").trim(); }

    function detect() {
      var typed = text();
      if (typed === lastText) { return; }
      lastText = typed;
      if (typed.replace(/[^\p{L}]/gu, "").length < MIN_LETTERS) {
        automatic.textContent = box.dataset.undetected;
        return;
      }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var body = new URLSearchParams({ text: typed });
      fetch(box.dataset.url, { method: "POST", body: body, signal: controller.signal, credentials: "same-origin",
                               headers: { "Accept": "application/json", "X-CSRFToken": csrfToken } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (found) {
          var label = found && box.dataset["label" + found.language.charAt(0).toUpperCase() + found.language.slice(1)];
          if (label) { automatic.textContent = label; }
        })
        .catch(function () { /* offline or aborted: the label stays as it was */ });
    }

    sources.forEach(function (field) {
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(detect, DELAY);
      });
    });
    detect();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-detect-language]"), enhance);
})();
