/* The post editor: photos chosen (the phone's camera or files), dropped on the text or pasted into it are uploaded
   one by one and put into the text at the cursor as Markdown, each with a field for its description; the Preview
   button shows the post rendered by the server without leaving the page.
   Without this script the form works the same way: the photos are sent with the form and added at the end of the
   text, and Preview sends the form back with the preview above it (templates/questions/_editor.html). */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";

  function post(url, body) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
                        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken } })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; },
                                     function () { return { ok: false, data: null }; });
      });
  }

  // Brackets and backslashes would end or change the Markdown's description: escaped, on one line.
  function escapeDescription(text) {
    return text.replace(/\s+/g, " ").trim().replace(/([\\\[\]])/g, "\\$1");
  }

  function imageMarkdown(description, url) { return "![" + escapeDescription(description) + "](" + url + ")"; }

  // The Markdown that shows this address, whatever its description is now (the writer may have edited it).
  function findImage(text, url) {
    var start = text.indexOf("](" + url + ")");
    if (start < 0) { return null; }
    var open = text.lastIndexOf("![", start);
    return open < 0 ? null : { from: open, to: start + url.length + 3 };
  }

  function enhance(form) {
    var textarea = form.querySelector("textarea[name=body]");
    var picker = form.querySelector("input[type=file][name=images]");
    var list = form.querySelector("[data-photo-list]");
    var status = form.querySelector("[data-photo-status]");
    var panel = form.parentNode.querySelector("[data-preview-panel]");
    if (!textarea) { return; }
    var data = form.dataset;

    function say(message, failed) {
      if (!status) { return; }
      status.textContent = message;
      status.classList.toggle("error", !!failed);
    }

    function insertAtCursor(text) {
      var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
      var before = value.slice(0, start), after = value.slice(end);
      var lead = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "";
      var tail = after && !/^\n\n/.test(after) ? (/^\n/.test(after) ? "\n" : "\n\n") : "";
      textarea.value = before + lead + text + tail + after;
      var cursor = (before + lead + text).length;
      textarea.setSelectionRange(cursor, cursor);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    // One line per photo in the text: its thumbnail and its description, kept in step with the Markdown.
    function listPhoto(image) {
      if (!list) { return; }
      list.hidden = false;
      var item = document.createElement("li");
      item.className = "photo-item";
      var thumbnail = document.createElement("img");
      thumbnail.src = image.thumbnail_url;
      thumbnail.alt = "";
      thumbnail.width = 64;
      thumbnail.height = Math.max(1, Math.round(64 * image.height / image.width));
      var label = document.createElement("label");
      var id = "photo-" + Math.random().toString(36).slice(2);
      label.htmlFor = id;
      label.textContent = data.describe;
      var input = document.createElement("input");
      input.id = id;
      input.type = "text";
      input.maxLength = 200;
      input.addEventListener("input", function () {
        var found = findImage(textarea.value, image.url);
        if (!found) { return; }
        textarea.value = textarea.value.slice(0, found.from) + imageMarkdown(input.value, image.url) +
          textarea.value.slice(found.to);
      });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "link-button";
      remove.textContent = data.remove;
      remove.addEventListener("click", function () {
        var found = findImage(textarea.value, image.url);
        if (found) { textarea.value = textarea.value.slice(0, found.from) + textarea.value.slice(found.to); }
        item.remove();
        list.hidden = !list.children.length;
        textarea.focus();
      });
      var field = document.createElement("div");
      field.className = "photo-description";
      field.append(label, input);
      item.append(thumbnail, field, remove);
      list.appendChild(item);
      return input;
    }

    var queue = Promise.resolve();
    function upload(files) {
      Array.prototype.forEach.call(files, function (file) {
        if (!/^image\//.test(file.type || "image/")) { return; }
        queue = queue.then(function () {
          say(data.uploading.replace("{name}", file.name || "image"));
          var body = new FormData();
          body.append("image", file, file.name || "image");
          return post(data.uploadUrl, body).then(function (result) {
            if (!result.ok) {
              say(result.data && result.data.error ? result.data.error.message : data.uploadFailed, true);
              return;
            }
            insertAtCursor(imageMarkdown("", result.data.url));
            var input = listPhoto(result.data);
            say(data.uploaded);
            if (input) { input.focus(); }
          }, function () { say(data.uploadFailed, true); });
        });
      });
    }

    if (picker) {
      // With the script, each photo is uploaded as it is chosen: the form's own description field is not needed.
      var description = form.querySelector("[data-photo-description]");
      if (description) { description.hidden = true; }
      picker.multiple = true;
      picker.addEventListener("change", function () {
        upload(picker.files);
        picker.value = "";
      });
      textarea.addEventListener("dragover", function (event) {
        if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
          event.preventDefault();
          textarea.classList.add("is-drop-target");
        }
      });
      textarea.addEventListener("dragleave", function () { textarea.classList.remove("is-drop-target"); });
      textarea.addEventListener("drop", function (event) {
        textarea.classList.remove("is-drop-target");
        if (event.dataTransfer && event.dataTransfer.files.length) {
          event.preventDefault();
          textarea.focus();
          upload(event.dataTransfer.files);
        }
      });
      textarea.addEventListener("paste", function (event) {
        var files = event.clipboardData && event.clipboardData.files;
        if (files && files.length) {
          event.preventDefault();
          upload(files);
        }
      });
    }

    var previewButton = form.querySelector("[data-preview-button]");
    if (previewButton && panel) {
      previewButton.addEventListener("click", function (event) {
        event.preventDefault();
        var body = new FormData();
        body.append("body", textarea.value);
        post(data.previewUrl, body).then(function (result) {
          panel.hidden = false;
          var target = panel.querySelector("[data-preview-body]");
          if (result.ok) {
            target.innerHTML = result.data.html;  // the server's sanitised rendering (app/markup.py)
          } else {
            target.textContent = result.data && result.data.error ? result.data.error.message : data.previewFailed;
          }
          panel.focus();
        }, function () {
          panel.hidden = false;
          panel.querySelector("[data-preview-body]").textContent = data.previewFailed;
        });
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-composer]"), enhance);
})();
