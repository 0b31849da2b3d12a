// A download or an upload whose callback request fails says so on the page.
// Dash 4 keeps a callback's `running` text ("Preparing the file…") up forever when the connection drops
// (a worker that died mid-request, a restart), and after an HTTP error (a proxy's 502 or 504, 413 for a
// body over its limit, a 500) it clears the text but shows nothing. This wraps fetch for the callback
// endpoint only, leaves every answer as it is for Dash, and on a failure of the download or upload
// callback clears its busy text and shows a message where that callback shows its own.
(function () {
  if (!window.fetch) return;
  var WATCHED = [
    {output: "download.data", busy: "export-status",
     show: function (text) { return [["export-error", {children: text, is_open: true}]]; },
     what: "The file could not be prepared"},
    {output: "user-data.data", busy: "upload-busy",
     show: function (text) { return [["upload-refused", {children: text}]]; },
     what: "Your file could not be read"}
  ];

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

  function reason(status) {
    if (status === null) return "the server did not answer (the connection was lost). Please try again in a moment.";
    if (status === 413) return "the file is too large for the server (HTTP 413). Split it into smaller files.";
    if (status === 502 || status === 503 || status === 504) {
      return "the server did not answer in time (HTTP " + status + "). Please try again in a moment.";
    }
    return "the server failed (HTTP " + status + "). Please try again in a moment.";
  }

  function report(entry, status) {
    var api = window.dash_clientside;
    if (!api || !api.set_props) return;
    setTimeout(function () {  // after Dash has finished with the failed request
      api.set_props(entry.busy, {children: ""});
      entry.show(entry.what + ": " + reason(status)).forEach(function (update) {
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
