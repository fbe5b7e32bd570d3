/* Security keys and passkeys (WebAuthn): the browser's part of adding one (settings) and of using one at
   log-in. The server sends the options and checks the answer, which this file puts in the form's hidden
   "credential" field before sending the form as usual; without it, codes work as before. */
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) { return; }
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = tokenMeta ? tokenMeta.content : "";
  function fromBase64url(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(base64 + "===".slice((base64.length + 3) % 4));
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); }).buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // Browsers from 2024 on read and write these JSON forms themselves; older ones get the same by hand.
  function creationOptions(json) {
    if (PublicKeyCredential.parseCreationOptionsFromJSON) { return PublicKeyCredential.parseCreationOptionsFromJSON(json); }
    var options = Object.assign({}, json, { challenge: fromBase64url(json.challenge),
      user: Object.assign({}, json.user, { id: fromBase64url(json.user.id) }) });
    options.excludeCredentials = (json.excludeCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: fromBase64url(c.id) });
    });
    return options;
  }

  function requestOptions(json) {
    if (PublicKeyCredential.parseRequestOptionsFromJSON) { return PublicKeyCredential.parseRequestOptionsFromJSON(json); }
    var options = Object.assign({}, json, { challenge: fromBase64url(json.challenge) });
    options.allowCredentials = (json.allowCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: fromBase64url(c.id) });
    });
    return options;
  }

  function answer(credential) {
    if (credential.toJSON) { return JSON.stringify(credential.toJSON()); }
    var response = {}, r = credential.response;
    ["clientDataJSON", "attestationObject", "authenticatorData", "signature", "userHandle"].forEach(function (key) {
      if (r[key]) { response[key] = toBase64url(r[key]); }
    });
    return JSON.stringify({ id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type,
                            response: response, clientExtensionResults: credential.getClientExtensionResults() });
  }

  // The messages come translated in the status line's data attributes.
  function say(form, which, text) {
    var status = form.querySelector(".security-key-status");
    status.textContent = text || status.dataset[which];
  }

  function fetchOptions(url) {
    return fetch(url, { method: "POST", credentials: "same-origin",
                        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken } })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) { throw new Error(data.error ? data.error.message : ""); }
          return data.publicKey;
        });
      });
  }

  // The ceremony, then the form is sent by `submitter`, as a click on it would have.
  function ceremony(form, url, call, submitter) {
    say(form, "waiting");
    fetchOptions(url).then(function (options) {
      return call(options).then(function (credential) {
        form.querySelector('input[name="credential"]').value = answer(credential);
        form.requestSubmit(submitter);
      }, function () { say(form, "cancelled"); });
    }).catch(function (error) { say(form, "failed", error.message); });
  }

  var signIn = document.querySelector("form[data-security-key-sign-in]");
  if (signIn) {
    var button = signIn.querySelector('button[name="which"][value="passkey"]');
    signIn.querySelector(".security-key-choice").hidden = false;
    button.addEventListener("click", function (event) {
      if (signIn.querySelector('input[name="credential"]').value) { return; }
      event.preventDefault();
      ceremony(signIn, signIn.dataset.securityKeySignIn, function (options) {
        return navigator.credentials.get({ publicKey: requestOptions(options) });
      }, button);
    });
  }

  var register = document.querySelector("form[data-security-key-register]");
  if (register) {
    register.addEventListener("submit", function (event) {
      var name = register.querySelector('input[name="name"]');
      // An empty name goes to the server as it is, which says what is missing before any key is asked.
      if (register.querySelector('input[name="credential"]').value || !name.value.trim()) { return; }
      event.preventDefault();
      ceremony(register, register.dataset.securityKeyRegister, function (options) {
        return navigator.credentials.create({ publicKey: creationOptions(options) });
      }, event.submitter);
    });
  }
})();
