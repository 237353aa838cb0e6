import CQRencode

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum QRErrorCorrection: Sendable, Hashable, CaseIterable {
    /// Recovers about 7 % of damaged modules.
    case low
    /// About 15 %: the usual choice for print.
    case medium
    /// About 25 %.
    case quartile
    /// About 30 %.
    case high

    var level: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}

public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A QR code symbol, copied out of libqrencode so it can be kept and shared freely.
public struct QRCode: Sendable, Hashable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// The QR version (1...40) libqrencode picked for the text.
    public let version: Int
    private let modules: [Bool]  // row-major, size × size

    public init(_ text: String, correction: QRErrorCorrection = .medium) throws {
        // libqrencode reads a C string, so a NUL would silently end the text early.
        guard !text.utf8.contains(0) else {
            throw QRCodeError("QR code text contains a NUL character")
        }
        guard !text.isEmpty else {
            throw QRCodeError("QR code text is empty")
        }
        // Case-sensitive 8-bit hint: URLs must keep their case; libqrencode still
        // switches to the denser numeric/alphanumeric modes for runs where it can.
        guard let symbol = QRcode_encodeString(text, 0, correction.level, QR_MODE_8, 1) else {
            throw QRCodeError(Self.describeFailure(errno: errno, byteCount: text.utf8.count, correction: correction))
        }
        defer { QRcode_free(symbol) }

        let width = Int(symbol.pointee.width)
        // Bit 0 is the module colour; the other bits only describe which part of the
        // symbol (finder, timing, data…) the module belongs to.
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        self.size = width
        self.version = Int(symbol.pointee.version)
        self.modules = data.map { $0 & 1 == 1 }
    }

    /// Outside the symbol is the quiet zone, so it reads as light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    private static func describeFailure(errno code: Int32, byteCount: Int, correction: QRErrorCorrection) -> String {
        switch code {
        case ERANGE:
            "text is too long for a QR code (\(byteCount) bytes at error correction \(correction))"
        case EINVAL:
            "text cannot be encoded as a QR code"
        case ENOMEM:
            "out of memory while encoding a QR code"
        default:
            "libqrencode failed (errno \(code))"
        }
    }
}
