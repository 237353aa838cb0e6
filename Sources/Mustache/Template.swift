//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Class holding Mustache template
public struct MustacheTemplate: Sendable, CustomStringConvertible {
    /// Initialize template
    /// - Parameter string: Template text
    /// - Throws: MustacheTemplate.Error
    public init(string: String) throws {
        let template = try Self.parse(string)
        self.tokens = template.tokens
        self.text = string
        self.filename = nil
    }

    /// Render object using this template
    /// - Parameters
    ///   - object: Object to render
    ///   - library: library template uses to access partials
    /// - Returns: Rendered text
    public func render(_ object: Any, library: MustacheLibrary? = nil) -> String {
        String(decoding: self.renderUTF8(object, library: library), as: UTF8.self)
    }

    /// Bantin: the rendered text as UTF-8 bytes, for a caller that writes them out: the
    /// template's text and the context's strings are copied in as bytes, and no String is
    /// made (or its UTF-8 checked) for the whole page.
    public func renderUTF8(_ object: Any, library: MustacheLibrary? = nil) -> [UInt8] {
        // Room for a whole page at once, rather than growing the buffer by doubling.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_384)
        var context = MustacheContext(object, library: library)
        self.render(context: &context, into: &bytes)
        return bytes
    }

    /// Render object using this template
    /// - Parameters
    ///   - object: Object to render
    ///   - library: library template uses to access partials
    ///   - reload: Should I reload this template when rendering. This is only available in debug builds
    /// - Returns: Rendered text
    public func render(_ object: Any, library: MustacheLibrary? = nil, reload: Bool) -> String {
        #if DEBUG
        if reload {
            guard let filename else {
                preconditionFailure("Can only use reload if template was generated from a file")
            }
            do {
                guard let template = try MustacheTemplate(filename: filename) else { return "Cannot find template at \(filename)" }
                return template.render(context: .init(object, library: library, reloadPartials: reload))
            } catch {
                return "\(error)"
            }
        }
        #endif
        return self.render(context: .init(object, library: library))
    }

    internal init(_ tokens: [Token], text: String) {
        self.tokens = tokens
        self.filename = nil
        self.text = text
    }

    public var description: String { self.text }

    /// Bantin: a variable's name as written and as the parts between its dots, split once when
    /// the template is parsed rather than at every lookup.
    struct Name: Sendable {
        let text: String
        /// The parts to look up: `text` itself when it has no dot.
        let parts: [String]
        /// Starts with a dot: looked up in the current object only, not up the stack.
        let rooted: Bool
        /// "." (the current object) and "" (the sequence context, with a transform).
        let isDot: Bool, isEmpty: Bool

        init(_ text: String) {
            self.text = text
            self.rooted = text.utf8.first == UInt8(ascii: ".")
            self.isDot = text == "."
            self.isEmpty = text.isEmpty
            self.parts = text.utf8.contains(UInt8(ascii: ".")) ? text.split(separator: ".").map { String($0) } : [text]
        }
    }

    /// Bantin: indirect, so that copying a token (as rendering does, to switch on it) retains one
    /// box rather than each of its names, transforms and templates.
    indirect enum Token: Sendable /* , CustomStringConvertible */ {
        case text([UInt8])   // Bantin: UTF-8, as rendered
        case variable(name: Name, transforms: [String] = [])
        case unescapedVariable(name: Name, transforms: [String] = [])
        case section(name: Name, transforms: [String] = [], template: MustacheTemplate)
        case invertedSection(name: Name, transforms: [String] = [], template: MustacheTemplate)
        case blockDefinition(name: String, template: MustacheTemplate)
        case blockExpansion(name: String, default: MustacheTemplate, indentation: String?)
        case partial(String, indentation: String?, inherits: [String: MustacheTemplate]?)
        case dynamicNamePartial(String, indentation: String?, inherits: [String: MustacheTemplate]?)
        case contentType(MustacheContentTypeBox)   // Bantin: boxed, see MustacheContentTypeBox
    }

    var tokens: [Token]
    let text: String
    let filename: String?
}
