import Testing
import QRCode

struct QRCodeTests {
    static let url = "https://example.com/bài-viết/xin-chào?x=1&y=2"

    @Test func knownURLIsVersion4AtMedium() throws {
        let code = try QRCode(Self.url)
        #expect(code.version == 4)
        #expect(code.size == 33)
    }

    @Test func moreCorrectionNeverShrinksTheSymbol() throws {
        let sizes = try QRErrorCorrection.allCases.map { try QRCode(Self.url, correction: $0).size }
        #expect(sizes == sizes.sorted())
        #expect(sizes.first! < sizes.last!)
    }

    @Test func finderPatternsAndQuietZone() throws {
        let code = try QRCode(Self.url)
        let last = code.size - 1
        // Every finder pattern has a dark 7×7 ring with a light ring just inside it.
        for (ox, oy) in [(0, 0), (last - 6, 0), (0, last - 6)] {
            #expect(code.isDark(x: ox, y: oy))
            #expect(code.isDark(x: ox + 6, y: oy + 6))
            #expect(!code.isDark(x: ox + 1, y: oy + 1))
            #expect(code.isDark(x: ox + 3, y: oy + 3))
        }
        #expect(!code.isDark(x: 7, y: 7))  // separator
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
    }

    @Test func encodingIsDeterministic() throws {
        #expect(try QRCode(Self.url) == QRCode(Self.url))
        #expect(try QRCode(Self.url) != QRCode(Self.url.uppercased()))
    }

    @Test func tooLongTextThrows() {
        // 2,953 bytes is the most any QR code holds, at version 40-L.
        let text = String(repeating: "a", count: 3000)
        #expect {
            try QRCode(text, correction: .low)
        } throws: { error in
            (error as? QRCodeError)?.message.contains("too long") == true
        }
    }

    @Test func capacityDependsOnCorrection() throws {
        let text = String(repeating: "é", count: 700)  // 1,400 bytes
        // Binary capacity at version 40: 2,953 bytes at L but only 1,273 at H.
        #expect(throws: Never.self) { try QRCode(text, correction: .low) }
        #expect(throws: QRCodeError.self) { try QRCode(text, correction: .high) }
    }

    @Test func emptyAndNULTextThrow() {
        #expect(throws: QRCodeError.self) { try QRCode("") }
        #expect(throws: QRCodeError.self) { try QRCode("a\u{0}b") }
    }
}
