// Ask before any action marked data-confirm (deleting, returning a SAR, publishing).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute("data-confirm");
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
