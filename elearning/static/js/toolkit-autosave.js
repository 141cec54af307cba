// Saves a draft area of a neglect assessment as the person types, so nothing is lost if the
// page is closed. The form still saves normally without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  var status = form.querySelector("[data-autosave-status]");
  var timer = null;
  function save() {
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
    }).then(function (response) {
      if (status) {
        status.textContent = response.ok ? "Draft saved." : "Not saved yet: check the form when you save.";
      }
    }).catch(function () {
      if (status) status.textContent = "Not saved: you may be offline.";
    });
  }
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
