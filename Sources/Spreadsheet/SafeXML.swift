import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives SAX events from one xlsx part. Streaming keeps a large sheet from being held twice
/// (bytes plus a tree), and each part needs only a few elements.
protocol XMLHandler: AnyObject {
    /// Names and attribute keys arrive without their namespace prefix: Excel writes
    /// `<row>`, but other producers write `<x:row>` for the same element.
    func start(_ name: String, attributes: [String: String]) throws(SpreadsheetError)
    func end(_ name: String) throws(SpreadsheetError)
    func text(_ string: String)
}

enum SafeXML {
    /// Refuses any DOCTYPE or ENTITY declaration before the parser sees the bytes: xlsx parts
    /// never need one, and refusing is the one defence against entity expansion ("billion
    /// laughs") and external entities (XXE) that does not depend on the XML library's settings.
    static func parse(_ data: Data, part: String, handler: some XMLHandler) throws(SpreadsheetError) {
        if let declaration = declaration(in: data) {
            throw SpreadsheetError(
                message: "\(part) contains a <!\(declaration)> declaration, which workbooks never need; "
                    + "the file was refused as possibly malicious.",
                hint: "If the file came from a trusted program, open it in Excel or LibreOffice and save it again as .xlsx.")
        }
        // A stream, not `XMLParser(data:)`: on Linux the latter hands libxml2 the whole buffer
        // at once and fails with NSXMLParserErrorDomain code 1 at the end of any part over
        // 10 MB (swift-corelibs-foundation issue 4851), which real sheets of ~25,000 rows reach.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let bridge = Bridge(handler: handler, parser: parser)
        parser.delegate = bridge
        // On Linux `parse()` returns true even after a mismatched tag or a truncated
        // document (libxml2 recovers and goes on), so the delegate's error report decides.
        let ok = parser.parse()
        if let error = bridge.handlerError { throw error }
        if let (line, column) = bridge.syntaxErrorPosition ?? (ok ? nil : (parser.lineNumber, parser.columnNumber)) {
            throw SpreadsheetError(
                message: "\(part) is not well-formed XML (XML line \(line), column \(column)); the workbook is damaged.",
                hint: "Open it in Excel or LibreOffice, which can often repair it, and save it again as .xlsx.")
        }
    }

    /// Looks for `<!DOCTYPE` or `<!ENTITY` in any case, skipping NUL bytes so UTF-16 parts are
    /// caught too. A match inside a comment or CDATA is refused as well: erring towards refusal
    /// costs nothing for real workbooks.
    static func declaration(in data: Data) -> String? {
        let keywords = ["DOCTYPE", "ENTITY"].map { Array($0.utf8) }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            while index < bytes.count {
                defer { index += 1 }
                guard bytes[index] == UInt8(ascii: "<") else { continue }
                var cursor = index + 1
                func next() -> UInt8? {
                    while cursor < bytes.count, bytes[cursor] == 0 { cursor += 1 }
                    guard cursor < bytes.count else { return nil }
                    defer { cursor += 1 }
                    return bytes[cursor]
                }
                guard next() == UInt8(ascii: "!") else { continue }
                let afterBang = cursor
                for keyword in keywords {
                    cursor = afterBang
                    if keyword.allSatisfy({ letter in next().map { $0 & 0xDF } == letter }) {
                        return String(decoding: keyword, as: UTF8.self)
                    }
                }
            }
            return nil
        }
    }

    private final class Bridge: NSObject, XMLParserDelegate {
        let handler: any XMLHandler
        /// Only used to stop parsing at the first handler error.
        weak var parser: XMLParser?
        private(set) var handlerError: SpreadsheetError?
        private(set) var syntaxErrorPosition: (line: Int, column: Int)?

        init(handler: any XMLHandler, parser: XMLParser) {
            self.handler = handler
            self.parser = parser
        }

        private func run(_ body: () throws(SpreadsheetError) -> Void) {
            guard handlerError == nil else { return }
            do {
                try body()
            } catch {
                handlerError = error
                parser?.abortParsing()
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            // Stop at the first error: what libxml2 reports after recovering is guesswork.
            guard syntaxErrorPosition == nil, handlerError == nil else { return }
            syntaxErrorPosition = (parser.lineNumber, parser.columnNumber)
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            // Namespace declarations arrive as attributes ("xmlns:r") and would collide with
            // real ones once the prefix is gone; an unprefixed attribute wins over a prefixed one.
            var local: [String: String] = [:]
            for (key, value) in attributes where Self.hasPrefix(key) && !key.hasPrefix("xmlns:") {
                local[Self.localName(key)] = value
            }
            for (key, value) in attributes where !Self.hasPrefix(key) && key != "xmlns" {
                local[key] = value
            }
            run { () throws(SpreadsheetError) in try handler.start(Self.localName(elementName), attributes: local) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            run { () throws(SpreadsheetError) in try handler.end(Self.localName(elementName)) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard handlerError == nil else { return }
            handler.text(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard handlerError == nil else { return }
            handler.text(String(decoding: CDATABlock, as: UTF8.self))
        }

        // Byte-level on purpose: Foundation's `String.contains(_:)` goes through NSString and
        // dominated the profile of a 100,000-row sheet.
        static func hasPrefix(_ name: String) -> Bool { name.utf8.contains(UInt8(ascii: ":")) }

        static func localName(_ name: String) -> String {
            guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
            return String(name[name.utf8.index(after: colon)...])
        }
    }
}
