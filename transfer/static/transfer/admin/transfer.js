"use strict";
// The admin pages of imports and exports. On the import form: the file is sent in the background to show how much
// of it has been uploaded; the server stores it, queues the import and answers with the address of the import's own
// page, which is then opened, as after a plain submit (a form with errors replaces this page instead). On the page
// of an import or an export: its state is polled every second (queued, reading, rows checked and saved) and the
// page reloads with the report, or the file to download, once the job has finished. Without this script the form is
// submitted as usual and the job's page has a link to reload it. The texts come translated from the data-text-*
// attributes of the template.
(function () {
  const POLL_MS = 1000;
  const WAITING_SECONDS = 20; // queued this long: the worker may not be running, which staff are told

  function announcer(element) {
    // The live region is only told when the text changes, so screen readers are not flooded with numbers.
    return function (text) {
      if (element && element.textContent !== text) element.textContent = text;
    };
  }

  function show(bar, amount, done, total, text) {
    if (total > 0) {
      bar.max = total;
      bar.value = Math.min(done, total);
    } else {
      bar.removeAttribute("value"); // indeterminate: the amount of work is not known yet
    }
    amount.textContent = text;
  }

  // --- An import's page: follow it until it has finished. ---
  const job = document.getElementById("transfer-job");
  if (job && window.fetch) {
    const texts = job.dataset;
    const bar = document.getElementById("import-progress-bar");
    const amount = document.getElementById("import-progress-amount");
    const announce = announcer(document.getElementById("transfer-job-status"));
    const poll = function () {
      fetch(texts.progressUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) return;
          if (status.state === "finished" || status.state === "failed") {
            announce(texts.textFinished);
            window.location.reload();
            return "over";
          }
          if (status.state === "queued") {
            show(bar, amount, 0, 0, "");
            announce(status.waiting >= WAITING_SECONDS ? texts.textWaiting : texts.textQueued);
          } else if (status.stalled) {
            announce(texts.textStalled);
          } else if (status.stage === "checking" || status.stage === "saving") {
            const rows = status.total ? texts.textRows.replace("{done}", status.done).replace("{total}", status.total) : "";
            show(bar, amount, status.done, status.total, rows);
            announce(status.stage === "checking" ? texts.textChecking : texts.textSaving);
          } else {
            show(bar, amount, 0, 0, "");
            announce(texts.textReading);
          }
        })
        .catch(function () { return null; /* a missed poll is caught up by the next one */ })
        .then(function (over) {
          if (over !== "over") window.setTimeout(poll, POLL_MS);
        });
    };
    poll();
  }

  // --- The form: show the upload's progress. ---
  const box = document.getElementById("import-upload");
  const form = box && box.closest("form");
  if (!form || !window.FormData || !("upload" in new XMLHttpRequest())) return;
  const bar = document.getElementById("import-upload-bar");
  const amount = document.getElementById("import-upload-amount");
  const announce = announcer(document.getElementById("import-upload-status"));
  const texts = box.dataset;
  let busy = false;

  function sameAddress(a, b) {
    return new URL(a, location.href).href.split("#")[0] === new URL(b, location.href).href.split("#")[0];
  }

  form.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    const action = form.getAttribute("action") || location.href;
    const buttons = form.querySelectorAll("[type=submit]");
    const request = new XMLHttpRequest();
    request.open("POST", action);
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable || !progress.total) return;
      show(bar, amount, progress.loaded, progress.total, Math.floor((progress.loaded * 100) / progress.total) + "%");
    });
    request.upload.addEventListener("load", function () {
      show(bar, amount, 0, 0, "");
      announce(texts.textUploaded);
    });
    request.addEventListener("load", function () {
      if (request.responseURL && !sameAddress(request.responseURL, action)) {
        // The import's page (or the login page, when the session has expired): go where a plain submit would.
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    function failed() {
      busy = false;
      box.hidden = true;
      announce(texts.textFailed);
      buttons.forEach(function (button) { button.disabled = false; });
    }
    request.addEventListener("error", failed);
    request.addEventListener("abort", failed);
    request.addEventListener("timeout", failed);
    const data = new FormData(form);
    buttons.forEach(function (button) { button.disabled = true; });
    box.hidden = false;
    show(bar, amount, 0, 0, "");
    announce(texts.textUploading);
    request.send(data);
  });
})();
