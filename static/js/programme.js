"use strict";
// The programme's pages only (loaded by them, not by every page).
// Programme: a session's clock. Each phone counts down from the time left that the server gave it, so both
// phones agree; when a part ends, the card asks for the next one (it also asks every 5 s for a pause or stop).
(function () {
  var ticking = null, shown = null;
  function start() {
    var heading = document.getElementById("run-heading"), news = document.getElementById("run-news");
    if (heading && news && shown !== null && heading.textContent !== shown) news.textContent = "Now: " + heading.textContent;
    shown = heading ? heading.textContent : null;
    var clock = document.querySelector("[data-countdown]");
    clearInterval(ticking);
    if (!clock) return;
    clock.hidden = false;
    var ends = Date.now() + Number(clock.dataset.countdown) * 1000;
    function show() {
      var left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
      clock.textContent = "(" + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + ")";
      if (left === 0) {
        clearInterval(ticking);
        setTimeout(function () {
          var card = document.getElementById("run-card");
          if (card && window.htmx) window.htmx.trigger(card, "run-refresh");
        }, 600);
      }
    }
    show();
    if (!clock.dataset.paused) ticking = setInterval(show, 1000);
  }
  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", start);
})();

// Programme, on your own: a timed exercise guided part by part ("### Settling · 2 minutes"). Without JavaScript
// the page shows each part's time as text. Nothing is sent anywhere.
(function () {
  var timer = null, parts = [], index = -1, left = 0, running = false;
  function status() { return document.querySelector("[data-guided-status]"); }
  function button() { return document.querySelector("[data-guided-start]"); }
  function clock(seconds) { return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0"); }
  function name(part) { return part.textContent.replace(/\s*·.*$/, ""); }
  function show() {
    var part = parts[index];
    status().textContent = part ? name(part) + " · " + clock(left) + " left" : "Finished. Get up slowly when you are ready.";
  }
  function go(to) {
    if (parts[index]) parts[index].classList.remove("guided-current");
    index = to;
    var part = parts[index];
    if (!part) { clearInterval(timer); running = false; button().textContent = "Start again"; index = -1; show(); return; }
    left = Number(part.textContent.match(/· (\d+) minutes?$/)[1]) * 60;
    part.classList.add("guided-current");
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    part.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
    show();
  }
  function tick() {
    left -= 1;
    if (left <= 0) go(index + 1); else show();
  }
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-guided-start]")) return;
    var root = document.querySelector("[data-guided-exercise]");
    if (!root) return;
    if (running) { clearInterval(timer); running = false; button().textContent = "Carry on"; return; }
    if (index === -1) {
      parts = Array.prototype.filter.call(root.querySelectorAll("h3"), function (h) { return /· \d+ minutes?$/.test(h.textContent); });
      go(0);
    }
    running = true;
    button().textContent = "Pause";
    timer = setInterval(tick, 1000);
  });
})();
