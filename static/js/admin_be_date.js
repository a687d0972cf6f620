// The admin's date boxes in the Buddhist Era: each input.vBEDateField (dd/mm/BBBB, see
// iqa_district/admin_thai.py) gets a calendar button that opens a small month view with
// Thai month names and the BE year; picking a day writes dd/mm/BBBB into the box, "วันนี้"
// writes today. Django's own calendar (Gregorian) is not attached: the boxes are not
// vDateField. No inline script or style: the look is in css/admin_be_date.css.
(function () {
  var MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var DAYS = ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  var BE = 543;
  var open = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function parse(text) {
    var m = /^\s*(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})\s*$/.exec(text || "");
    if (!m) return null;
    var year = parseInt(m[3], 10);
    if (year > 2400) year -= BE;
    var d = new Date(year, parseInt(m[2], 10) - 1, parseInt(m[1], 10));
    return isNaN(d.getTime()) ? null : d;
  }

  function write(input, d) {
    input.value = pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + (d.getFullYear() + BE);
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function close() {
    if (open) { open.remove(); open = null; }
  }

  function show(input, button, month) {
    close();
    var picked = parse(input.value);
    var view = month || (picked ? new Date(picked.getFullYear(), picked.getMonth(), 1) : new Date());
    view = new Date(view.getFullYear(), view.getMonth(), 1);
    var box = el("div", "be-calendar");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "ปฏิทิน พ.ศ.");
    var head = el("div", "be-calendar-head");
    var prev = el("button", "be-calendar-nav", "‹");
    prev.type = "button";
    prev.setAttribute("aria-label", "เดือนก่อน");
    var next = el("button", "be-calendar-nav", "›");
    next.type = "button";
    next.setAttribute("aria-label", "เดือนถัดไป");
    var title = el("span", "be-calendar-title",
      MONTHS[view.getMonth()] + " พ.ศ. " + (view.getFullYear() + BE));
    head.append(prev, title, next);
    box.append(head);
    var grid = el("table", "be-calendar-grid");
    var row = el("tr");
    DAYS.forEach(function (d) { row.append(el("th", "", d)); });
    grid.append(row);
    row = el("tr");
    for (var i = 0; i < view.getDay(); i++) row.append(el("td"));
    var today = new Date();
    for (var day = 1; day <= new Date(view.getFullYear(), view.getMonth() + 1, 0).getDate(); day++) {
      var date = new Date(view.getFullYear(), view.getMonth(), day);
      var cell = el("td");
      var pick = el("button", "be-calendar-day", String(day));
      pick.type = "button";
      pick.dataset.date = pad(day) + "/" + pad(view.getMonth() + 1) + "/" + (view.getFullYear() + BE);
      if (picked && date.getTime() === picked.getTime()) pick.classList.add("selected");
      if (date.toDateString() === today.toDateString()) pick.classList.add("today");
      cell.append(pick);
      row.append(cell);
      if (date.getDay() === 6) { grid.append(row); row = el("tr"); }
    }
    if (row.children.length) grid.append(row);
    box.append(grid);
    var foot = el("div", "be-calendar-foot");
    var todayButton = el("button", "be-calendar-today", "วันนี้");
    todayButton.type = "button";
    var cancel = el("button", "be-calendar-cancel", "ยกเลิก");
    cancel.type = "button";
    foot.append(todayButton, cancel);
    box.append(foot);

    box.addEventListener("click", function (event) {
      event.stopPropagation();
      var target = event.target;
      if (target === prev) show(input, button, new Date(view.getFullYear(), view.getMonth() - 1, 1));
      else if (target === next) show(input, button, new Date(view.getFullYear(), view.getMonth() + 1, 1));
      else if (target === todayButton) { write(input, new Date()); close(); input.focus(); }
      else if (target === cancel) { close(); input.focus(); }
      else if (target.dataset && target.dataset.date) {
        input.value = target.dataset.date;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        close();
        input.focus();
      }
    });
    button.after(box);
    open = box;
  }

  function attach(input) {
    if (input.dataset.beCalendar) return;
    input.dataset.beCalendar = "1";
    var button = el("button", "be-calendar-button", "ปฏิทิน");
    button.type = "button";
    button.title = "เลือกวันที่จากปฏิทิน (พ.ศ.)";
    button.setAttribute("aria-label", "เลือกวันที่จากปฏิทิน (พ.ศ.)");
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      if (open && open.previousElementSibling === button) close();
      else show(input, button);
    });
    input.after(button);
  }

  function attachAll(root) {
    (root || document).querySelectorAll("input.vBEDateField").forEach(attach);
  }

  document.addEventListener("click", close);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  document.addEventListener("DOMContentLoaded", function () { attachAll(document); });
  // Rows the admin adds to an inline ("เพิ่ม…อีก") get their calendar too.
  document.addEventListener("formset:added", function (event) { attachAll(event.target); });
})();
