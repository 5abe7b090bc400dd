// A waiting-room tablet (issue 12.3): warn after a while untouched, then clear the questions for the
// next person; the confirmation goes back to the start page after a minute. The server clears an
// idle tablet too (a request after the reset time), so turning this script off reveals nothing.
(function () {
  "use strict";

  var ACTIVITY = ["pointerdown", "keydown", "input", "touchstart", "wheel"];
  // Someone using the page without sending it (typing a long answer) still counts as being here:
  // the server hears of it at most this often, so it does not clear the tablet under their fingers.
  var TELL_SERVER_EVERY_MS = 30000;

  function csrfToken() {
    var input = document.querySelector("#tablet-reset input[name=csrf_token]");
    return input ? input.value : "";
  }

  function idleTimers(body) {
    var warnAfter = parseInt(body.getAttribute("data-idle-warn"), 10) * 1000;
    var resetAfter = parseInt(body.getAttribute("data-idle-reset"), 10) * 1000;
    var stillHereUrl = body.getAttribute("data-still-here");
    var warning = document.getElementById("tablet-warning");
    var button = document.getElementById("tablet-still-here");
    var resetForm = document.getElementById("tablet-reset");
    if (!warnAfter || !resetAfter || !warning || !resetForm) { return; }
    var lastActivity = Date.now();
    var lastTold = Date.now();
    var warned = false;
    var returnFocus = null;

    function tellServer() {
      lastTold = Date.now();
      var request = new XMLHttpRequest();
      request.open("POST", stillHereUrl);
      request.setRequestHeader("X-CSRFToken", csrfToken());
      request.send();
    }

    function hideWarning() {
      warned = false;
      warning.hidden = true;
      if (returnFocus && returnFocus.focus) { returnFocus.focus(); }
    }

    function showWarning() {
      warned = true;
      returnFocus = document.activeElement;
      warning.hidden = false;
      button.focus();
    }

    function active() {
      lastActivity = Date.now();
      if (warned) { hideWarning(); tellServer(); }
    }

    ACTIVITY.forEach(function (name) {
      document.addEventListener(name, active, { capture: true, passive: true });
    });
    button.addEventListener("click", function () { active(); tellServer(); });

    window.setInterval(function () {
      var idle = Date.now() - lastActivity;
      if (idle >= resetAfter) {
        resetForm.submit();
      } else if (idle >= warnAfter && !warned) {
        showWarning();
      } else if (!warned && lastActivity > lastTold && Date.now() - lastTold >= TELL_SERVER_EVERY_MS) {
        tellServer();
      }
    }, 250);
  }

  function returnAfterConfirmation() {
    var form = document.querySelector("form[data-tablet-return-after]");
    if (!form) { return; }
    var seconds = parseInt(form.getAttribute("data-tablet-return-after"), 10);
    window.setTimeout(function () { form.submit(); }, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    idleTimers(document.body);
    returnAfterConfirmation();
  });
})();
