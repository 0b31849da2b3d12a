// Accessibility repairs for third-party components (remove when Dash fixes them upstream):
// Dash 4's dropdown sends keyboard focus to an aria-hidden input and names its button by the value
// only. Both get the visible label's name plus the current value, and the input a combobox role.
// dcc.Upload's hidden file input gets a name too, and tabs lose references to panes that do not exist.
// Dash 4's slider has no prop for its thumb's name: the year slider's thumb takes its visible label's.
// The bar charts' linked region names leave the Tab order (see repair below).
(function () {
  function repair() {
    document.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var button = wrapper.querySelector("button.dash-dropdown");
      if (!button || !button.id) return;
      var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
      var name = label ? label.textContent.trim() : button.id;
      // All visible text in reading order: each chosen value, then the count ("11 selected").
      var parts = Array.prototype.map.call(
        button.querySelectorAll(".dash-dropdown-value-item, .dash-dropdown-value-count"),
        function (node) { return node.textContent.trim(); });
      var value = (parts.length ? parts.join(", ") : button.textContent).replace(/\s+/g, " ").trim();
      var full = value ? name + ": " + value : name;
      if (button.getAttribute("aria-label") !== full) button.setAttribute("aria-label", full);
      button.removeAttribute("aria-labelledby");  // it would override the name above, in another word order
      var focus = wrapper.querySelector(".dash-dropdown-focus-target");
      if (focus) {
        focus.removeAttribute("aria-hidden");
        focus.setAttribute("role", "combobox");
        focus.setAttribute("aria-haspopup", "listbox");
        focus.setAttribute("aria-expanded", button.getAttribute("aria-expanded") || "false");
        if (focus.getAttribute("aria-label") !== full) focus.setAttribute("aria-label", full);
      }
    });
    // dash-bootstrap-components 2.0.4 points each tab at "...-tabpane-null", which does not exist.
    // It also renders every tab with tabindex=-1, so the tabs could not be reached by keyboard.
    document.querySelectorAll('.nav-link[role="tab"]').forEach(function (tab) {
      var pane = tab.getAttribute("aria-controls");
      if (pane && !document.getElementById(pane)) tab.removeAttribute("aria-controls");
      if (tab.getAttribute("tabindex") !== "0") tab.setAttribute("tabindex", "0");
    });
    var thumb = document.querySelector("#year-slider [role=slider]");
    var yearLabel = document.getElementById("year-label");
    if (thumb && yearLabel && thumb.getAttribute("aria-labelledby") !== "year-label") {
      thumb.setAttribute("aria-labelledby", "year-label");
    }
    // The region names beside the bar charts are links (figures/name_links.py), drawn bottom up and up to 21 a
    // chart: out of the Tab order, which they would reverse and lengthen. The keyboard reaches the same entries
    // through each chart's footnote link and the About the figures tab's list of regions.
    document.querySelectorAll(".js-plotly-plot svg a:not([tabindex])").forEach(function (link) {
      link.setAttribute("tabindex", "-1");
    });
    var file = document.querySelector("#upload input[type=file]");
    if (file && !file.getAttribute("aria-label")) {
      var texts = document.getElementById("page-texts-dom");  // the page's language (layout.page_texts)
      file.setAttribute("aria-label", (texts && texts.dataset.uploadInput) ||
                        "Add your data: a CSV, Excel or Eurostat file");
    }
  }
  // Coalesced to one repair per frame: plotly adds thousands of nodes while it draws.
  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; repair(); });
  }
  new MutationObserver(schedule).observe(document.documentElement,
                                         {subtree: true, childList: true, characterData: true});
})();
