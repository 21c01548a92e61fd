// Following the partner's phone: loaded only by the pages that follow (Together's card and start page, the
// programme's session card and home). Every page works without this file.

// Together (and anything else carrying data-follow: the Together start page, the programme's session card and
// home): follow the partner's phone. One request waits on the server until
// something changes (a tap, the partner arriving or answering), then the card
// is swapped and the next wait starts. After a dropped connection it tries again,
// a little later each time; if waiting requests keep failing (a proxy that cuts
// them, say), it falls back to asking every 2 seconds and tries waiting again later.
// A busy server (503) or a newer wait of yours (204) says when to ask again (Retry-After):
// busy, it asks at that pace, at a random moment, and without waiting, for a minute.
(function () {
  var controller = null, timer = null, failures = 0, pollingSince = 0, busyUntil = 0, busyEvery = 0;
  function card() { return document.getElementById("together-card") || document.querySelector("[data-follow]"); }
  function followed(element) { return element && element.dataset && (element.id === "together-card" || element.dataset.follow); }
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
          var fresh = parsed.getElementById(current.id);
          if (!fresh) { later(2000); return; }  // not a card: never swap anything else into the page
          if (current.id === "together-card" && fresh.dataset.version === current.dataset.version) {
            // Nobody moved: replace only the partner's status, never the answer being chosen.
            htmx.swap("#together-status", fresh.querySelector("#together-status").innerHTML, { swapStyle: "innerHTML" });
            var region = document.getElementById("together-news");
            if (fresh.dataset.news && fresh.dataset.news !== current.dataset.news && region) region.textContent = fresh.dataset.news;
            ["follow", "poll", "news"].forEach(function (key) { current.dataset[key] = fresh.dataset[key]; });
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
    if (followed(event.target)) later(0);
  });
  // Your own tap on the card (Next, Stop for today…) answers for itself: the wait stops until its answer lands,
  // so a change you made never reaches this phone twice (two redirects to one end page, say).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var current = card();
    if (!current || !(followed(event.detail.target) || current.contains(event.detail.elt))) return;
    clearTimeout(timer);
    if (controller) controller.abort();
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var current = card(), xhr = event.detail.xhr;
    if (!current || !current.contains(event.detail.elt) || (xhr && xhr.getResponseHeader("HX-Redirect"))) return;
    later(event.detail.successful ? 0 : 2000);  // a new card restarts it too (afterSettle); one wait either way
  });
  document.addEventListener("DOMContentLoaded", function () { later(0); });
  window.addEventListener("online", function () { failures = 0; later(0); });
  // Leaving (another page, another tab, the phone locked) tells the partner at once; coming back catches up.
  function leave() {
    var current = card();
    if (!current) return;
    if (controller) controller.abort();
    var token = current.querySelector("input[name=csrfmiddlewaretoken]");
    if (token && navigator.sendBeacon && current.dataset.away) {
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

// Together: after your own Back, Next or "Go on without waiting", focus goes to the new card's heading. When the
// partner's tap arrives, say so in the live region that was already there, and never move focus for it: whatever
// had focus before the card was replaced (your own Pause, an answer) has it again afterwards; if it is gone, the
// card's heading has it, silently (the live region speaks). The partner leaving, coming back and answering are
// said once each, from the change in `#partner-presence` (data-state), never again for the same state.
var focusedInCard = null;
function ownMoveOf(event) {
  var used = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
  return !!(used && used.closest && used.closest(".step-nav, .waiting-banner"));
}
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.target && event.detail.target.id === "together-card") {
    var active = document.activeElement;
    focusedInCard = active && active.id && event.detail.target.contains(active) ? active.id : null;
  }
});
var presenceSaid = null, partnerWasHere = false;  // the partner's state last said (or shown at load)
function presenceNews() {
  var presence = document.getElementById("partner-presence");
  if (!presence) return "";
  var state = presence.getAttribute("data-state"), name = presence.getAttribute("data-name"), before = presenceSaid;
  var cameBack = partnerWasHere;
  presenceSaid = state;
  if (state !== "away") partnerWasHere = true;
  if (before === null || before === state) return "";
  if (state === "away") return name + " left Together.";
  if (before === "away") return name + (cameBack ? " is back." : " is here.");
  if (state === "answered") return name + " answered.";
  return "";
}
document.addEventListener("DOMContentLoaded", presenceNews);
document.addEventListener("htmx:afterSettle", function (event) {
  var card = event.target;
  if (card.id !== "together-card" && card.id !== "together-status") return;
  var region = document.getElementById("together-news");
  var said = presenceNews();
  if (said && region) region.textContent = said;
  if (card.id !== "together-card") return;
  var news = card.getAttribute("data-news");
  if (news && region && !said) region.textContent = news;
  var heading = document.getElementById("step-heading");
  var again = focusedInCard && document.getElementById(focusedInCard);
  if (ownMoveOf(event) && heading) heading.focus();
  else if (again) again.focus();
  else if ((document.activeElement === document.body || !document.activeElement) && heading) heading.focus({ preventScroll: true });
  focusedInCard = null;
});
