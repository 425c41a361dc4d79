"use strict";
// The admin import page: sends the form in the background to show a progress bar, first of the upload, then of
// the rows the server checks and saves (polled from the import's progress address every half second). When the
// server answers, its page replaces this one, just as after a plain submit. Without this script the form is
// submitted as usual. The texts come translated from the template's data-text-* attributes.
(function () {
  const POLL_MS = 500;
  const box = document.getElementById("import-progress");
  const form = box && box.closest("form");
  if (!form || !window.FormData || !window.fetch || !("upload" in new XMLHttpRequest())) return;
  const bar = document.getElementById("import-progress-bar");
  const amount = document.getElementById("import-progress-amount");
  const status = document.getElementById("import-progress-status");
  const texts = box.dataset;
  let busy = false;

  function announce(text) {
    // The live region is only told when the stage changes, so screen readers are not flooded with numbers.
    if (status.textContent !== text) status.textContent = text;
  }

  function show(done, total, text) {
    if (total > 0) {
      bar.max = total;
      bar.value = Math.min(done, total);
    } else {
      bar.removeAttribute("value"); // indeterminate: the amount of work is not known yet
    }
    amount.textContent = text;
  }

  function rows(done, total) {
    return texts.textRows.replace("{done}", done).replace("{total}", total);
  }

  function sameAddress(a, b) {
    return new URL(a, location.href).href.split("#")[0] === new URL(b, location.href).href.split("#")[0];
  }

  form.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    const action = form.getAttribute("action") || location.href;
    const data = new FormData(form);
    const buttons = form.querySelectorAll("[type=submit]");
    buttons.forEach(function (button) { button.disabled = true; });
    box.hidden = false;
    show(0, 0, "");
    announce(texts.textUploading);

    let answered = false;
    let timer = null;

    function poll() {
      fetch(texts.progressUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (progress) {
          if (answered) return;
          // Nothing yet (404): the server is still receiving the file or has not started the import.
          if (progress && progress.stage === "reading") {
            show(0, 0, "");
            announce(texts.textReading);
          } else if (progress && (progress.stage === "checking" || progress.stage === "saving")) {
            show(progress.done, progress.total, progress.total ? rows(progress.done, progress.total) : "");
            announce(progress.stage === "checking" ? texts.textChecking : texts.textSaving);
          } else if (progress && progress.stage === "done") {
            show(progress.total, progress.total, progress.total ? rows(progress.total, progress.total) : "");
            announce(texts.textDone);
          }
        })
        .catch(function () { /* a missed poll is caught up by the next one */ })
        .then(function () {
          if (!answered) timer = window.setTimeout(poll, POLL_MS);
        });
    }

    const request = new XMLHttpRequest();
    request.open("POST", action);
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable || !progress.total) return;
      show(progress.loaded, progress.total, Math.floor((progress.loaded * 100) / progress.total) + "%");
    });
    request.upload.addEventListener("load", function () {
      show(0, 0, "");
      announce(texts.textReading);
      if (!answered && timer === null) poll();
    });
    request.addEventListener("load", function () {
      answered = true;
      window.clearTimeout(timer);
      bar.max = 1;
      bar.value = 1;
      announce(texts.textAnswered);
      if (request.responseURL && !sameAddress(request.responseURL, action)) {
        // Redirected, e.g. to the login page when the session has expired: go where a plain submit would.
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    function failed() {
      answered = true;
      busy = false;
      window.clearTimeout(timer);
      box.hidden = true;
      announce(texts.textFailed);
      buttons.forEach(function (button) { button.disabled = false; });
    }
    request.addEventListener("error", failed);
    request.addEventListener("abort", failed);
    request.addEventListener("timeout", failed);
    request.send(data);
  });
})();
