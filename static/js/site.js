// Only what htmx does not already do. Every page works without this file.

// Quick exit: leave at once and replace this page in the tab's history.
// Escape pressed twice does the same. The tab remembers (sessionStorage) that
// it left, so Back to any earlier page of this site leaves again (exit-guard.js).
(function () {
  function quickExit(url) {
    document.body.hidden = true;
    try { sessionStorage.clear(); sessionStorage.setItem("quick-exit", url); } catch (e) {}
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    quickExit(link.href);
  });
  // An Escape that closed something (the menu, a browser's suggestion list, a dialog) never counts: only two
  // quick presses that each closed nothing leave the site.
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (event.defaultPrevented || event.isComposing) { lastEscape = 0; return; }
    var now = Date.now();
    var link = document.querySelector("[data-quick-exit]");
    if (link && now - lastEscape < 600) quickExit(link.href);
    lastEscape = now;
  });
})();

// The header menu closes when focus leaves it and on one Escape (focus goes back to "Menu"), so the open panel
// never covers what has focus. Without JavaScript it pushes the page down instead (site.css).
(function () {
  document.addEventListener("focusout", function (event) {
    var menu = event.target.closest && event.target.closest("details.menu[open]");
    if (menu && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var menu = document.querySelector("details.menu[open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
    event.preventDefault();  // this Escape closed the menu: it is not half of a quick exit
  }, true);
})();

// After htmx swaps in new content, move focus to its heading so screen
// readers announce what changed. A swap with no heading (a saved answer)
// puts focus back on the chosen option, so keyboard users keep their place.
document.addEventListener("htmx:afterSettle", function (event) {
  var root = event.target;
  if (root.id === "together-card") return;  // handled below: the partner's taps never move focus
  var heading = root.matches("[data-focus-after-swap]") ? root : root.querySelector("[data-focus-after-swap]");
  if (heading) {
    heading.focus();
  } else if (document.activeElement === document.body) {
    var chosen = root.querySelector("input:checked");
    if (chosen) chosen.focus();
  }
});

// A signed-in page says which time zone its dates are in (data-zone); if this phone's zone is another,
// keep it in the tz cookie so the next page's dates are in this phone's own zone (companion/time_zones.py).
(function () {
  var drawnIn = document.documentElement.getAttribute("data-zone");
  var here = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (drawnIn === null || !here || here === drawnIn || !/^[A-Za-z0-9_+\/-]{1,64}$/.test(here)) return;
  document.cookie = "tz=" + here + "; path=/; max-age=31536000; samesite=lax" +
    (window.location.protocol === "https:" ? "; secure" : "");
})();

// Print buttons only make sense with JavaScript, so they start hidden.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});

// An invite link carries its code after the # (browsers never send that part,
// so the code stays out of every log). Fill the join form in from it, and keep
// it in this tab across "make an account first" until the form is sent.
document.addEventListener("DOMContentLoaded", function () {
  var fromLink = /^#([A-Za-z0-9-]{4,20})$/.exec(window.location.hash);
  if (fromLink) {
    sessionStorage.setItem("invite-code", fromLink[1]);
    history.replaceState(null, "", window.location.pathname);
  }
  var input = document.querySelector("[data-invite-code]");
  var saved = sessionStorage.getItem("invite-code");
  if (input && saved && !input.value) input.value = saved;
  if (input) input.form.addEventListener("submit", function () { sessionStorage.removeItem("invite-code"); });
});

// Swapped-in content shows what needs JavaScript and hides what is only for pages without it.
document.addEventListener("htmx:afterSettle", function (event) {
  event.target.querySelectorAll && event.target.querySelectorAll("[data-hide-with-js]").forEach(function (element) { element.hidden = true; });
  event.target.querySelectorAll && event.target.querySelectorAll("[data-needs-js]").forEach(function (element) { element.hidden = false; });
});

// Invites: copy and share buttons (shown only when they can work), and the
// expiry in the phone's own time.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-needs-js]").forEach(function (element) { element.hidden = false; });
  document.querySelectorAll("[data-hide-with-js]").forEach(function (element) { element.hidden = true; });
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) { button.hidden = true; return; }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () { button.textContent = "Copied"; });
    });
  });
  document.querySelectorAll("[data-share]").forEach(function (button) {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: "Join me on Companion", url: button.getAttribute("data-share") }).catch(function () {});
    });
  });
});

// Back and Next on an idea save an answer that is still waiting for its
// short settle delay, so moving on straight after choosing loses nothing.
document.addEventListener("click", function (event) {
  var control = event.target.closest("[data-saves-answer]");
  var form = control && document.getElementById("mark-form");
  if (form && form.dataset.changed === "1" && window.htmx) htmx.trigger(form, "save-now");
}, true);
document.addEventListener("change", function (event) {
  var form = event.target.closest("#mark-form");
  if (form) form.dataset.changed = "1";
});
document.addEventListener("htmx:afterRequest", function (event) {
  if (event.target.id === "mark-form") event.target.dataset.changed = "0";
});

// A double tap on Next moves one step, never two: for a moment (GUARD_MS) after your own
// Back or Next changed the card, taps on the new Back and Next are ignored, and they show it: dimmed and
// aria-disabled until they take taps again, so a quick deliberate tap is never dropped unseen.
// (A change made by the partner's phone never blocks your taps.)
var settledAt = 0, GUARD_MS = 300;
document.addEventListener("htmx:afterSwap", function (event) {
  var used = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!(used && used.closest && used.closest(".step-nav"))) return;
  settledAt = Date.now();
  var controls = document.querySelectorAll(".step-nav a, .step-nav button");
  controls.forEach(function (control) { control.setAttribute("aria-disabled", "true"); control.classList.add("is-settling"); });
  setTimeout(function () {
    controls.forEach(function (control) { control.removeAttribute("aria-disabled"); control.classList.remove("is-settling"); });
  }, GUARD_MS);
});
document.addEventListener("click", function (event) {
  var control = event.target.closest(".step-nav a, .step-nav button");
  if (control && Date.now() - settledAt < GUARD_MS) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// The guide's results survive opening a suggested page and coming Back: the
// answers wait in this tab's sessionStorage (never in a URL, a log or on the
// server) and one tap shows the results again. "Start again" forgets them.
(function () {
  var KEY = "guide-answers";
  function remember(root) {
    var form = root.querySelector && root.querySelector("[data-guide-answers]");
    if (!form) return;
    var pairs = [];
    form.querySelectorAll("input[type=hidden]").forEach(function (input) {
      if (input.name !== "csrfmiddlewaretoken") pairs.push([input.name, input.value]);
    });
    sessionStorage.setItem(KEY, JSON.stringify(pairs));
  }
  function offer(root) {
    var box = root.querySelector && root.querySelector("[data-guide-again]");
    if (box && sessionStorage.getItem(KEY)) box.hidden = false;
  }
  document.addEventListener("DOMContentLoaded", function () { remember(document); offer(document); });
  document.addEventListener("htmx:afterSettle", function (event) { remember(event.target); });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-forget-guide]")) {
      sessionStorage.removeItem(KEY);
      var box = document.querySelector("[data-guide-again]");
      if (box) box.hidden = true;
    }
    if (!event.target.closest("[data-guide-restore]")) return;
    var form = document.getElementById("guide-form");
    var pairs = JSON.parse(sessionStorage.getItem(KEY) || "[]");
    pairs.forEach(function (pair) {
      form.querySelectorAll("input[name='" + CSS.escape(pair[0]) + "']").forEach(function (input) {
        if (input.value === pair[1]) input.checked = true;
      });
    });
    form.requestSubmit();
  });
})();
