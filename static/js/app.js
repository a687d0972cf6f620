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

// Screens that fit (issue 18 item 7): every table of the page content scrolls inside a
// .table-responsive box of its own rather than pushing the page sideways, unless it is
// in one already or is a .table-cards list; a .table-cards list gets each cell's column
// heading as data-label, which app.css shows beside the value on a phone.
function fitTables(root) {
  var main = document.querySelector("main");
  if (!main || !root.querySelectorAll) return;
  root.querySelectorAll("table").forEach(function (table) {
    if (!main.contains(table)) return;
    if (table.classList.contains("table-cards")) {
      cardLabels(table);
      return;
    }
    for (var up = table.parentElement; up && up !== main; up = up.parentElement) {
      if (up.classList.contains("table-responsive")) return;
      var overflow = window.getComputedStyle(up).overflowX;
      if (overflow === "auto" || overflow === "scroll") return;
    }
    var box = document.createElement("div");
    box.className = "table-responsive";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });
}
function cardLabels(table) {
  var headRows = table.tHead ? table.tHead.rows : [];
  if (!headRows.length) return;
  var labels = [];
  Array.prototype.forEach.call(headRows[headRows.length - 1].cells, function (th) {
    for (var i = 0; i < (th.colSpan || 1); i++) labels.push(th.textContent.trim());
  });
  Array.prototype.forEach.call(table.tBodies, function (body) {
    Array.prototype.forEach.call(body.rows, function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (!cell.hasAttribute("data-label") && (cell.colSpan || 1) === 1) {
          cell.setAttribute("data-label", labels[column] || "");
        }
        column += cell.colSpan || 1;
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { fitTables(document); });
document.addEventListener("htmx:load", function (event) { fitTables(event.target); });
