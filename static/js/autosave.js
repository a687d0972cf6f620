// Autosave of the visit form: every form posts itself as the user types. Each save
// carries the version of the row the page was showing; the reply brings the new version
// (X-Lock-Version) for the next save. A save refused because a colleague saved the same
// part first (409) shows their text and two choices, and is not retried: retrying would
// either fail forever or overwrite them. A lost connection is retried, and the page warns
// before it is left with unsaved input, so nothing typed is lost.
(function () {
  var texts = document.getElementById("autosave-texts");
  if (!texts) return;
  var dirty = new Set();
  var conflicted = new Set();

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
      var version = xhr.getResponseHeader("X-Lock-Version");
      var input = lockInput(form);
      if (version !== null && input) input.value = version;
      if (!form.querySelector(".save-error")) dirty.delete(form);
      return;
    }
    dirty.add(form);
    if (status === 0 || status >= 500) {
      showState(form, "text-danger small", texts.dataset.offline);
      setTimeout(function () { htmx.trigger(form, "submit"); }, 5000);
    } else {
      // Refused for good (e.g. the report was published meanwhile): retrying cannot help.
      showState(form, "text-danger small save-error", texts.dataset.refused);
    }
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
