//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

import Foundation

extension MustacheTemplate {
    /// Render template using object
    /// - Parameters:
    ///   - stack: Object
    ///   - context: Context that render is occurring in. Contains information about position in sequence
    ///   - indentation: indentation of partial
    /// - Returns: Rendered text
    func render(context: MustacheContext) -> String {
        var bytes: [UInt8] = []
        var context = context
        self.render(context: &context, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Bantin: every token appends to one buffer of UTF-8 bytes, instead of each section and
    /// partial returning a string of its own for its caller to copy (a page's layout nests them
    /// several levels deep), and the page is never a String (its UTF-8 checked and copied again).
    /// The context is the caller's, changed in place and left as it came (see `MustacheContext.pushing`):
    /// a content type set in this template holds to its end.
    func render(context: inout MustacheContext, into bytes: inout [UInt8]) {
        let contentType = context.contentTypeBox
        defer { context.contentTypeBox = contentType }

        if let indentation = context.indentation, indentation != "" {
            for token in tokens {
                var rendered: [UInt8] = []
                self.renderToken(token, context: &context, into: &rendered)
                // if rendered string is not empty and we are on a new line
                if !rendered.isEmpty, Self.endsWithNewline(bytes) {
                    bytes += indentation.utf8
                }
                bytes += rendered
            }
        } else {
            // Bantin: by index, so that a token need not be copied (its payload retained) first.
            for index in tokens.indices {
                self.renderToken(tokens[index], context: &context, into: &bytes)
            }
        }
    }

    /// Bantin: whether the text's last Character is "\n", as the original asked of its String:
    /// "\r\n" is one Character, and not "\n".
    private static func endsWithNewline(_ bytes: [UInt8]) -> Bool {
        bytes.last == 0x0A && (bytes.count < 2 || bytes[bytes.count - 2] != 0x0D)
    }

    /// Bantin: a String's UTF-8 escaped for the content type, onto the bytes.
    private static func appendEscaped(_ text: String, _ contentType: MustacheContentType, to bytes: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { contentType.escapeText($0, into: &bytes) }
        if done == nil {
            var text = text
            text.withUTF8 { contentType.escapeText($0, into: &bytes) }
        }
    }

    func renderToken(_ token: Token, context: inout MustacheContext, into bytes: inout [UInt8]) {
        switch token {
        case .text(let text):
            bytes += text

        case .variable(let variable, let transforms):
            if let child = getChild(named: variable, transforms: transforms, context: context) {
                // Bantin: most values are strings; test for them before the protocol casts.
                if let text = child as? String {
                    Self.appendEscaped(text, context.contentType, to: &bytes)
                } else if type(of: child) == UTF8Text.self {
                    (child as! UTF8Text).bytes.withUnsafeBufferPointer { context.contentType.escapeText($0, into: &bytes) }
                } else if let template = child as? MustacheTemplate {
                    template.render(context: &context, into: &bytes)
                } else if let renderable = child as? MustacheCustomRenderable {
                    Self.appendEscaped(renderable.renderText, context.contentType, to: &bytes)
                } else if let lambda = child as? MustacheLambda {
                    bytes += self.renderLambda(lambda, parameter: "", context: context).utf8
                } else {
                    Self.appendEscaped(String(describing: unwrapIfAnyContainsOptional(child)), context.contentType, to: &bytes)
                }
            }

        case .unescapedVariable(let variable, let transforms):
            if let child = getChild(named: variable, transforms: transforms, context: context) {
                if let text = child as? String {   // Bantin: a String is not custom renderable
                    bytes += text.utf8
                } else if type(of: child) == UTF8Text.self {   // Bantin: nor are bytes
                    bytes += (child as! UTF8Text).bytes
                } else if let renderable = child as? MustacheCustomRenderable {
                    bytes += renderable.renderText.utf8
                } else if let lambda = child as? MustacheLambda {
                    bytes += self.renderUnescapedLambda(lambda, parameter: "", context: context).utf8
                } else {
                    bytes += String(describing: unwrapIfAnyContainsOptional(child)).utf8
                }
            }

        case .section(let variable, let transforms, let template):
            let child = self.getChild(named: variable, transforms: transforms, context: context)
            if let value = child, !Self.isPlain(value), let lambda = value as? MustacheLambda {   // Bantin: see isPlain
                bytes += self.renderUnescapedLambda(lambda, parameter: template.text, context: context).utf8
                return
            }
            self.renderSection(child, with: template, context: &context, into: &bytes)

        case .invertedSection(let variable, let transforms, let template):
            let child = self.getChild(named: variable, transforms: transforms, context: context)
            self.renderInvertedSection(child, with: template, context: &context, into: &bytes)

        case .blockExpansion(let name, let defaultTemplate, let indented):
            var expansion = context.withBlockExpansion(indented: indented)
            (context.inherited?[name] ?? defaultTemplate).render(context: &expansion, into: &bytes)

        case .partial(let name, let indentation, let overrides):
            if var template = context.library?.getTemplate(named: name) {
                #if DEBUG
                if context.reloadPartials {
                    guard let filename = template.filename else {
                        preconditionFailure("Can only use reload if template was generated from a file")
                    }
                    do {
                        guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                            bytes += "Cannot find template at \(filename)".utf8
                            return
                        }
                        template = partialTemplate
                    } catch {
                        bytes += "\(error)".utf8
                        return
                    }
                }
                #endif
                var partial = context.withPartial(indented: indentation, inheriting: overrides)
                template.render(context: &partial, into: &bytes)
            }

        case .dynamicNamePartial(let name, let indentation, let overrides):
            let child = self.getChild(named: Name(name), transforms: [], context: context)
            guard let childName = child as? String ?? (child as? UTF8Text)?.string else {   // Bantin: bytes are text too
                return
            }
            if var template = context.library?.getTemplate(named: childName) {
                #if DEBUG
                if context.reloadPartials {
                    guard let filename = template.filename else {
                        preconditionFailure("Can only use reload if template was generated from a file")
                    }
                    do {
                        guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                            bytes += "Cannot find template at \(filename)".utf8
                            return
                        }
                        template = partialTemplate
                    } catch {
                        bytes += "\(error)".utf8
                        return
                    }
                }
                #endif
                var partial = context.withPartial(indented: indentation, inheriting: overrides)
                template.render(context: &partial, into: &bytes)
            }

        case .contentType(let contentType):
            context.contentTypeBox = contentType

        case .blockDefinition:
            fatalError("Should not be rendering block definitions")
        }
    }

