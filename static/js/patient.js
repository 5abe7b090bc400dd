// Small helpers for the patient's pages; every page works the same without them.
(function () {
  "use strict";

  // The error summary is what a patient must read first: focus it even when the browser would
  // otherwise scroll to a field named in the address (after following one of its links).
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (!summary) { return; }
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }

  // "None of these" and the symptoms exclude each other: ticking one clears the other kind.
  function exclusiveNone() {
    var boxes = document.querySelectorAll("input[type=checkbox][data-exclusive]");
    Array.prototype.forEach.call(boxes, function (none) {
      var others = document.querySelectorAll("input[type=checkbox][name='" + none.name + "']");
      Array.prototype.forEach.call(others, function (box) {
        box.addEventListener("change", function () {
          if (!box.checked) { return; }
          Array.prototype.forEach.call(others, function (other) {
            if (other !== box && (box === none || other === none)) { other.checked = false; }
          });
        });
      });
    });
  }

  // A running count of characters left, announced politely, where a box has a limit.
  function characterCounts() {
    var boxes = document.querySelectorAll("[data-max-characters]");
    Array.prototype.forEach.call(boxes, function (box) {
      var limit = parseInt(box.getAttribute("data-max-characters"), 10);
      var count = document.getElementById(box.id + "-count");
      if (!count) { return; }
      // The words come from the page, one per plural category of its language (Arabic has six).
      var words = { left: JSON.parse(count.getAttribute("data-left")), over: JSON.parse(count.getAttribute("data-over")) };
      var plural = new Intl.PluralRules(document.documentElement.lang || "en");
      function say(forms, n) {
        return (forms[plural.select(n)] || forms.other).replace("%(num)d", String(n));
      }
      function update() {
        var left = limit - box.value.replace(/\r\n/g, "\n").length;
        count.textContent = left >= 0 ? say(words.left, left) : say(words.over, -left);
        count.classList.toggle("character-count--over", left < 0);
      }
      box.addEventListener("input", update);
      update();
    });
  }

  // "Print this page" next to a return code: shown only where this script runs to print it.
  function printButtons() {
    var buttons = document.querySelectorAll("[data-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    printButtons();
    focusErrorSummary();
    exclusiveNone();
    characterCounts();
  });
})();
