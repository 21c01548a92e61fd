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
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    var link = document.querySelector("[data-quick-exit]");
    if (link && now - lastEscape < 600) quickExit(link.href);
    lastEscape = now;
  });
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

// Together: follow the partner's phone. One request waits on the server until
// something changes (a tap, the partner arriving or answering), then the card
// is swapped and the next wait starts. After a dropped connection it tries again,
// a little later each time; if waiting requests keep failing (a proxy that cuts
// them, say), it falls back to asking every 2 seconds and tries waiting again later.
// A busy server (503) or a newer wait of yours (204) says when to ask again (Retry-After):
// busy, it asks at that pace, at a random moment, and without waiting, for a minute.
(function () {
  var controller = null, timer = null, failures = 0, pollingSince = 0, busyUntil = 0, busyEvery = 0;
  function card() { return document.getElementById("together-card"); }
  function later(delay) { clearTimeout(timer); timer = setTimeout(follow, delay); }
  function askAgainIn(response) {  // Retry-After in milliseconds, with up to as much again at random
    var seconds = parseInt(response.headers.get("Retry-After"), 10);
    if (!(seconds > 0)) return 0;
    return Math.min(seconds, 120) * 1000 * (1 + Math.random());
  }
  function follow() {
    var current = card();
    if (!current || !current.dataset.follow || document.hidden) return;
    if (controller) controller.abort();
    controller = new AbortController();
    var busy = busyUntil > Date.now();
    var polling = busy || (pollingSince && Date.now() - pollingSince < 60000);
    var url = polling ? current.dataset.poll : current.dataset.follow;
    fetch(url, { headers: { "HX-Request": "true", "HX-Current-URL": location.href }, credentials: "same-origin", cache: "no-store", signal: controller.signal })
      .then(function (response) {
        var redirect = response.headers.get("HX-Redirect");
        if (redirect) { location.assign(redirect); return; }
        if (response.status === 503 && askAgainIn(response)) {
          busyEvery = askAgainIn(response);
          busyUntil = Date.now() + 60000;
          later(busyEvery);
          return;
        }
        if (!response.ok) throw new Error(response.status);
        failures = 0;
        if (response.status === 204) { later(busy ? busyEvery : askAgainIn(response) || (polling ? 2000 : 0)); return; }
        return response.text().then(function (html) {
          if (card() !== current || !current.isConnected) return;  // your own tap replaced it meanwhile
          var parsed = new DOMParser().parseFromString(html, "text/html");
          var fresh = parsed.getElementById("together-card");
          if (!fresh) { later(2000); return; }  // not a card: never swap anything else into the page
          if (fresh.dataset.version === current.dataset.version) {
            // Nobody moved: replace only the partner's status, never the answer being chosen.
            htmx.swap("#together-status", fresh.querySelector("#together-status").innerHTML, { swapStyle: "innerHTML" });
            ["follow", "poll", "news"].forEach(function (key) { current.dataset[key] = fresh.dataset[key]; });
            var region = document.getElementById("together-news");
            if (fresh.dataset.news && region) region.textContent = fresh.dataset.news;
            later(0);
          } else {
            if (parsed.title) document.title = parsed.title;
            htmx.swap(current, fresh.outerHTML, { swapStyle: "outerHTML" });  // only the card, only once
          }
        });
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        failures += 1;
        if (failures >= 3 && !pollingSince) pollingSince = Date.now();
        later(Math.min(15000, 1000 * Math.pow(2, failures - 1)));
      });
  }
  // A new card (from the partner or from your own tap) starts a new wait with its own stamp.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id === "together-card") later(0);
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.target && event.detail.target.id === "together-card" && controller) controller.abort();
  });
  document.addEventListener("DOMContentLoaded", function () { later(0); });
  window.addEventListener("online", function () { failures = 0; later(0); });
  // Leaving (another page, another tab, the phone locked) tells the partner at once; coming back catches up.
  function leave() {
    var current = card();
    if (!current) return;
    if (controller) controller.abort();
    var token = current.querySelector("input[name=csrfmiddlewaretoken]");
    if (token && navigator.sendBeacon) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token.value);
      navigator.sendBeacon(current.dataset.away, data);
    }
  }
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", function () {
    if (!card()) return;
    if (document.hidden) leave(); else later(0);
  });
})();

// Together: when the partner's tap arrives, say so in the live region that was
// already there, and never move focus for it: whatever had focus before the
// card was replaced (your own Pause, an answer) has it again afterwards.
var focusedInCard = null;
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.target && event.detail.target.id === "together-card") {
    var active = document.activeElement;
    focusedInCard = active && active.id && event.detail.target.contains(active) ? active.id : null;
  }
});
document.addEventListener("htmx:afterSettle", function (event) {
  event.target.querySelectorAll && event.target.querySelectorAll("[data-hide-with-js]").forEach(function (element) { element.hidden = true; });
  event.target.querySelectorAll && event.target.querySelectorAll("[data-needs-js]").forEach(function (element) { element.hidden = false; });
  var card = event.target;
  if (card.id !== "together-card") return;
  var news = card.getAttribute("data-news");
  var region = document.getElementById("together-news");
  if (news && region) region.textContent = news;
  var again = focusedInCard && document.getElementById(focusedInCard);
  if (again) again.focus();
  focusedInCard = null;
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
  document.querySelectorAll("time[data-local-time]").forEach(function (time) {
    var when = new Date(time.getAttribute("datetime"));
    if (isNaN(when)) return;
    time.textContent = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + " on " +
      when.toLocaleDateString([], { day: "numeric", month: "long" });
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

// A double tap on Next moves one step, never two: for a moment after your own
// Back or Next changed the card, taps on the new Back and Next are ignored.
// (A change made by the partner's phone never blocks your taps.)
var settledAt = 0;
document.addEventListener("htmx:afterSwap", function (event) {
  var used = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (used && used.closest && used.closest(".step-nav")) settledAt = Date.now();
});
document.addEventListener("click", function (event) {
  var control = event.target.closest(".step-nav a, .step-nav button");
  if (control && Date.now() - settledAt < 450) {
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
