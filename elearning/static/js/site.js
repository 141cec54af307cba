// Starts GOV.UK Frontend's components (menus, error summaries, character counts).
(function () {
  "use strict";
  if (window.GOVUKFrontend && document.body.classList.contains("govuk-frontend-supported")) {
    window.GOVUKFrontend.initAll();
  }
})();
