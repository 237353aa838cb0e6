/// A fenced code block whose info string starts with the word `bantin`, e.g.
///
///     ```bantin progress campaign=chi-thi-57 status="chưa báo cáo"
///     ...
///     ```
///
/// Such blocks carry structured data for the site generator rather than code to show.
public struct DataBlock: Sendable, Hashable {
    /// The word that marks a fenced block as a data block.
    public static let marker = "bantin"

    /// The whole info string, as cmark unescaped it.
    public let info: String
    /// The word after `bantin` when it is not a `key=value` pair, otherwise "".
    public let name: String
    /// `key=value` words in their written order; duplicates are kept.
    public let parameters: [DataBlockParameter]
    /// Words without `=` after the name.
    public let bareWords: [String]
    /// The literal content of the block, including its final newline.
    public let body: String
    /// Where the opening fence is.
    public let location: SourceLocation

    /// Returns nil when `info` does not start with the word `bantin`.
    public init?(info: String, body: String, location: SourceLocation) {
        let words = InfoStringTokenizer.words(in: info)
        guard let first = words.first, first.key == nil, first.value == Self.marker, !first.wasQuoted else {
            return nil
        }
        var rest = words.dropFirst()
        var name = ""
        if let candidate = rest.first, candidate.key == nil {
            name = candidate.value
            rest = rest.dropFirst()
        }
        self.info = info
        self.name = name
        self.parameters = rest.compactMap { word in
            word.key.map { DataBlockParameter(key: $0, value: word.value) }
        }
        self.bareWords = rest.filter { $0.key == nil }.map(\.value)
        self.body = body
        self.location = location
    }

    /// The value of the first parameter named `key`.
    public func parameter(_ key: String) -> String? {
        parameters.first { $0.key == key }?.value
    }
}

public struct DataBlockParameter: Sendable, Hashable {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
