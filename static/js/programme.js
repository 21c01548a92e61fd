"use strict";
// The programme's pages only (loaded by them, not by every page).
// Programme: a session's clock. Each phone counts down from the time left that the server gave it, so both
// phones agree. The next part, and the partner's taps, arrive through the follow in site.js (data-follow on
// #run-card): the server answers it when a part's time is up, too. The ticking clock is aria-hidden: only the partner's change
// ("Paused by Sam") or a new part ("Now: Breathe together") is said, once, in #run-news.
(function () {
  var ticking = null, shown = null, told = null, focused = null;
  document.addEventListener("focusin", function (event) {
    var card = document.getElementById("run-card");
    if (!card || !card.contains(event.target)) { focused = null; return; }
    var form = event.target.closest("form");
    focused = form ? form.getAttribute("action") : "heading";
  });
  document.addEventListener("focusout", function (event) {
    var left = event.target;
    setTimeout(function () {  // still on the page, and nothing focused now: the person moved focus away themselves
      if (left.isConnected && document.activeElement === document.body) focused = null;
    }, 0);
  });
  function refocus() {
    // The card was replaced: focus that was in it goes back to the same control, or else to the heading.
    if (focused === null) return;
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    var card = document.getElementById("run-card");
    var again = card && card.querySelector('form[action="' + focused + '"] button');
    var target = again || document.getElementById("run-heading");
    if (target) target.focus();
  }
  function start() {
    var heading = document.getElementById("run-heading"), news = document.getElementById("run-news");
    var card = document.getElementById("run-card");
    var said = card && card.dataset.news, key = card && card.dataset.newsKey;
    if (news && said && key !== told) news.textContent = said;
    else if (heading && news && shown !== null && heading.textContent !== shown) news.textContent = "Now: " + heading.textContent;
    told = key;
    shown = heading ? heading.textContent : null;
    refocus();
    var clock = document.querySelector("[data-countdown]");
    clearInterval(ticking);
    if (!clock) return;
    clock.hidden = false;
    var ends = Date.now() + Number(clock.dataset.countdown) * 1000;
    function show() {
      var left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
      clock.textContent = "(" + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + ")";
      if (left === 0) clearInterval(ticking);  // the follow (site.js) brings the next part when the server has it
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
  function news() { return document.querySelector("[data-guided-news]"); }
  function show() {
    var part = parts[index];
    status().textContent = part ? name(part) + " · " + clock(left) + " left" : "Finished. Get up slowly when you are ready.";
  }
  function say(text) { var region = news(); if (region) region.textContent = text; }
  function go(to) {
    if (parts[index]) parts[index].classList.remove("guided-current");
    index = to;
    var part = parts[index];
    if (!part) { clearInterval(timer); running = false; button().textContent = "Start again"; index = -1; show(); say("Finished. Get up slowly when you are ready."); return; }
    var minutes = Number(part.textContent.match(/· (\d+) minutes?$/)[1]);
    left = minutes * 60;
    say("Now: " + name(part) + ", " + minutes + " minute" + (minutes === 1 ? "" : "s"));
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
