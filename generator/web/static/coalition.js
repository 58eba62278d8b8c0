// coalition serve: a little script where it helps; every page works without it.
"use strict";

// A form that takes a while (LibreOffice drawing pages) says so, and is not sent twice.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (!button || button.disabled) return;
    button.disabled = true;
    var note = document.createElement("span");
    note.className = "busy";
    note.setAttribute("role", "status");
    note.textContent = form.dataset.busy;
    button.after(note);
  });
});

// The batch of letters: follow its progress, then show what it did.
var progress = document.getElementById("progress");
if (progress) {
  var bar = document.getElementById("progress-bar");
  var phase = document.getElementById("progress-phase");
  var count = document.getElementById("progress-count");
  var poll = function () {
    fetch(progress.dataset.url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.finished) {
          window.location.reload();
          return;
        }
        phase.textContent = state.phase;
        count.textContent = state.done + " of " + state.total;
        if (state.total) {
          bar.max = state.total;
          bar.value = state.done;
        }
        window.setTimeout(poll, 500);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  };
  window.setTimeout(poll, 300);
}
