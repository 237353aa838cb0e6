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

        /// Bantin: a dictionary the caller has already cast.
        init(dictionary: [String: Any]) {
            self.object = dictionary
            self.dictionary = dictionary
        }
    }

    // Bantin: `var`, for `pushing` (below), and for the content type, set in place and put back.
    private(set) var stack: [Frame]
    private(set) var sequenceContext: MustacheSequenceContext?
    let indentation: String?
    let inherited: [String: MustacheTemplate]?
    var contentTypeBox: MustacheContentTypeBox   // Bantin: boxed, see MustacheContentTypeBox
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

    /// Bantin: `body` with the frame on top of the stack (and the sequence context set), then the
    /// stack as it was. The original made a new context, and copied the stack (a retain of each
    /// frame), for every section and every item of a list: a sixth of the engine's time, most of
    /// it reference counting. In place, the stack's buffer is reused while the caller's context
    /// is the only one holding it (a partial's or a block's copy makes one buffer of its own).
    mutating func pushing(_ frame: Frame, sequenceContext: MustacheSequenceContext? = nil, _ body: (inout MustacheContext) -> Void) {
        let outer = self.sequenceContext
        self.stack.append(frame)
        self.sequenceContext = sequenceContext
        body(&self)
        self.stack.removeLast()
        self.sequenceContext = outer
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

}
