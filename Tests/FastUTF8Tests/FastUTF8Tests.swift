import CFastUTF8
import FastUTF8
import Testing

/// The SIMD check, and the scalar one beside it, answer as Swift's own `String(validating:)`.
@Suite struct FastUTF8Tests {
    /// Swift's answer and both of ours for the bytes; the first disagreement is reported whole.
    private static func disagreement(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            let swift = String(validating: buffer, as: UTF8.self) != nil
            let simd = bantin_utf8_valid(buffer.baseAddress, buffer.count)
            let scalar = bantin_utf8_valid_scalar(buffer.baseAddress, buffer.count)
            guard simd != swift || scalar != swift else { return nil }
            return "\(bytes.map { String($0, radix: 16) }): Swift \(swift), SIMD \(simd), scalar \(scalar)"
        }
    }

    /// Every pair of bytes, at the start of a block, across two blocks and at the end of the text.
    @Test(arguments: [0, 15, 30])
    func everyTwoBytes(offset: Int) {
        var bytes = [UInt8](repeating: 0x61, count: offset + 2)
        var found: String?
        for value in 0..<65536 where found == nil {
            bytes[offset] = UInt8(value & 0xFF)
            bytes[offset + 1] = UInt8(value >> 8)
            found = Self.disagreement(bytes)
        }
        #expect(found == nil)
    }

    /// Every lead byte with every byte after it and the edges of each range as the third, as the
    /// last of a text and across a block's end.
    @Test func threeBytesFromEveryLead() {
        let thirds: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF]
        var bytes = [UInt8](repeating: 0x61, count: 17)
        var found: String?
        for lead in UInt8(0xC0)...0xFF {
            for second in UInt8(0)...0xFF {
                for third in thirds where found == nil {
                    (bytes[14], bytes[15], bytes[16]) = (lead, second, third)
                    found = Self.disagreement(bytes)
                }
            }
        }
        #expect(found == nil)
    }

    /// Leads of four bytes (and bytes that are never leads) with every second byte and the edges
    /// of the continuation range after it: whole, cut short, and followed by ASCII.
    @Test func fourByteSequences() {
        let edges: [UInt8] = [0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0]
        var found: String?
        for lead: UInt8 in [0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF] {
            for second in UInt8(0)...0xFF {
                for third in edges {
                    for fourth in edges where found == nil {
                        let sequence = [lead, second, third, fourth]
                        for cut in 1...4 {
                            let cutShort = Array(repeating: 0x61, count: 13) + sequence.prefix(cut)
                            found = found ?? Self.disagreement(cutShort) ?? Self.disagreement(cutShort + [0x61])
                        }
                    }
                }
            }
        }
        #expect(found == nil)
    }

    /// Random texts mostly of the bytes UTF-8 is made of, of every length up to a few blocks.
    @Test func randomTexts() {
        // Seeded, so a failure can be run again.
        var state: UInt64 = 57
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 24
        }
        var found: String?
        for _ in 0..<200_000 where found == nil {
            let count = Int(next() % 80)
            found = Self.disagreement((0..<count).map { _ in
                let pick = next()
                switch pick % 10 {
                case 0...3: return UInt8(0x20 + (pick >> 8) % 0x5F)
                case 4...6: return UInt8(0x80 + (pick >> 8) % 0x40)
                case 7...8: return UInt8(0xC0 + (pick >> 8) % 0x40)
                default: return UInt8(truncatingIfNeeded: pick >> 8)
                }
            })
        }
        #expect(found == nil)
    }

    /// Real Vietnamese text of many lengths is valid; one byte changed in it anywhere is caught.
    @Test func vietnameseTextAndOneBadByte() {
        let text = Array(String(repeating: "Chỉ thị 57-CT/TW về an ninh mạng, bảo đảm an toàn thông tin và dữ liệu. 🇻🇳 ", count: 6).utf8)
        for count in 0...text.count { #expect(Self.disagreement(Array(text.prefix(count))) == nil) }
        for index in text.indices {
            for bad: UInt8 in [0x80, 0xC0, 0xFF] {
                var broken = text
                broken[index] = bad
                #expect(Self.disagreement(broken) == nil)
            }
        }
    }

    @Test func stringsAreThoseSwiftMakes() {
        let valid = Array("Phường Linh Sơn – bản tin số 1".utf8)
        let invalid: [UInt8] = [0x61, 0xFF, 0x62, 0xE1, 0xBB]
        valid.withUnsafeBufferPointer { #expect(FastUTF8.string(validating: $0) == "Phường Linh Sơn – bản tin số 1") }
        invalid.withUnsafeBufferPointer { #expect(FastUTF8.string(validating: $0) == nil) }
        #expect(FastUTF8.string(decoding: invalid) == String(decoding: invalid, as: UTF8.self))
        #expect(FastUTF8.string(decoding: invalid) == "a\u{FFFD}b\u{FFFD}")
        #expect(FastUTF8.string(decoding: [UInt8]()) == "")
    }

    /// Marked ASCII as Swift marks its own: a String not known to be ASCII is hashed and compared
    /// through normalization. Longer than 15 bytes, as shorter ones are always examined whole.
    @Test func asciiStringsAreMarkedAscii() {
        for (text, ascii) in [("tin-tuc/bai-viet-so-1/index.html", true), ("tin-tuc/bài-viết-số-1/index.html", false)] {
            let made = FastUTF8.string(decoding: Array(text.utf8))
            #expect(made.utf8Span.isKnownASCII == ascii, "\(text)")
            #expect(made.utf8Span.isKnownASCII == String(decoding: Array(text.utf8), as: UTF8.self).utf8Span.isKnownASCII)
        }
    }
}
