// Autosave of the visit form: every form posts itself as the user types. Each save
// carries the version of the row the page was showing; the reply brings the new version
// (X-Lock-Version) for the next save. A save refused because a colleague saved the same
// part first (409) shows their text and two choices, and is not retried: retrying would
// either fail forever or overwrite them. No reply at all ("no connection") and a server
// error (a 5xx: the server is up but failed, e.g. a busy database) are told apart to the
// user and both retried, the second with a growing pause; the page warns before it is
// left with unsaved input, so nothing typed is lost.
(function () {
  var texts = document.getElementById("autosave-texts");
  if (!texts) return;
  var dirty = new Set();
  var conflicted = new Set();
  var retries = new Map(); // form -> the timer of its next retry (one at a time)
  var failures = new Map(); // form -> server errors in a row
  var OFFLINE_RETRY_MS = 5000;
  var SERVER_RETRY_MS = [2000, 5000, 10000, 20000, 30000];

  function autosaveForm(elt) {
    return elt && elt.closest ? elt.closest("form.autosave") : null;
  }

  function showState(form, className, text) {
    var state = form.querySelector(".save-state");
    if (!state) return;
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    state.replaceChildren(span);
  }

  function lockInput(form) {
    return form.querySelector("input[name$='lock_version']");
  }

  document.querySelectorAll("form.autosave").forEach(function (form) {
    form.addEventListener("input", function () {
      dirty.add(form);
      // While in conflict the explanation stays up until the user chooses.
      if (!conflicted.has(form)) showState(form, "text-muted small", texts.dataset.editing);
    });
  });

  // A form in conflict saves only when the user chooses to save their text instead.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (form && conflicted.has(form)) event.preventDefault();
  });

  // The 409 reply is the conflict panel: show it where the save state goes.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) return;
    var xhr = event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    if (status === 409) {
      conflicted.add(form);
      dirty.add(form);
      return;
    }
    if (status >= 200 && status < 300) {
      failures.delete(form);
      var version = xhr.getResponseHeader("X-Lock-Version");
      var input = lockInput(form);
      if (version !== null && input) input.value = version;
      if (!form.querySelector(".save-error")) dirty.delete(form);
      return;
    }
    dirty.add(form);
    if (status === 0) {
      // No reply at all: the phone is offline or the server cannot be reached. Retried
      // every few seconds, and at once when the browser says the network is back.
      showState(form, "text-danger small save-offline", texts.dataset.offline);
      scheduleRetry(form, OFFLINE_RETRY_MS);
    } else if (status >= 500) {
      // The server answered but failed (e.g. the database was busy): not the user's
      // connection. Retried with a growing pause so a struggling server is not flooded.
      var attempt = (failures.get(form) || 0) + 1;
      failures.set(form, attempt);
      showState(
        form,
        "text-danger small save-server-error",
        texts.dataset.serverError.replace("%(n)s", String(attempt))
      );
      scheduleRetry(form, SERVER_RETRY_MS[Math.min(attempt, SERVER_RETRY_MS.length) - 1]);
    } else {
      // Refused for good (e.g. the report was published meanwhile): retrying cannot help.
      showState(form, "text-danger small save-error", texts.dataset.refused);
    }
  });

  function scheduleRetry(form, delay) {
    if (retries.has(form)) return;
    retries.set(form, setTimeout(function () { retryNow(form); }, delay));
  }

  function retryNow(form) {
    clearTimeout(retries.get(form));
    retries.delete(form);
    if (dirty.has(form) && !conflicted.has(form)) htmx.trigger(form, "submit");
  }

  window.addEventListener("online", function () {
    Array.from(retries.keys()).forEach(retryNow);
  });

  document.addEventListener("click", function (event) {
    var overwrite = event.target.closest("[data-overwrite-version]");
    var reload = event.target.closest("[data-reload-latest]");
    var form = autosaveForm(overwrite || reload);
    if (!form) return;
    if (overwrite) {
      // Deliberately save this text over the colleague's: send it on their version.
      lockInput(form).value = overwrite.getAttribute("data-overwrite-version");
      conflicted.delete(form);
      showState(form, "text-muted small", texts.dataset.editing);
      htmx.trigger(form, "submit");
    } else {
      dirty.delete(form);
      window.location.reload();
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size) { event.preventDefault(); event.returnValue = ""; }
  });
})();
