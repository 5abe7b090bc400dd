// The open triage queue keeps itself current: it polls a small state answer every few seconds and,
// when the queue changed, refetches this same page and swaps the list in place. The tab title
// carries the number of urgent submissions nobody has acknowledged; a sound is optional.
// Without JavaScript the page works as before: reloading it shows what is new.
(function () {
  "use strict";
  var POLL_MS = 5000;
  var live = document.getElementById("queue-live");
  if (!live || !window.fetch || !window.DOMParser) { return; }
  var status = document.getElementById("live-status");
  var soundLabel = document.getElementById("live-sound-label");
  var soundBox = document.getElementById("live-sound");
  var version = live.getAttribute("data-version");
  var unacknowledged = Number(live.getAttribute("data-unacknowledged")) || 0;
  var baseTitle = document.title.replace(/^\(\d+\) /, "");
  var audio = null;

  function say(text) { status.textContent = text; }
  function clock() { return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }); }
  function setTitle(count) { document.title = count > 0 ? "(" + count + ") " + baseTitle : baseTitle; }

  function beep() {
    if (!soundBox.checked || !audio) { return; }
    var tone = audio.createOscillator();
    var gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
  }

  // Browsers allow sound only after a click: ticking the box is that click.
  soundLabel.hidden = false;
  soundBox.checked = window.localStorage && localStorage.getItem("queue-sound") === "on";
  soundBox.addEventListener("change", function () {
    if (window.localStorage) { localStorage.setItem("queue-sound", soundBox.checked ? "on" : "off"); }
    if (soundBox.checked && !audio && window.AudioContext) { audio = new AudioContext(); }
  });
  document.addEventListener("click", function () {
    if (soundBox.checked && !audio && window.AudioContext) { audio = new AudioContext(); }
  }, { once: true });

  function refresh() {
    return fetch(window.location.href, { credentials: "same-origin", headers: { "X-Queue-Refresh": "1" } })
      .then(function (answer) {
        if (!answer.ok || answer.redirected) { return false; }
        return answer.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.getElementById("queue-live");
          if (!fresh) { return false; }
          var focused = document.activeElement;
          var row = focused && focused.closest ? focused.closest("[data-reference]") : null;
          live.innerHTML = fresh.innerHTML;
          var count = page.getElementById("queue-count");
          var shownCount = document.getElementById("queue-count");
          if (count && shownCount) { shownCount.textContent = count.textContent; }
          // Keep the keyboard where it was: the same row's first control, if the row is still there.
          if (row) {
            var again = live.querySelector('[data-reference="' + row.getAttribute("data-reference") + '"] a, [data-reference="' + row.getAttribute("data-reference") + '"] button');
            if (again) { again.focus(); }
          }
          return true;
        });
      });
  }

  function poll() {
    fetch(live.getAttribute("data-state-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) {
        if (answer.status === 401) {
          say("You have been signed out. Reload the page to sign in again; new submissions are not shown until then.");
          document.title = "Signed out – " + baseTitle;
          return null;
        }
        if (!answer.ok) { throw new Error(String(answer.status)); }
        return answer.json();
      })
      .then(function (state) {
        if (!state) { return "stop"; }
        if (state.unacknowledged > unacknowledged) { beep(); }
        unacknowledged = state.unacknowledged;
        setTitle(unacknowledged);
        if (state.version === version) { return null; }
        return refresh().then(function (done) { if (done) { version = state.version; } });
      })
      .then(function (outcome) {
        if (outcome === "stop") { return; }
        say("Updates itself every few seconds. Last checked " + clock() + ".");
        window.setTimeout(poll, POLL_MS);
      })
      .catch(function () {
        say("Cannot reach the server (last try " + clock() + "); trying again.");
        window.setTimeout(poll, POLL_MS);
      });
  }

  say("Updates itself every few seconds.");
  window.setTimeout(poll, POLL_MS);
})();
