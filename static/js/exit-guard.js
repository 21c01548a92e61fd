// Quick exit, after the fact. Loaded first on every page, before anything shows.
// A tab that left through Quick exit and comes Back (or Forward) to a page of
// this site leaves again at once, so Back shows the neutral site, never ours.
// Opening the site afresh in that tab (a link, a typed address) works as usual.
(function () {
  document.documentElement.classList.add("js");  // the header menu may overlay only when site.js can close it
  function leaveAgain() {
    var to = null;
    try { to = sessionStorage.getItem("quick-exit"); } catch (e) { return false; }
    if (!to) return false;
    document.documentElement.hidden = true;
    location.replace(to);
    return true;
  }
  var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  if (entry && entry.type !== "back_forward") {
    try { sessionStorage.removeItem("quick-exit"); } catch (e) {}
  } else {
    leaveAgain();
  }
  window.addEventListener("pageshow", function (event) { if (event.persisted) leaveAgain(); });
})();
