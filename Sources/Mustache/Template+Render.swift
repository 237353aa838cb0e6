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
        var string = ""
        self.render(context: context, into: &string)
        return string
    }

    /// Bantin: every token appends to one string, instead of each section and partial returning a
    /// string of its own for its caller to copy (a page's layout nests them several levels deep).
    func render(context: MustacheContext, into string: inout String) {
        var context = context

        if let indentation = context.indentation, indentation != "" {
            for token in tokens {
                var renderedString = ""
                self.renderToken(token, context: &context, into: &renderedString)
                // if rendered string is not empty and we are on a new line
                if !renderedString.isEmpty, string.last == "\n" {
                    string += indentation
                }
                string += renderedString
            }
        } else {
            for token in tokens {
                self.renderToken(token, context: &context, into: &string)
            }
        }
    }

    func renderToken(_ token: Token, context: inout MustacheContext, into string: inout String) {
        switch token {
        case .text(let text):
            string += text

        case .variable(let variable, let transforms):
            if let child = getChild(named: variable, transforms: transforms, context: context) {
                // Bantin: most values are strings; test for them before the protocol casts.
                if let text = child as? String {
                    string += context.contentType.escapeText(text)
                } else if let template = child as? MustacheTemplate {
                    template.render(context: context, into: &string)
                } else if let renderable = child as? MustacheCustomRenderable {
                    string += context.contentType.escapeText(renderable.renderText)
                } else if let lambda = child as? MustacheLambda {
                    string += self.renderLambda(lambda, parameter: "", context: context)
                } else {
                    string += context.contentType.escapeText(String(describing: unwrapIfAnyContainsOptional(child)))
                }
            }

        case .unescapedVariable(let variable, let transforms):
            if let child = getChild(named: variable, transforms: transforms, context: context) {
                if let text = child as? String {   // Bantin: a String is not custom renderable
                    string += text
                } else if let renderable = child as? MustacheCustomRenderable {
                    string += renderable.renderText
                } else if let lambda = child as? MustacheLambda {
                    string += self.renderUnescapedLambda(lambda, parameter: "", context: context)
                } else {
                    string += String(describing: unwrapIfAnyContainsOptional(child))
                }
            }

        case .section(let variable, let transforms, let template):
            let child = self.getChild(named: variable, transforms: transforms, context: context)
            if let lambda = child as? MustacheLambda {
                string += self.renderUnescapedLambda(lambda, parameter: template.text, context: context)
                return
            }
            self.renderSection(child, with: template, context: context, into: &string)

        case .invertedSection(let variable, let transforms, let template):
            let child = self.getChild(named: variable, transforms: transforms, context: context)
            self.renderInvertedSection(child, with: template, context: context, into: &string)

        case .blockExpansion(let name, let defaultTemplate, let indented):
            if let override = context.inherited?[name] {
                override.render(context: context.withBlockExpansion(indented: indented), into: &string)
            } else {
                defaultTemplate.render(context: context.withBlockExpansion(indented: indented), into: &string)
            }

        case .partial(let name, let indentation, let overrides):
            if var template = context.library?.getTemplate(named: name) {
                #if DEBUG
                if context.reloadPartials {
                    guard let filename = template.filename else {
                        preconditionFailure("Can only use reload if template was generated from a file")
                    }
                    do {
                        guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                            string += "Cannot find template at \(filename)"
                            return
                        }
                        template = partialTemplate
                    } catch {
                        string += "\(error)"
                        return
                    }
                }
                #endif
                template.render(context: context.withPartial(indented: indentation, inheriting: overrides), into: &string)
            }

        case .dynamicNamePartial(let name, let indentation, let overrides):
            let child = self.getChild(named: Name(name), transforms: [], context: context)
            guard let childName = child as? String else {
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
                            string += "Cannot find template at \(filename)"
                            return
                        }
                        template = partialTemplate
                    } catch {
                        string += "\(error)"
                        return
                    }
                }
                #endif
                template.render(context: context.withPartial(indented: indentation, inheriting: overrides), into: &string)
            }

        case .contentType(let contentType):
            context = context.withContentType(contentType)

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
        var string = ""
        self.renderSection(child, with: template, context: context, into: &string)
        return string
    }

    func renderSection(_ child: Any?, with template: MustacheTemplate, context: MustacheContext, into string: inout String) {
        switch child {
        // Bantin: the common concrete types first, before a cast to a protocol with an associated type.
        case let bool as Bool:
            if bool { template.render(context: context, into: &string) }
        case let dictionary as [String: Any]:
            template.render(context: context.withObject(dictionary), into: &string)
        case let text as String:
            template.render(context: context.withObject(text), into: &string)
        case let array as any MustacheSequence:
            array.renderSection(with: template, context: context, into: &string)
        case let null as MustacheCustomRenderable where null.isNull == true:
            return
        case .some(let value):
            template.render(context: context.withObject(value), into: &string)
        case .none:
            return
        }
    }

    /// Render an inverted section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    func renderInvertedSection(_ child: Any?, with template: MustacheTemplate, context: MustacheContext, into string: inout String) {
        switch child {
        // Bantin: the common concrete types first, as in renderSection.
        case let bool as Bool:
            if !bool { template.render(context: context, into: &string) }
        case is [String: Any], is String:
            return
        case let array as any MustacheSequence:
            array.renderInvertedSection(with: template, context: context, into: &string)
        case let null as MustacheCustomRenderable where null.isNull == true:
            template.render(context: context, into: &string)
        case .some:
            return
        case .none:
            template.render(context: context, into: &string)
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
            if let text = value as? String, text.isEmpty { return nil }
            return value
        }

        func _getImmediateChild(named name: String, from object: Any) -> Any? {
            // Bantin: contexts are dictionaries, and strings and flags have no children (as their Mirror says).
            // An empty text counts as absent, so `{{#name}}` means "present" and the lookup climbs
            // on to the enclosing contexts, as if the key had not been set.
            if let dictionary = object as? [String: Any] { return _getImmediateChild(named: name, in: dictionary) }
            if object is String || object is Bool { return nil }
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
            if let lambda = object as? MustacheLambda {
                guard let result = lambda("") else { return nil }
                object = result
            }
            guard let childObject = _getImmediateChild(named: name, from: object) else { return nil }
            let names2 = names.dropFirst()
            return _getChild(named: names2, from: childObject)
        }

        func _getChildInStack(named names: ArraySlice<String>, from stack: [MustacheContext.Frame]) -> Any? {
            guard let name = names.first else { return stack.last?.object }
            for frame in stack.reversed() {
                let found = frame.dictionary.map { _getImmediateChild(named: name, in: $0) } ?? _getImmediateChild(named: name, from: frame.object)
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

        if !(child is String), let custom = child as? MustacheCustomRepresentation {   // Bantin: not for strings
            child = custom.representation
        }

        // skip transforms if child is already nil
        guard var child else {
            return nil
        }

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

    private func unwrapIfAnyContainsOptional(_ value: Any) -> Any {
        guard let opt = value as? AnyOptional else { return value }
        return opt.anyWrapped ?? value  // nil? keep the original Optional.none
    }
}
