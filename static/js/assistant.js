/* Ask page: while the title and details are typed, show what the assistant finds in the community (its cited
   answer and solved threads), in a box under the title. Loaded only on the ask page; without it the form works
   the same, and "Check the community first" shows the same answer as a page. Nothing typed is stored by the
   look-up. */
(function () {
  "use strict";
  var script = document.currentScript;
  var title = script && document.getElementById(script.dataset.title);
  var body = script && document.getElementById(script.dataset.body);
  if (!title || !title.form || !window.fetch || !window.FormData) { return; }
  var form = title.form;
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";
  var MIN_WORDS = 3, DELAY = 500;
  var timer = null, controller = null, lastQuery = "";

  var box = document.createElement("section");
  box.className = "assistant-preview";
  box.hidden = true;
  box.setAttribute("aria-live", "polite");
  var heading = document.createElement("h2");
  heading.id = "assistant-preview-heading";
  heading.textContent = script.dataset.heading;
  box.setAttribute("aria-labelledby", heading.id);
  var content = document.createElement("div");
  box.appendChild(heading);
  box.appendChild(content);
  (title.closest(".field") || title).insertAdjacentElement("afterend", box);

  function show(html) {
    content.innerHTML = html;  // the server's own rendering: escaped text and sanitised answers
    box.hidden = !html.trim();
  }

  function lookUp() {
    var words = title.value.trim().split(/\s+/).filter(Boolean).length;
    var query = title.value.trim() + "\n" + (body ? body.value.trim() : "");
    if (words < MIN_WORDS) { lastQuery = ""; show(""); return; }
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (controller) { controller.abort(); }
    controller = new AbortController();
    fetch(script.dataset.url, { method: "POST", body: new FormData(form), credentials: "same-origin",
                                headers: { "Accept": "application/json", "X-CSRFToken": csrfToken },
                                signal: controller.signal })
      .then(function (response) { return response.ok ? response.json() : { html: "" }; })
      .then(function (data) { show(data.html || ""); })
      .catch(function () {});  // aborted or offline: keep what is shown
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(lookUp, DELAY);
  }

  title.addEventListener("input", later);
  if (body) { body.addEventListener("input", later); }
  // A solved thread opened from the box counts as a suggestion followed (the care dashboard's deflection).
  box.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-click]");
    if (!link) { return; }
    fetch(link.dataset.click, { method: "POST", keepalive: true, credentials: "same-origin",
                                headers: { "X-CSRFToken": csrfToken } }).catch(function () {});
  });
})();
