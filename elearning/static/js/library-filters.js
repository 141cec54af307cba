// Library filters on a phone: the filters fold away behind a "Show filters" button, so the
// results come first. The button and the folding apply only below the tablet breakpoint (see
// .app-filter-toggle in the site styles); on a wider screen the filters stay beside the
// results. Without this file the button stays hidden and the filters are always shown.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-filter-toggle]");
  var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!panel) return;

  function set(open) {
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = toggle.getAttribute(open ? "data-hide-label" : "data-show-label");
    panel.classList.toggle("app-filters--collapsed", !open);
  }

  toggle.addEventListener("click", function () {
    set(toggle.getAttribute("aria-expanded") !== "true");
  });
  set(false);
  toggle.hidden = false;
})();
