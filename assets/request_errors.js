// A download or an upload whose callback request fails says so on the page.
// Dash 4 keeps a callback's `running` busy text ("Preparing the file…") up forever when the connection drops
// (a worker that died mid-request, a restart), and after an HTTP error (a proxy's 502 or 504, 413 for a
// body over its limit, a 500) it clears the text but shows nothing. This wraps fetch for the callback
// endpoint only, leaves every answer as it is for Dash, and on a failure of the download or upload
// callback hides its busy text and shows a message where that callback shows its own.
// The messages are the page's, in its language: the data-* attributes of #page-texts-dom (layout.page_texts),
// each a whole sentence per callback and failure, "{status}" standing for the HTTP status.
(function () {
  if (!window.fetch) return;
  var WATCHED = [
    {output: "download.data", busy: "export-status",
     show: function (text) { return [["export-error", {children: text, is_open: true}]]; },
     texts: "file"},
    {output: "user-data.data", busy: "upload-busy",
     show: function (text) { return [["upload-refused", {children: text}]]; },
     texts: "upload"}
  ];
  // Only if the page lacks its texts (never in the app): the English ones.
  var FALLBACK = {
    file: "The file could not be prepared", upload: "Your file could not be read",
    Lost: ": the server did not answer (the connection was lost). Please try again in a moment.",
    TooLarge: ": the file is too large for the server (HTTP 413). Split it into smaller files.",
    Timeout: ": the server did not answer in time (HTTP {status}). Please try again in a moment.",
    Failed: ": the server failed (HTTP {status}). Please try again in a moment."
  };

  function watched(init) {
    var body = init && typeof init.body === "string" ? init.body : "";
    if (body.indexOf('"output":') < 0) return null;
    var output;
    try { output = JSON.parse(body).output || ""; } catch (e) { return null; }
    for (var i = 0; i < WATCHED.length; i++) {
      if (output.indexOf(WATCHED[i].output) >= 0) return WATCHED[i];
    }
    return null;
  }

  function kind(status) {
    if (status === null) return "Lost";
    if (status === 413) return "TooLarge";
    if (status === 502 || status === 503 || status === 504) return "Timeout";
    return "Failed";
  }

  function message(entry, status) {
    var holder = document.getElementById("page-texts-dom");
    var key = entry.texts + kind(status);  // e.g. data-file-timeout is dataset.fileTimeout
    var text = holder && holder.dataset[key];
    if (!text) text = FALLBACK[entry.texts] + FALLBACK[kind(status)];
    return text.split("{status}").join(String(status));
  }

  function report(entry, status) {
    var api = window.dash_clientside;
    if (!api || !api.set_props) return;
    setTimeout(function () {  // after Dash has finished with the failed request
      api.set_props(entry.busy, {style: {display: "none"}});  // its `running` shows it while a request runs
      entry.show(message(entry, status)).forEach(function (update) {
        api.set_props(update[0], update[1]);
      });
    }, 0);
  }

  var original = window.fetch;
  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
    var entry = url.indexOf("_dash-update-component") >= 0 ? watched(init) : null;
    var answer = original.apply(this, arguments);
    if (!entry) return answer;
    return answer.then(function (response) {
      if (response.status >= 400) report(entry, response.status);
      return response;
    }, function (error) {
      report(entry, null);
      throw error;
    });
  };
})();
