import BantinKit
import VietText
import Foundation

/// The Linh Sơn site of this repository, loaded once per fuzzer process: data blocks and
/// activity reports are only meaningful against real units, campaigns and indicators.
public enum LinhSon {
    /// Fuzz/Sources/FuzzSupport/LinhSon.swift → the repository root.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let site: Site = {
        guard let site = SiteLoader.load(siteRoot: root, asOf: VietDate(year: 2026, month: 7, day: 15)!).site else {
            fatalError("the Linh Sơn site in \(root.path)/content does not load; run `bantin build` there to see why")
        }
        return site
    }()
}
