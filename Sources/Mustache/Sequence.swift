//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Protocol for objects that can be rendered as a sequence in Mustache
public protocol MustacheSequence: Sequence {}

extension MustacheSequence {
    /// Render section using template
    func renderSection(with template: MustacheTemplate, context: inout MustacheContext, into string: inout [UInt8]) {
        var sequenceContext = MustacheSequenceContext(first: true)

        var iterator = makeIterator()
        guard var currentObject = iterator.next() else { return }

        while let object = iterator.next() {
            context.pushing(.init(currentObject), sequenceContext: sequenceContext) { template.render(context: &$0, into: &string) }
            currentObject = object
            sequenceContext.first = false
            sequenceContext.index += 1
        }

        sequenceContext.last = true
        context.pushing(.init(currentObject), sequenceContext: sequenceContext) { template.render(context: &$0, into: &string) }
    }

    /// Render inverted section using template
    func renderInvertedSection(with template: MustacheTemplate, context: inout MustacheContext, into string: inout [UInt8]) {
        var iterator = makeIterator()
        if iterator.next() == nil {
            context.pushing(.init(self)) { template.render(context: &$0, into: &string) }
        }
    }
}

/// Bantin: a list of dictionaries, the lists Bantin's contexts are made of, walked as what it is:
/// through `any MustacheSequence` each item came out as `Any` and was cast back to a dictionary.
extension [[String: Any]] {
    func renderDictionaries(with template: MustacheTemplate, context: inout MustacheContext, into string: inout [UInt8]) {
        var sequenceContext = MustacheSequenceContext(first: true)
        for index in indices {
            sequenceContext.first = index == startIndex
            sequenceContext.last = index == endIndex - 1
            sequenceContext.index = index - startIndex
            context.pushing(.init(dictionary: self[index]), sequenceContext: sequenceContext) { template.render(context: &$0, into: &string) }
        }
    }
}

extension Array: MustacheSequence {}
extension Set: MustacheSequence {}
extension ReversedCollection: MustacheSequence {}
