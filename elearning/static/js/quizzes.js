// Scenario quizzes: small enhancements. The quiz works fully without this file.
// If someone has started answering a stage and follows "Leave and come back later", remind
// them that only finished stages are kept.
(function () {
  "use strict";
  var form = document.querySelector("[data-quiz-form]");
  if (!form) return;
  var changed = false;
  form.addEventListener("change", function () { changed = true; });
  form.addEventListener("input", function () { changed = true; });
  var leave = form.querySelector("[data-quiz-leave]");
  if (leave) {
    leave.addEventListener("click", function (event) {
      if (changed && !window.confirm(leave.getAttribute("data-quiz-leave"))) {
        event.preventDefault();
      }
    });
  }
})();
