/// What one scalar maps to (its UTF-8 bytes), worked out once for the letters Vietnamese text is
/// made of: Latin-1, Latin Extended-A/B (U+0080–U+024F) and Latin Extended Additional
/// (U+1E00–U+1EFF). The results sit in one flat array indexed by scalar value, so mapping a
/// whole text costs no hashing and no String per letter (folding through a Dictionary of
/// scalars and `String.lowercased()` were a tenth of the CPU of building a 10,000-page site).
struct ScalarTable: Sendable, Equatable {
    /// A slot: a count byte, then up to `stride - 1` bytes of result.
    private static let stride = 8
    /// The count byte of a scalar left to the caller's slow path.
    private static let notTabled: UInt8 = 0xFF
    private static let latin: Range<UInt32> = 0x80..<0x250
    private static let additional: ClosedRange<UInt32> = 0x1E00...0x1EFF

    private let slots: [UInt8]

    /// `result`: the bytes a scalar maps to, or nil to leave that scalar to the slow path.
    init(_ result: (Unicode.Scalar) -> [UInt8]?) {
        var slots: [UInt8] = []
        for value in Array(Self.latin) + Array(Self.additional) {
            let bytes = result(Unicode.Scalar(value)!).flatMap { $0.count < Self.stride ? $0 : nil }
            slots.append(bytes.map { UInt8($0.count) } ?? Self.notTabled)
            slots += (bytes ?? []) + repeatElement(0, count: Self.stride - 1 - (bytes?.count ?? 0))
        }
        self.slots = slots
    }

    /// A table stored as `hex` gave it (`ScalarTableData`). Made from its definition, a table asks
    /// Foundation about each of its 720 scalars: the decomposition table alone was most of a
    /// millisecond of every command's first slug.
    init(hex: StaticString) {
        precondition(hex.utf8CodeUnitCount == (Self.latin.count + Self.additional.count) * Self.stride * 2, "a stored table of another size")
        let digits = UnsafeBufferPointer(start: hex.utf8Start, count: hex.utf8CodeUnitCount)
        slots = hexBytes(digits)
    }

    /// The slots in lowercase hex, as `init(hex:)` reads them.
    var hex: String { hexDigits(slots) }

    /// The slot of a scalar that is not ASCII, if it has one.
    @inline(__always)
    private static func slot(_ value: UInt32) -> Int? {
        if value < latin.upperBound { return Int(value - latin.lowerBound) }
        if additional.contains(value) { return latin.count + Int(value - additional.lowerBound) }
        return nil
    }

    /// `text` mapped a scalar at a time, walking its UTF-8 in order: the sink gets every ASCII
    /// byte, the bytes the table holds for every other scalar it has, and every scalar left to
    /// the slow path, and writes what they become.
    @inline(__always)
    func map<Sink: ScalarSink>(_ text: String, with sink: inout Sink) -> String {
        var out = ByteWriter(capacity: text.utf8.count)
        var text = text   // withUTF8 is mutating (it may first make the string contiguous)
        text.withUTF8 { utf8 in
            slots.withUnsafeBufferPointer { slots in
                var index = 0
                while index < utf8.count {
                    let lead = utf8[index]
                    if lead < 0x80 {
                        sink.ascii(lead, to: &out)
                        index += 1
                        continue
                    }
                    // A String's UTF-8 is always valid: the lead byte says how long the sequence is.
                    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    var value = UInt32(lead) & (0xFF >> (length + 1))
                    for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
                    index += length
                    if let slot = Self.slot(value), slots[slot * Self.stride] != Self.notTabled {
                        let start = slot * Self.stride + 1
                        sink.tabled(UnsafeBufferPointer(rebasing: slots[start ..< start + Int(slots[start - 1])]), to: &out)
                    } else {
                        sink.other(Unicode.Scalar(value)!, to: &out)
                    }
                }
            }
        }
        return out.string
    }
}

/// What `ScalarTable.map` makes of each scalar of a text.
protocol ScalarSink {
    mutating func ascii(_ byte: UInt8, to out: inout ByteWriter)
    mutating func tabled(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter)
    mutating func other(_ scalar: Unicode.Scalar, to out: inout ByteWriter)
}

/// UTF-8 being written, in a buffer of its own: appending to an Array checks that it is not
/// shared for every byte, which was a third of the time of folding.
struct ByteWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow() }
        start[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append<Bytes: Sequence<UInt8>>(contentsOf bytes: Bytes) {
        for byte in bytes { append(byte) }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.initialize(from: start, count: count)
        start.deallocate()
        start = bigger
        capacity *= 2
    }

    /// What was written, as a String. Not checked to be UTF-8 again, as `String(decoding:)` would
    /// (a tenth of lowercasing a search entry): every sink writes ASCII, a table's bytes (which
    /// are a String's) or a String's bytes, never part of a character. Debug builds check.
    /// Marked ASCII when it is, as Swift's own check marks it: a slug, and every output path made
    /// from one, is otherwise hashed and compared through Unicode normalization.
    var string: String {
        let bytes = UnsafeBufferPointer(start: start, count: count)
        assert(String(validating: bytes, as: UTF8.self) != nil, "a ScalarSink wrote bytes that are not UTF-8")
        var span = UTF8Span(unchecked: bytes.span)
        _ = span.checkForASCII()
        return String(copying: span)
    }
}

/// Bytes from lowercase hex digits, two per byte.
func hexBytes(_ digits: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    func value(_ digit: UInt8) -> UInt8 { digit <= 0x39 ? digit - 0x30 : digit - 0x61 + 10 }
    return stride(from: 0, to: digits.count - 1, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// Bytes as lowercase hex digits, two per byte.
func hexDigits(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
}
