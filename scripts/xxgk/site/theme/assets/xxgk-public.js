// xxgk: the 适老化 toggle (larger text, high contrast) and the 字号 steps, both remembered across pages
// in localStorage; the print buttons; the breadcrumb's 展开; and the hint over a table wider than its
// frame. The head applies the saved mode and 字号 before the page is drawn (partials/xxgk-head.html);
// this file only reacts. The page's Content-Security-Policy allows no inline handlers: all is here.
(function () {
  var CARE = "xxgk-care";
  var ZOOM = "xxgk-zoom";
  var MIN_ZOOM = -1; // the steps are in xxgk-public.css: 90 %, 100 %, 115 %, 130 %, 150 %
  var MAX_ZOOM = 3;
  var root = document.documentElement;

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (error) { /* private mode: this page only */ }
  }

  function zoom() {
    var level = parseInt(root.getAttribute("data-xxgk-zoom") || "0", 10);
    return isNaN(level) ? 0 : Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, level));
  }

  function showCare(on) {
    if (on) root.setAttribute("data-xxgk-care", "");
    else root.removeAttribute("data-xxgk-care");
    document.querySelectorAll("[data-xxgk-care-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function showZoom(level) {
    if (level) root.setAttribute("data-xxgk-zoom", String(level));
    else root.removeAttribute("data-xxgk-zoom");
    document.querySelectorAll("[data-xxgk-zoom-step]").forEach(function (button) {
      var step = parseInt(button.getAttribute("data-xxgk-zoom-step"), 10);
      var limit = step < 0 ? level <= MIN_ZOOM : level >= MAX_ZOOM;
      button.setAttribute("aria-disabled", limit ? "true" : "false");
    });
  }

  // A breadcrumb cut to one line offers 展开; a table wider than its frame shows the hint above it.
  function measure() {
    document.querySelectorAll(".xxgk-trail").forEach(function (trail) {
      var path = trail.querySelector(".xxgk-trail__path");
      var open = trail.classList.contains("xxgk-trail--open");
      trail.classList.toggle("xxgk-trail--long", open || path.scrollWidth > path.clientWidth + 1);
    });
    document.querySelectorAll(".xxgk-table__frame").forEach(function (frame) {
      frame.parentNode.classList.toggle("xxgk-table--wide", frame.scrollWidth > frame.clientWidth + 1);
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-xxgk-care-toggle], [data-xxgk-print], [data-xxgk-zoom-step], [data-xxgk-trail]");
    if (!target) return;
    if (target.hasAttribute("data-xxgk-care-toggle")) {
      var on = !root.hasAttribute("data-xxgk-care");
      store(CARE, on ? "1" : "0");
      showCare(on);
    } else if (target.hasAttribute("data-xxgk-print")) {
      window.print();
    } else if (target.hasAttribute("data-xxgk-zoom-step")) {
      var level = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom() + parseInt(target.getAttribute("data-xxgk-zoom-step"), 10)));
      store(ZOOM, String(level));
      showZoom(level);
    } else {
      var trail = target.closest(".xxgk-trail");
      var open = !trail.classList.contains("xxgk-trail--open");
      trail.classList.toggle("xxgk-trail--open", open);
      target.setAttribute("aria-expanded", open ? "true" : "false");
      target.textContent = open ? "收起" : "展开";
    }
    measure();
  });

  showCare(root.hasAttribute("data-xxgk-care"));
  showZoom(zoom());
  measure();
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(measure);
    document.querySelectorAll(".xxgk-trail__path, .xxgk-table__frame, .xxgk-table__frame > table").forEach(function (element) {
      observer.observe(element);
    });
  } else {
    window.addEventListener("resize", measure);
  }
})();
