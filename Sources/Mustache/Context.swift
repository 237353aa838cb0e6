//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Context while rendering mustache tokens
struct MustacheContext {
    /// Bantin: an object on the stack, with its dictionary when it is one: every name looked up
    /// climbs the stack, and casting each object to a dictionary again at each lookup was the
    /// engine's largest cost.
    struct Frame {
        let object: Any
        let dictionary: [String: Any]?

        init(_ object: Any) {
            self.object = object
            self.dictionary = object as? [String: Any]
        }
    }

    let stack: [Frame]
    let sequenceContext: MustacheSequenceContext?
    let indentation: String?
    let inherited: [String: MustacheTemplate]?
    let contentTypeBox: MustacheContentTypeBox   // Bantin: boxed, see MustacheContentTypeBox
    var contentType: MustacheContentType { contentTypeBox.type }
    let library: MustacheLibrary?
    let reloadPartials: Bool

    /// initialize context with a single objectt
    init(_ object: Any, library: MustacheLibrary? = nil, reloadPartials: Bool = false) {
        self.stack = [Frame(object)]
        self.sequenceContext = nil
        self.indentation = nil
        self.inherited = nil
        self.contentTypeBox = .html
        self.library = library
        self.reloadPartials = reloadPartials
    }

    private init(
        stack: [Frame],
        sequenceContext: MustacheSequenceContext?,
        indentation: String?,
        inherited: [String: MustacheTemplate]?,
        contentType: MustacheContentTypeBox,
        library: MustacheLibrary? = nil,
        reloadPartials: Bool
    ) {
        self.stack = stack
        self.sequenceContext = sequenceContext
        self.indentation = indentation
        self.inherited = inherited
        self.contentTypeBox = contentType
        self.library = library
        self.reloadPartials = reloadPartials
    }

    /// return context with object add to stack
    func withObject(_ object: Any) -> MustacheContext {
        var stack = self.stack
        stack.append(Frame(object))
        return .init(
            stack: stack,
            sequenceContext: nil,
            indentation: self.indentation,
            inherited: self.inherited,
            contentType: self.contentTypeBox,
            library: self.library,
            reloadPartials: self.reloadPartials
        )
    }

    /// return context with indent and parameter information for invoking a partial
    func withPartial(indented: String?, inheriting: [String: MustacheTemplate]?) -> MustacheContext {
        let indentation: String?
        if let indented {
            indentation = (self.indentation ?? "") + indented
        } else {
            indentation = self.indentation
        }
        let inherits: [String: MustacheTemplate]?
        if let inheriting {
            if let originalInherits = self.inherited {
                inherits = originalInherits.merging(inheriting) { value, _ in value }
            } else {
                inherits = inheriting
            }
        } else {
            inherits = self.inherited
        }
        return .init(
            stack: self.stack,
            sequenceContext: nil,
            indentation: indentation,
            inherited: inherits,
            contentType: .html,
            library: self.library,
            reloadPartials: self.reloadPartials
        )
    }

    /// return context with indent information for invoking an inheritance block
    func withBlockExpansion(indented: String?) -> MustacheContext {
        let indentation: String?
        if let indented {
            indentation = (self.indentation ?? "") + indented
        } else {
            indentation = self.indentation
        }
        return .init(
            stack: self.stack,
            sequenceContext: nil,
            indentation: indentation,
            inherited: self.inherited,
            contentType: self.contentTypeBox,
            library: self.library,
            reloadPartials: self.reloadPartials
        )
    }

    /// return context with sequence info and sequence element added to stack
    func withSequence(_ object: Any, sequenceContext: MustacheSequenceContext) -> MustacheContext {
        var stack = self.stack
        stack.append(Frame(object))
        return .init(
            stack: stack,
            sequenceContext: sequenceContext,
            indentation: self.indentation,
            inherited: self.inherited,
            contentType: self.contentTypeBox,
            library: self.library,
            reloadPartials: self.reloadPartials
        )
    }

    /// return context with sequence info and sequence element added to stack
    func withContentType(_ contentType: MustacheContentTypeBox) -> MustacheContext {
        .init(
            stack: self.stack,
            sequenceContext: self.sequenceContext,
            indentation: self.indentation,
            inherited: self.inherited,
            contentType: contentType,
            library: self.library,
            reloadPartials: self.reloadPartials
        )
    }
}
