/// Turns a byte offset into the line and column a text editor would show.
///
/// Only needed on the error path, so it rescans from the start instead of making the parser
/// track columns for every byte.
struct TextPosition: Equatable {
    let line: Int
    let column: Int

    /// `start` skips a BOM, which editors do not show as a character. Lines end at CRLF, LF or
    /// a lone CR (old Mac Excel). The column counts grapheme clusters, so "ệ" is one column
    /// whether it is stored as NFC or NFD; bytes before `offset` on its line must be valid UTF-8,
    /// which holds because callers report the *first* problem.
    init(offset: Int, in bytes: [UInt8], start: Int = 0) {
        var line = 1
        var lineStart = start
        var index = start
        while index < offset {
            switch bytes[index] {
            case ASCII.cr:
                if index + 1 < offset, bytes[index + 1] == ASCII.lf { index += 1 }
                line += 1
                lineStart = index + 1
            case ASCII.lf:
                line += 1
                lineStart = index + 1
            default:
                break
            }
            index += 1
        }
        self.line = line
        self.column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
    }
}

enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let tab: UInt8 = 0x09
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
}
