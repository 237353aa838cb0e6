import Foundation

/// What the served pages get and the built ones never do: a small script that asks the server
/// for the build state, reloads when a new build is ready and shows build errors over the page.
enum LiveReload {
    static let scriptPath = "/__bantin/live.js"
    static let statePath = "/__bantin/state"

    static let script = """
    // Served by `bantin serve` only; never part of public/.
    (function () {
      "use strict";
      var seen = null;
      function overlay(errors) {
        var box = document.getElementById("bantin-build-errors");
        if (!errors.length) { if (box) { box.remove(); } return; }
        if (!box) {
          box = document.createElement("pre");
          box.id = "bantin-build-errors";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1em;" +
            "background:#fff3f3;color:#5a0000;border-top:4px solid #a30f16;font:14px/1.4 monospace;white-space:pre-wrap;z-index:99999";
          document.body.appendChild(box);
        }
        box.textContent = "bantin: the last build failed; this is the last good site.\\n\\n" + errors.join("\\n");
      }
      function poll() {
        fetch("\(statePath)", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (state) {
          if (seen !== null && state.version !== seen) { location.reload(); return; }
          seen = state.version;
          overlay(state.errors);
        }).catch(function () {}).then(function () { setTimeout(poll, 500); });
      }
      poll();
    })();

    """

    /// The page as served: its CSP also allows our script and its polling, and the script is loaded.
    static func inject(into html: String) -> String {
        var page = html.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; script-src 'self'; connect-src 'self';")
        page = page.replacingOccurrences(of: "script-src 'self'; script-src 'self';", with: "script-src 'self';")
        if let end = page.range(of: "</body>", options: .backwards) {
            page.replaceSubrange(end, with: "<script src=\"\(scriptPath)\"></script>\n</body>")
        }
        return page
    }
}
