/* Optional enhancements: every form here works without this file. */
(function () {
  "use strict";
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";

  function setPressed(form, vote) {
    form.querySelectorAll("button[data-value]").forEach(function (button) {
      var pressed = button.dataset.value === vote;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      button.value = pressed ? "none" : button.dataset.value;
    });
  }

  // Votes update in place; refusals are shown next to the buttons.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-vote-form]")) { return; }
    var button = event.submitter;
    if (!button || !window.fetch) { return; }
    event.preventDefault();
    var body = new URLSearchParams({ value: button.value });
    fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      var old = form.querySelector(".vote-error");
      if (old) { old.remove(); }
      if (result.ok) {
        var score = form.querySelector("[data-score]");
        score.lastChild.textContent = String(result.data.score);
        setPressed(form, result.data.vote);
      } else {
        var message = document.createElement("p");
        message.className = "vote-error error";
        message.setAttribute("role", "alert");
        message.textContent = result.data.error ? result.data.error.message : "";
        form.appendChild(message);
      }
    }).catch(function () {
      // Fall back to the plain form post, keeping the pressed button's value.
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "value"; input.value = button.value;
      form.appendChild(input);
      form.submit();
    });
  });

  // Printed FAQ and question pages show folded answers and comments; browsers without ::details-content
  // in print styles need them opened, and closed again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      return !d.classList.contains("comment-form");
    });
    openedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  // Ask before deleting.
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
