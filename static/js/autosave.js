// Autosave: every form posts itself on change; a failed save is retried and the page
// warns before it is left with unsaved input, so nothing typed is lost.
(function () {
  var text = document.getElementById("autosave-text");
  var dirty = new Set();
  function say(state, cssClass, message) {
    var span = document.createElement("span");
    span.className = cssClass + " small";
    span.textContent = message;
    state.replaceChildren(span);
  }
  document.querySelectorAll("form.autosave").forEach(function (form) {
    form.addEventListener("input", function () {
      dirty.add(form);
      var state = form.querySelector(".save-state");
      if (state) say(state, "text-muted", text.dataset.editing);
    });
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form.autosave");
    if (!form) return;
    if (event.detail.successful && !form.querySelector(".save-error")) {
      dirty.delete(form);
    } else if (!event.detail.successful) {
      var state = form.querySelector(".save-state");
      if (state) say(state, "text-danger", text.dataset.offline);
      dirty.add(form);
      setTimeout(function () { htmx.trigger(form, "submit"); }, 5000);
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty.size) { event.preventDefault(); event.returnValue = ""; }
  });
})();
