import Foundation

/// What the served pages get and the built ones never do: a small script that asks the server
/// for the build state, reloads when a new build is ready and shows build errors over the page.
enum LiveReload {
    static let scriptPath = "/__bantin/live.js"
    static let statePath = "/__bantin/state"

    static let noSiteHeading = "bantin: the build failed and there is no site to show yet; this page reloads when a build succeeds."

    static let script = """
    // Served by `bantin serve` only; never part of public/.
    (function () {
      "use strict";
      // The build the page came from: a build that ends before the first poll still reloads it.
      var tag = document.currentScript;
      var seen = tag && tag.hasAttribute("data-version") ? Number(tag.getAttribute("data-version")) : null;
      var noSite = document.documentElement.hasAttribute("data-bantin-no-site");
      function overlay(errors) {
        var box = document.getElementById("bantin-build-errors");
        if (!errors.length) { if (box) { box.remove(); } return; }
        if (!box) {
          box = document.createElement("pre");
          box.id = "bantin-build-errors";
          box.setAttribute("role", "alert");
          document.body.appendChild(box);
        }
        // Styled from script, which the CSP allows (a style attribute or element it would not).
        box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1em;" +
          "background:#fff3f3;color:#5a0000;border-top:4px solid #a30f16;font:14px/1.4 monospace;white-space:pre-wrap;z-index:99999";
        box.textContent = (noSite ? "\(noSiteHeading)" : "bantin: the last build failed; this is the last good site.") +
          "\\n\\n" + errors.join("\\n");
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

    /// The page as served: its CSP also allows our script and its polling, and the script is loaded,
    /// told which build (`version`) the page comes from.
    static func inject(into html: String, version: Int) -> String {
        var page = html.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; script-src 'self'; connect-src 'self';")
        page = page.replacingOccurrences(of: "script-src 'self'; script-src 'self';", with: "script-src 'self';")
        if let end = page.range(of: "</body>", options: .backwards) {
            page.replaceSubrange(end, with: "<script src=\"\(scriptPath)\" data-version=\"\(version)\"></script>\n</body>")
        }
        return page
    }

    /// What a browser gets while there is no site at all and the last build failed: its errors, and
    /// the script, which shows later ones and reloads once a build succeeds. Under the site's CSP,
    /// so no inline script or style.
    static func noSitePage(errors: [String], version: Int) -> String {
        let text = ([noSiteHeading, ""] + errors).joined(separator: "\n")
        return inject(into: """
            <!DOCTYPE html>
            <html lang="en" data-bantin-no-site>
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>bantin: build failed</title>
            </head>
            <body>
            <pre id="bantin-build-errors" role="alert">\(escape(text))</pre>
            </body>
            </html>

            """, version: version)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
