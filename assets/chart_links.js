// A region's name beside a bar chart links to its entry in the About the figures tab (figures/name_links.py).
// The link was written when the chart was drawn; followed, it keeps the view as it is now: the address bar's
// settings with the tab, the focus and the entry ('#') of the link, as the page's other About links do
// (callbacks._register_about). It is followed in the page (the address changes, dcc.Location reads it), not
// by loading the page again; without this script the link still opens the entry, in the view it was drawn in.
(function () {
  var XLINK = "http://www.w3.org/1999/xlink";
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest(".js-plotly-plot svg a") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) return;  // a new tab or window: the address as written
    var href = link.getAttribute("href") || link.getAttributeNS(XLINK, "href") || "";
    if (href.charAt(0) !== "?" || href.length > 2000) return;
    var parts = href.slice(1).split("#");
    var wanted = new URLSearchParams(parts[0]);
    var focus = wanted.get("focus");
    if (wanted.get("tab") !== "about" || !focus) return;
    var params = new URLSearchParams(window.location.search);
    params.set("tab", "about");
    params.set("focus", focus);
    params.delete("present");
    event.preventDefault();
    window.history.pushState(null, "", "?" + params.toString() + (parts[1] ? "#" + parts[1] : ""));
    window.dispatchEvent(new PopStateEvent("popstate", {state: null}));  // dcc.Location follows the address
  }, true);
})();
