/* Optional enhancements: every form here works without this file. */
(function () {
  "use strict";
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";

  function postForm(form, value) {
    var body = value === undefined ? new URLSearchParams() : new URLSearchParams({ value: value });
    return fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }

  // Messages about an action on a post are shown at the post, where the reader is, not at the top of the page.
  function feedback(post, messages) {
    var old = post.querySelector(".post-feedback");
    if (old) { old.remove(); }
    var box = document.createElement("div");
    box.className = "post-feedback flashes";
    box.setAttribute("role", "status");
    (post.querySelector(".post-main") || post).prepend(box);
    // Filled once in the page, so that screen readers announce the new text.
    setTimeout(function () {
      messages.forEach(function (message) {
        var line = document.createElement("p");
        line.className = "flash flash-" + message[0];
        line.textContent = message[1];
        box.appendChild(line);
      });
    }, 50);
  }

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
    postForm(form, button.value).then(function (result) {
      var old = form.querySelector(".vote-error");
      if (old) { old.remove(); }
      if (result.ok) {
        var score = form.querySelector("[data-score]");
        score.lastChild.textContent = String(result.data.score);
        setPressed(form, result.data.vote);
        if (result.data.badges && result.data.badges.length) {
          feedback(form.closest(".answer, .question"), result.data.badges.map(function (m) { return ["badge", m]; }));
        }
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

  // Accepting marks the answer in place and says so beside it (the page does not move), and the solution box
  // under the question follows.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-accept-form]") || !window.fetch) { return; }
    event.preventDefault();
    var answer = form.closest(".answer");
    postForm(form).then(function (result) {
      if (!result.ok) {
        feedback(answer, [["error", result.data.error ? result.data.error.message : ""]]);
        return;
      }
      document.querySelectorAll("[data-accept-form]").forEach(function (other) {
        var accepted = result.data.accepted && other === form;
        other.closest(".answer").classList.toggle("accepted", accepted);
        other.querySelector(".accept").classList.toggle("is-accepted", accepted);
        other.querySelector(".accept").setAttribute("aria-pressed", accepted ? "true" : "false");
        other.querySelector("input[name=accept]").value = accepted ? "0" : "1";  // the next click asks the other state
      });
      document.querySelectorAll("[data-solved-mark]").forEach(function (mark) { mark.hidden = !result.data.accepted; });
      var solution = document.querySelector("[data-solution]");
      if (solution && result.data.solution !== undefined) { solution.outerHTML = result.data.solution; }
      feedback(answer, [["success", result.data.message]].concat(
        (result.data.badges || []).map(function (m) { return ["badge", m]; })));
    }).catch(function () { form.submit(); });
  });

  // "Was this helpful?" is answered in place: the reply (thanks, then the reasons) replaces the box's content.
  document.addEventListener("submit", function (event) {
    var form = event.target, button = event.submitter;
    if (!form.matches("[data-helpful]") || !window.fetch) { return; }
    event.preventDefault();
    var body = new FormData(form);
    if (button && button.name) { body.append(button.name, button.value); }
    fetch(form.action, { method: "POST", body: body, headers: { "X-Fragment": "1" }, credentials: "same-origin" })
      .then(function (response) {  // a refused choice comes back as the box; anything else as its own page
        if (!response.ok && response.status !== 400) { throw response; }
        return response.text();
      })
      .then(function (html) {
        var box = form.closest("[data-helpful-box]");
        box.innerHTML = html;
        var thanks = box.querySelector("[data-helpful-thanks]");
        if (thanks) { thanks.focus(); }
      }).catch(function () {
        if (button && button.name) {
          var input = document.createElement("input");
          input.type = "hidden"; input.name = button.name; input.value = button.value;
          form.appendChild(input);
        }
        form.submit();
      });
  });

  // Share: copy the post's permalink rather than follow it (followed when the clipboard is out of reach).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-share]");
    if (!link || !navigator.clipboard || !window.isSecureContext) { return; }
    event.preventDefault();
    var status = link.parentNode.querySelector(".share-status");
    if (!status) {  // in the page before it speaks, so that screen readers announce it
      status = document.createElement("span");
      status.className = "share-status";
      status.setAttribute("role", "status");
      link.after(status);
    }
    navigator.clipboard.writeText(link.href).then(function () {
      status.textContent = " " + link.dataset.copied;
      setTimeout(function () { status.textContent = ""; }, 4000);
    }, function () { window.location.href = link.href; });
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
