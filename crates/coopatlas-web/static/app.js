// coopatlas web: the one script. Pages work without it; it adds pan and zoom to the network
// explorer and the maps (elements with data-pan-zoom holding an <svg> with a viewBox).
"use strict";
(function () {
  function panZoom(container) {
    var svg = container.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) { return; }
    var base = svg.viewBox.baseVal;
    var view = { x: base.x, y: base.y, w: base.width, h: base.height };
    var initial = { x: view.x, y: view.y, w: view.w, h: view.h };
    function apply() { svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h); }
    function point(event) {
      var rect = svg.getBoundingClientRect();
      return { x: view.x + (event.clientX - rect.left) / rect.width * view.w,
               y: view.y + (event.clientY - rect.top) / rect.height * view.h };
    }
    function zoom(factor, at) {
      var w = Math.min(initial.w * 4, Math.max(initial.w / 20, view.w * factor));
      var h = w * view.h / view.w;
      view.x = at.x - (at.x - view.x) * (w / view.w);
      view.y = at.y - (at.y - view.y) * (h / view.h);
      view.w = w; view.h = h; apply();
    }
    container.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, point(event));
    }, { passive: false });
    var drag = null;
    container.addEventListener("pointerdown", function (event) {
      if (event.target.closest("a")) { return; }
      drag = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y } };
      container.setPointerCapture(event.pointerId);
    });
    container.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var rect = svg.getBoundingClientRect();
      view.x = drag.view.x - (event.clientX - drag.x) / rect.width * view.w;
      view.y = drag.view.y - (event.clientY - drag.y) / rect.height * view.h;
      apply();
    });
    container.addEventListener("pointerup", function () { drag = null; });
    var buttons = container.parentElement.querySelectorAll("[data-zoom]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var kind = button.getAttribute("data-zoom");
        if (kind === "reset") { view = { x: initial.x, y: initial.y, w: initial.w, h: initial.h }; apply(); return; }
        zoom(kind === "in" ? 1 / 1.4 : 1.4, { x: view.x + view.w / 2, y: view.y + view.h / 2 });
      });
    });
    container.setAttribute("data-ready", "true");
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-pan-zoom]").forEach(panZoom);
  });
})();
