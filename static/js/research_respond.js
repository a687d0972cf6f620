// The respondent's answers stay in this browser until the server confirms them, so a
// dropped connection or a closed tab loses nothing: restored on the next visit, cleared
// on the thank-you page.
(function () {
  "use strict";
  var form = document.getElementById("respond-form");
  var done = document.getElementById("respond-done");
  var token = (form || done || {}).dataset ? (form || done).dataset.token : null;
  if (!token) { return; }
  var key = "research-answers:" + token;
  if (done) { try { localStorage.removeItem(key); } catch (e) {} return; }
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
  Array.prototype.forEach.call(form.elements, function (el) {
    if (!el.name || !(el.name in saved)) { return; }
    if (el.type === "radio") { el.checked = el.value === saved[el.name]; }
    else if (!el.value) { el.value = saved[el.name]; }
  });
  form.addEventListener("input", function () {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken") { return; }
      if (el.type === "radio" && !el.checked) { return; }
      data[el.name] = el.value;
    });
    try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) {}
  });
})();
