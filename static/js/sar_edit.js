// The SAR editor: the Buddhist-era date picker, adding help-need rows, confirming a submit.
(function () {
  var picker = document.getElementById("board-date-picker");
  var field = document.getElementById("id_board_approved_on");
  if (picker && field) {
    picker.addEventListener("change", function () {
      var parts = picker.value.split("-");
      if (parts.length === 3) {
        field.value = parts[2] + "/" + parts[1] + "/" + (parseInt(parts[0], 10) + 543);
      }
    });
  }
  var addHelp = document.getElementById("add-help");
  if (addHelp) {
    addHelp.addEventListener("click", function () {
      var total = document.getElementById("id_help-TOTAL_FORMS");
      var index = parseInt(total.value, 10);
      var html = document.getElementById("help-empty").innerHTML.replace(/__prefix__/g, index);
      document.getElementById("help-rows").insertAdjacentHTML("beforeend", html);
      total.value = index + 1;
    });
  }
  document.querySelectorAll("[data-confirm-click]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm-click"))) { event.preventDefault(); }
    });
  });
})();
