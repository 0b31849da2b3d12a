// The filters panel below 992 px (Bootstrap's offcanvas-lg classes; Bootstrap's own JS is not loaded):
// the Filters button opens it over the page as a dialog, and Esc, its close button or a tap beside it
// close it and give focus back to the button, so keyboard users carry on where they were. Tab stays
// inside while it is open. From 992 px up the same controls stand inline and none of this applies.
(function () {
  var WIDE = window.matchMedia("(min-width: 992px)");
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";

  function panel() { return document.getElementById("filters-panel"); }
  function opener() { return document.getElementById("filters-open"); }
  function isOpen() { var p = panel(); return Boolean(p && p.classList.contains("show")); }

  function open() {
    var p = panel();
    if (!p || WIDE.matches || isOpen()) return;
    p.classList.add("show");
    p.setAttribute("role", "dialog");
    p.setAttribute("aria-modal", "true");
    var backdrop = document.createElement("div");
    backdrop.id = "filters-backdrop";
    backdrop.className = "offcanvas-backdrop fade show";
    backdrop.addEventListener("click", function () { close(true); });
    document.body.appendChild(backdrop);
    document.body.classList.add("filters-open");  // the page behind does not scroll
    var button = opener();
    if (button) button.setAttribute("aria-expanded", "true");
    p.focus();  // a screen reader hears "Filters, dialog"; Tab goes on to the close button and the controls
  }

  function close(returnFocus) {
    var p = panel();
    if (!p || !isOpen()) return;
    p.classList.remove("show");
    p.setAttribute("role", "region");  // the named region of controls it is inline (layout.py)
    p.removeAttribute("aria-modal");
    var backdrop = document.getElementById("filters-backdrop");
    if (backdrop) backdrop.remove();
    document.body.classList.remove("filters-open");
    var button = opener();
    if (button) {
      button.setAttribute("aria-expanded", "false");
      if (returnFocus) button.focus();
    }
  }

  function keepTabInside(event) {
    var items = Array.prototype.filter.call(panel().querySelectorAll(FOCUSABLE), function (node) {
      return node.getClientRects().length > 0;
    });
    if (!items.length) return;
    var first = items[0], last = items[items.length - 1], active = document.activeElement;
    if (!panel().contains(active)) return;  // e.g. a dropdown's menu: it handles its own keys
    if (event.shiftKey && (active === first || active === panel())) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && active === last) { event.preventDefault(); first.focus(); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest("#filters-open")) open();
    else if (target.closest("#filters-close")) close(true);
  });
  document.addEventListener("keydown", function (event) {
    if (!isOpen()) return;
    if (event.key === "Escape") {
      // An open dropdown menu takes the first Esc (it closes itself); the next one closes the panel.
      if (panel().querySelector('.dash-dropdown[aria-expanded="true"]')) return;
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      keepTabInside(event);
    }
  });
  WIDE.addEventListener("change", function () { if (WIDE.matches) close(false); });  // rotated or resized
})();