    /// Render a section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    /// - Returns: Rendered text
    func renderSection(_ child: Any?, with template: MustacheTemplate, context: MustacheContext) -> String {
        var bytes: [UInt8] = []
        var context = context
        self.renderSection(child, with: template, context: &context, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func renderSection(_ child: Any?, with template: MustacheTemplate, context: inout MustacheContext, into bytes: inout [UInt8]) {
        switch child {
        // Bantin: the common concrete types first, before a cast to a protocol with an associated type.
        case let bool as Bool:
            if bool { template.render(context: &context, into: &bytes) }
        case let dictionary as [String: Any]:
            context.pushing(.init(dictionary: dictionary)) { template.render(context: &$0, into: &bytes) }
        case let text as String:
            context.pushing(.init(text)) { template.render(context: &$0, into: &bytes) }
        case let value? where type(of: value) == [[String: Any]].self:   // by exact type: a cast would try each item
            (value as! [[String: Any]]).renderDictionaries(with: template, context: &context, into: &bytes)
        case let array as any MustacheSequence:
            array.renderSection(with: template, context: &context, into: &bytes)
        case let null as MustacheCustomRenderable where null.isNull == true:
            return
        case .some(let value):
            context.pushing(.init(value)) { template.render(context: &$0, into: &bytes) }
        case .none:
            return
        }
    }

    /// Render an inverted section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    func renderInvertedSection(_ child: Any?, with template: MustacheTemplate, context: inout MustacheContext, into bytes: inout [UInt8]) {
        switch child {
        // Bantin: the common concrete types first, as in renderSection.
        case let bool as Bool:
            if !bool { template.render(context: &context, into: &bytes) }
        case is [String: Any], is String:
            return
        case let array as any MustacheSequence:
            array.renderInvertedSection(with: template, context: &context, into: &bytes)
        case let null as MustacheCustomRenderable where null.isNull == true:
            template.render(context: &context, into: &bytes)
        case .some:
            return
        case .none:
            template.render(context: &context, into: &bytes)
        }
    }

    func renderLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: context.contentType.escapeText(string))
                    return self.renderSection(context.stack.last?.object, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return context.contentType.escapeText(String(describing: unwrapIfAnyContainsOptional(result)))
            }
        }
    }

    func renderUnescapedLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: string)
                    return self.renderSection(context.stack.last?.object, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return String(describing: unwrapIfAnyContainsOptional(result))
            }
        }
    }

    /// Get child object from variable name
    func getChild(named name: Name, transforms: [String], context: MustacheContext) -> Any? {
        func _getImmediateChild(named name: String, in dictionary: [String: Any]) -> Any? {
            guard let value = dictionary[name] else { return nil }
            if let text = value as? String { return text.isEmpty ? nil : value }
            // Bantin: empty bytes count as absent too (by exact type: a failed cast costs more).
            if type(of: value) == UTF8Text.self, (value as! UTF8Text).isEmpty { return nil }
            return value
        }

        func _getImmediateChild(named name: String, from object: Any) -> Any? {
            // Bantin: contexts are dictionaries, and strings and flags have no children (as their Mirror says).
            // An empty text counts as absent, so `{{#name}}` means "present" and the lookup climbs
            // on to the enclosing contexts, as if the key had not been set.
            if let dictionary = object as? [String: Any] { return _getImmediateChild(named: name, in: dictionary) }
            if object is String || object is Bool || type(of: object) == UTF8Text.self { return nil }
            let child = {
                let object: Any? =
                    if let custom = object as? MustacheCustomRepresentation {
                        custom.representation
                    } else {
                        object
                    }
                if let customBox = object as? MustacheParent {
                    return customBox.child(named: name)
                } else if let object {
                    let mirror = Mirror(reflecting: object)
                    return mirror.getValue(forKey: name)
                } else {
                    return nil
                }
            }()
            return child
        }

        func _getChild(named names: ArraySlice<String>, from object: Any) -> Any? {
            guard let name = names.first else { return object }
            var object = object
            if !Self.isPlain(object), let lambda = object as? MustacheLambda {   // Bantin: see isPlain
                guard let result = lambda("") else { return nil }
                object = result
            }
            guard let childObject = _getImmediateChild(named: name, from: object) else { return nil }
            let names2 = names.dropFirst()
            return _getChild(named: names2, from: childObject)
        }

        func _getChildInStack(named names: ArraySlice<String>, from stack: [MustacheContext.Frame]) -> Any? {
            guard let name = names.first else { return stack.last?.object }
            // Bantin: by index, not copying each frame (its object and dictionary) as it is passed.
            for index in stack.indices.reversed() {
                let found = stack[index].dictionary.map { _getImmediateChild(named: name, in: $0) }
                    ?? _getImmediateChild(named: name, from: stack[index].object)
                if let childObject = found {
                    let names2 = names.dropFirst()
                    return _getChild(named: names2, from: childObject)
                }
            }
            return nil
        }

        // work out which object to access. "." means the current object, if the variable name is ""
        // and we have a transform to run on the variable then we need the context object, otherwise
        // the name is split by "." and we use mirror to get the correct child object. If we cannot find
        // the root object we look up the context stack until we can find one with a matching name. The
        // stack climbing can be disabled by prefixing the variable name with a "."
        var child: Any?
        if name.isDot {
            child = context.stack.last!.object
        } else if name.isEmpty, !transforms.isEmpty {
            child = context.sequenceContext
        } else if name.rooted {
            child = _getChild(named: name.parts[...], from: context.stack.last!.object)
        } else {
            child = _getChildInStack(named: name.parts[...], from: context.stack)   // Bantin: split when parsed
        }

        // Bantin: not for strings, nor Bantin's other plain values (see isPlain).
        if let value = child, !Self.isPlain(value), !(value is String), let custom = value as? MustacheCustomRepresentation {
            child = custom.representation
        }

        // skip transforms if child is already nil
        guard var child else {
            return nil
        }

        // Bantin: bytes are transformed as the String they hold.
        if !transforms.isEmpty, type(of: child) == UTF8Text.self { child = (child as! UTF8Text).string }

        // if we want to run a transform and the current child can have transforms applied to it then
        // run transform on the current child
        for transform in transforms.reversed() {
            if let runnable = child as? MustacheTransformable,
                let transformed = runnable.transform(transform)
            {
                child = transformed
                continue
            }

            // return nil if transform is unsuccessful or has returned nil
            return nil
        }
        return child
    }

    /// Bantin: whether the value is of a type Bantin's contexts are made of, none of which is a
    /// lambda or a custom representation, so the casts to them can be skipped (a protocol's cast
    /// is the costliest, and every section and lookup made them). By exact type: an Optional or
    /// any other type still goes through the casts.
    @inline(__always)
    static func isPlain(_ value: Any) -> Bool {
        let type = type(of: value)
        return type == String.self || type == Bool.self || type == [String: Any].self || type == [[String: Any]].self
            || type == UTF8Text.self
    }

    private func unwrapIfAnyContainsOptional(_ value: Any) -> Any {
        guard let opt = value as? AnyOptional else { return value }
        return opt.anyWrapped ?? value  // nil? keep the original Optional.none
    }
}
