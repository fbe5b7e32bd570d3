/* A destructive action's confirmation page, shown in a dialog over the queue; its form posts as from the page. */
(function () {
  "use strict";
  var dialog;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-confirm-dialog]");
    if (!link || !window.fetch || !window.HTMLDialogElement || event.ctrlKey || event.metaKey) { return; }
    event.preventDefault();
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (html) {
      var box = new DOMParser().parseFromString(html, "text/html").querySelector("[data-confirm-box]");
      if (!box) { throw new Error(); }
      if (!dialog) {
        dialog = document.createElement("dialog");
        dialog.className = "confirm-dialog";
        dialog.setAttribute("aria-labelledby", "confirm-heading");
        document.body.appendChild(dialog);
        dialog.addEventListener("click", function (e) {
          if (e.target.closest("[data-cancel]")) { e.preventDefault(); dialog.close(); }
        });
        dialog.addEventListener("close", function () { if (dialog.opener) { dialog.opener.focus(); } });
      }
      dialog.replaceChildren(document.importNode(box, true));
      dialog.opener = link;
      dialog.showModal();
    }).catch(function () { window.location.href = link.href; });
  });
})();
