//
// Bantin: not part of swift-mustache.
//

/// Text held as UTF-8 bytes that renders exactly as the `String` of those bytes would: escaped
/// by `{{name}}`, as is by `{{{name}}}`, absent when empty, with no children of its own. A page's
/// body comes from cmark as bytes; this carries it onto the page without making it a String
/// (checking its UTF-8 and copying it) in between.
public struct UTF8Text: Sendable, Hashable, CustomStringConvertible {
    /// Must be valid UTF-8: they are copied onto the page unchecked.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    public var isEmpty: Bool { bytes.isEmpty }
    /// The text as a String, made anew at each use: for the few readers that need one.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    /// What a value that is not a String renders as, should it reach a path that describes it.
    public var description: String { string }
}
