import Foundation
import Testing
@testable import BantinKit

@Suite struct SearchIndexTests {
    /// The lowercased text comes from VietText.lowercase now; it must be what lowercased() gave.
    @Test func entryTextIsLowercasedAsBefore() {
        let title = "ĐẢNG CỘNG SẢN VIỆT NAM — ΟΔΟΣ İ"
        let text = "Thông báo SỐ 5\n\nNội dung “QUAN TRỌNG” 😀 Ǆ"
        let entry = SearchIndex.entry(title, "a/index.html", "Tin tức", text)
        #expect(Array(entry.x.utf8) == Array((title + " " + text).lowercased().utf8))
    }
}
