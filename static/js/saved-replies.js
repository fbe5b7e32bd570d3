/* Answer form, brand team: Insert puts the chosen saved reply (filled in by the page) at the cursor instead of
   sending the form; without the script the form comes back with the reply after the text typed. */
(function () {
  "use strict";
  var picker = document.querySelector("[data-saved-replies]");
  var form = picker && picker.closest("form");
  if (!form) { return; }
  var select = picker.querySelector("select"), body = form.querySelector("textarea[name=body]");
  picker.querySelector("button[name=insert_reply]").addEventListener("click", function (event) {
    var option = select.options[select.selectedIndex];
    if (!option.value || !body) { return; }  // nothing chosen: the form says so
    event.preventDefault();
    body.setRangeText(option.getAttribute("data-text"), body.selectionStart, body.selectionEnd, "end");
    form.querySelector("input[name=used_reply]").value = option.value;
    select.selectedIndex = 0;
    body.dispatchEvent(new Event("input", { bubbles: true }));
    body.focus();
  });
})();
