//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

extension String {
    /// HTML escape string. Replace '<', '>', '&', '"' and "'" with HTML escaped versions.
    /// Bantin: on the UTF-8 bytes, and the string itself when there is nothing to escape
    /// (the original looked every Character up in a dictionary).
    func htmlEscape() -> String {
        var text = self
        return text.withUTF8 { bytes in
            guard bytes.contains(where: isMarkup) else { return self }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            Mustache.htmlEscape(bytes, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// Bantin: the bytes HTML escaping replaces. Each is ASCII, so it is never part of a longer
/// UTF-8 sequence, and a combining mark after it does not hide it.
@inline(__always)
func isMarkup(_ byte: UInt8) -> Bool {
    byte <= 0x3E && (byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27)
}

/// Bantin: appends UTF-8 text HTML-escaped, copying the runs between markup bytes whole.
func htmlEscape(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    var copied = 0
    for index in text.indices where isMarkup(text[index]) {
        out += UnsafeBufferPointer(rebasing: text[copied..<index])
        switch text[index] {
        case 0x3C: out += "&lt;".utf8
        case 0x3E: out += "&gt;".utf8
        case 0x26: out += "&amp;".utf8
        case 0x22: out += "&quot;".utf8
        default: out += "&#39;".utf8
        }
        copied = index + 1
    }
    out += UnsafeBufferPointer(rebasing: text[copied...])
}
