// xxgk: the 适老化 toggle (larger text, high contrast), remembered across pages in localStorage,
// and the print button of the application form. The head applies the saved mode before the page
// is drawn (overrides/partials/xxgk-head.html); this file only reacts to the buttons.
(function () {
  var KEY = "xxgk-care";
  var root = document.documentElement;

  function show(on) {
    if (on) root.setAttribute("data-xxgk-care", "");
    else root.removeAttribute("data-xxgk-care");
    document.querySelectorAll("[data-xxgk-care-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-xxgk-care-toggle]")) {
      var on = !root.hasAttribute("data-xxgk-care");
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (error) { /* private mode: this page only */ }
      show(on);
    }
    if (event.target.closest("[data-xxgk-print]")) window.print();
  });
  show(root.hasAttribute("data-xxgk-care"));
})();
