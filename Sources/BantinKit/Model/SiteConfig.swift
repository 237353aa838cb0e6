/// `content/site.yaml`: who publishes the bulletin and where it lives.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String
    /// Always ends with "/" so paths can be appended.
    public var baseURL: String
    public var language: String
    public var organization: Organization
    /// Shown on every page while names or numbers are invented.
    public var sampleNotice: String?
    /// Raw HTML in Markdown is dropped unless the site opts in.
    public var allowRawHTML: Bool
    /// Bundles larger than this are a warning (Zalo's file limit is the usual reason).
    public var bundleWarningBytes: Int = 25 * 1_048_576
    /// Where that limit was set (the `bundle_max_mb` line), for the warning to point at.
    public var bundleWarningRef = SourceRef(file: "content/site.yaml")
}

/// The issuing body as Decree 30 prints it in the letter header.
public struct Organization: Sendable {
    /// e.g. "UBND PHƯỜNG LINH SƠN"
    public var parent: String
    /// e.g. "PHÒNG VĂN HOÁ - XÃ HỘI"
    public var name: String
    /// e.g. "Linh Sơn", used in "Linh Sơn, ngày … tháng … năm …"
    public var place: String
    public var address: String?
}
