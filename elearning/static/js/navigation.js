// Service navigation, "More": on a tablet or desktop, the items that do not fit on one line
// move, last first, into a list that opens from a "More" button at the end of the line, so
// the menu never wraps however many items a role has. On a phone GOV.UK Frontend's "Menu"
// button shows every item in a column, so every item goes back in its place. Without this
// file every item shows and the line wraps.
(function () {
  "use strict";
  var list = document.getElementById("navigation");
  var more = list && list.querySelector("[data-nav-more]");
  if (!more || !window.matchMedia) return;
  var toggle = more.querySelector("button");
  var moreList = more.querySelector("ul");
  var wide = window.matchMedia("(min-width: 40.0625em)");

  function shown() {
    return Array.prototype.filter.call(list.children, function (item) {
      return !item.hidden;
    });
  }

  function fits() {
    var items = shown();
    var top = items[0].offsetTop;
    return items.every(function (item) {
      return item.offsetTop === top;
    });
  }

  function close() {
    toggle.setAttribute("aria-expanded", "false");
    moreList.hidden = true;
  }

  function layout() {
    close();
    while (moreList.firstElementChild) {
      list.insertBefore(moreList.firstElementChild, more);
    }
    more.hidden = true;
    more.classList.remove("govuk-service-navigation__item--active");
    if (!wide.matches || fits()) return;
    more.hidden = false;
    // Keep at least one item on the line beside "More".
    while (shown().length > 2 && !fits()) {
      moreList.insertBefore(more.previousElementSibling, moreList.firstElementChild);
    }
    if (moreList.querySelector("[aria-current]")) {
      more.classList.add("govuk-service-navigation__item--active");
    }
  }

  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    moreList.hidden = !open;
  });
  more.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !moreList.hidden) {
      close();
      toggle.focus();
    }
  });
  // Close when focus or a click goes elsewhere, so the open list never covers the page.
  more.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !more.contains(event.relatedTarget)) close();
  });
  document.addEventListener("click", function (event) {
    if (!more.contains(event.target)) close();
  });

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      layout();
    });
  });
  if (wide.addEventListener) wide.addEventListener("change", layout);
  layout();
})();
