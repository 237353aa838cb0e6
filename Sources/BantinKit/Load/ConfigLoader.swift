import Foundation
import VietText

/// Reads `content/site.yaml`.
enum ConfigLoader {
    static func load(_ file: TextFile, into diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let root = YAMLValue.parse(file.text, file: file.path, lineOffset: 0, into: &diagnostics),
              var fields = FieldReader(root, what: "site.yaml", diagnostics: &diagnostics) else { return nil }
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        let description = fields.string("description", diagnostics: &diagnostics) ?? ""
        var baseURL = fields.string("base_url", required: true, diagnostics: &diagnostics)
        if let url = baseURL {
            // It goes into attributes, feeds and QR codes: only a plain web address will do.
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || URL(string: url)?.host == nil
                || url.contains(where: { "\"'<> \\`".contains($0) || $0.isNewline }) {
                diagnostics.error(root["base_url"]?.ref ?? fields.ref, "`base_url` must be an absolute http(s) address without quotes, spaces or <>",
                                  hint: "e.g. https://linhson.thainguyen.gov.vn/bantin/")
                baseURL = nil
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }
        let language = fields.string("language", diagnostics: &diagnostics) ?? "vi"
        let sampleNotice = fields.string("sample_notice", diagnostics: &diagnostics)
        let allowRawHTML = fields.bool("allow_raw_html", diagnostics: &diagnostics) ?? false
        let bundleRef = root["bundle_max_mb"]?.ref
        let bundleMax = fields.string("bundle_max_mb", diagnostics: &diagnostics)
        let bundleMegabytes = bundleMax.flatMap { VietNumber.parse($0) }
        if let bundleMax, bundleMegabytes == nil || bundleMegabytes! <= 0 {
            diagnostics.error(bundleRef ?? fields.ref, "`bundle_max_mb`: '\(bundleMax)' is not a positive number of megabytes")
        }

        var organization: Organization?
        if let orgValue = fields.raw("organization") {
            if var org = FieldReader(orgValue, what: "`organization`", diagnostics: &diagnostics) {
                let parent = org.string("parent", required: true, diagnostics: &diagnostics)
                let name = org.string("name", required: true, diagnostics: &diagnostics)
                let place = org.string("place", required: true, diagnostics: &diagnostics)
                let address = org.string("address", diagnostics: &diagnostics)
                org.reportUnknownKeys(into: &diagnostics)
                if let parent, let name, let place {
                    organization = Organization(parent: parent, name: name, place: place, address: address)
                }
            }
        } else {
            diagnostics.error(fields.ref, "site.yaml is missing `organization` (parent, name, place of the issuing body)",
                              hint: "organization: {parent: \"UBND PHƯỜNG …\", name: \"PHÒNG VĂN HOÁ - XÃ HỘI\", place: \"…\"}")
        }
        fields.reportUnknownKeys(into: &diagnostics)
        guard let title, let baseURL, let organization else { return nil }
        var config = SiteConfig(title: title, description: description, baseURL: baseURL, language: language,
                                organization: organization, sampleNotice: sampleNotice, allowRawHTML: allowRawHTML)
        if let bundleMegabytes, bundleMegabytes > 0 {
            config.bundleWarningBytes = Int(bundleMegabytes * 1_048_576)
            if let bundleRef { config.bundleWarningRef = bundleRef }
        }
        return config
    }
}
