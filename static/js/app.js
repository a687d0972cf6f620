// Ask before any action marked data-confirm (deleting, returning a SAR, publishing).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var submitter = event.submitter;
  var message = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);

// Select boxes that act at once: data-autosubmit submits its form, data-navigate (on a
// form) goes to the chosen option's URL. (No inline handlers: the CSP forbids them.)
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target.hasAttribute && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
    return;
  }
  var form = target.closest && target.closest("form[data-navigate]");
  if (form && target.tagName === "SELECT") {
    window.location = target.value;
  }
});

// Progress bars carry their percentage as data-progress; the width is set here, as the
// CSP allows no style attributes. htmx.onLoad runs for the page and for every swap.
if (window.htmx) {
  htmx.onLoad(function (root) {
    var bars = root.querySelectorAll ? root.querySelectorAll("[data-progress]") : [];
    bars.forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.progress) || 0)) + "%";
    });
  });
}

// A button marked data-print prints the page (no inline handlers: the CSP forbids them).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// Long lists (a district has ~250 schools): a select marked data-search becomes a search
// box with Tom Select, from our own static files; also in content htmx swaps in.
function searchableSelects(root) {
  if (!window.TomSelect) return;
  root.querySelectorAll("select[data-search]").forEach(function (select) {
    if (select.tomselect) return;
    var none = select.getAttribute("data-no-results") || "-";
    new window.TomSelect(select, {
      maxOptions: null,
      plugins: select.multiple ? ["remove_button"] : [],
      render: {
        no_results: function () {
          var div = document.createElement("div");
          div.className = "no-results";
          div.textContent = none;
          return div;
        }
      }
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { searchableSelects(document); });
document.addEventListener("htmx:load", function (event) { searchableSelects(event.target); });

// The synthesis report's sections are collapsed <details>: a link to one (#std-1-2 in
// the table of contents) opens it, which loads its content (hx-trigger="toggle once").
function openLinkedSection() {
  var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.tagName === "DETAILS") {
    target.open = true;
  }
}
window.addEventListener("hashchange", openLinkedSection);
document.addEventListener("DOMContentLoaded", openLinkedSection);
