// The clinician's page: open the one-time sheet with the key in the link's #fragment (conditions/clinician_links.py).
// The key never leaves this browser: it sends only the key's SHA-256, gets the locked sheet once, and opens it here.
(function () {
  var root = document.getElementById("clinician-sheet");
  if (!root) return;
  var status = document.getElementById("clinician-status");
  var body = document.getElementById("clinician-sheet-body");

  function say(text) { status.textContent = text; }
  function bytesOf(text) {
    var plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(plain, function (c) { return c.charCodeAt(0); });
  }
  function textOf(bytes) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function add(parent, tag, text) {
    var element = document.createElement(tag);
    if (text !== undefined) element.textContent = text;
    parent.appendChild(element);
    return element;
  }
  function list(heading, items) {
    if (!items.length) return;
    add(body, "h2", heading);
    var ul = add(body, "ul");
    items.forEach(function (item) { add(ul, "li", item); });
  }
  function show(sheet) {
    add(body, "p", "What I would like help with: sex that involves penetration hurts. I would like to find out why, and what can help.");
    if (sheet.answers.length) {
      add(body, "h2", "What I noticed");
      var dl = add(body, "dl");
      sheet.answers.forEach(function (row) { add(dl, "dt", row[0]); add(dl, "dd", row[1].join("; ")); });
    }
    list("Worth asking about, from the guide", sheet.suggestions);
    sheet.notes.forEach(function (note) { list(note[0], note[1]); });
    list("My own questions", sheet.questions);
    list("Questions from my partner", sheet.partner_questions || []);
    add(body, "p", "Made on " + sheet.made_on + ".").className = "meta";
    var print = document.querySelector("[data-clinician-print]");
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  // The key from the #fragment, kept only in this page's memory; again if the link is corrected in this tab (a
  // changed fragment does not reload the page). The sheet opens on a tap, never by itself, so a link checker that
  // runs the page cannot use the link up.
  var openButton = document.querySelector("[data-open-sheet]");
  var heldKey = "";
  function takeKey() {
    var keyText = window.location.hash.slice(1);
    if (keyText) history.replaceState(null, "", window.location.pathname); // the key leaves the address bar
    if (body.childElementCount) return; // opened already
    heldKey = keyText;
    var looksRight = /^[A-Za-z0-9_-]{43}$/.test(heldKey) && window.crypto && crypto.subtle;
    openButton.hidden = !looksRight;
    if (!window.crypto || !crypto.subtle) say(root.dataset.failed);
    else if (!heldKey) say(root.dataset.noKey); // e.g. reloaded: the key left the address bar as the page opened
    else if (!looksRight) say(root.dataset.incomplete);
    else say(root.dataset.ready);
  }
  openButton.addEventListener("click", function () {
    openButton.hidden = true;
    say(root.dataset.opening);
    openWith(heldKey);
  });
  window.addEventListener("hashchange", takeKey);
  takeKey();

  function openWith(keyText) {
    var key = bytesOf(keyText);
    var token = root.dataset.token;
    crypto.subtle.digest("SHA-256", key).then(function (digest) {
      return fetch(root.dataset.open, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-CSRFToken": root.querySelector("[name=csrfmiddlewaretoken]").value,
        },
        body: "check=" + textOf(digest),
      });
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) { say(answer.message || root.dataset.failed); return null; }
        var sealed = bytesOf(answer.sealed);
        return crypto.subtle.importKey("raw", key, "AES-GCM", false, ["decrypt"]).then(function (aes) {
          return crypto.subtle.decrypt(
            { name: "AES-GCM", iv: sealed.slice(0, 12), additionalData: new TextEncoder().encode(token) }, aes, sealed.slice(12)
          );
        }).then(function (plain) {
          show(JSON.parse(new TextDecoder().decode(plain)));
          say(root.dataset.opened);
        });
      });
    }).catch(function () { say(root.dataset.failed); });
  }
})();
