import Foundation
import VietText
import Yams

/// A YAML node that remembers where it is in its file.
///
/// Scalars are read as their written text and interpreted per field, never through YAML 1.1
/// typing: `NO`, `012345` or `1.10` stay what the officer typed.
struct YAMLValue {
    let node: Node
    let file: String
    /// Lines before the YAML text in its file (front matter starts after `---`).
    let lineOffset: Int

    var ref: SourceRef {
        guard let mark = node.mark else { return SourceRef(file: file, line: lineOffset + 1) }
        return SourceRef(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    var scalarText: String? { node.scalar?.string }
    var isNull: Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var sequence: [YAMLValue]? {
        node.sequence.map { $0.map { YAMLValue(node: $0, file: file, lineOffset: lineOffset) } }
    }

    /// Key–value pairs in file order; keys are their scalar text.
    var pairs: [(key: String, keyRef: SourceRef, value: YAMLValue)]? {
        guard let mapping = node.mapping else { return nil }
        return mapping.map { pair in
            let key = YAMLValue(node: pair.key, file: file, lineOffset: lineOffset)
            return (key.scalarText ?? "", key.ref, YAMLValue(node: pair.value, file: file, lineOffset: lineOffset))
        }
    }

    /// The value of the first pair whose key is `key`, as `pairs` would find it, without building
    /// every pair's key and line to look at one (fields are looked up a dozen times per file).
    subscript(key: String) -> YAMLValue? {
        guard let pair = node.mapping?.first(where: { ($0.key.scalar?.string ?? "") == key }) else { return nil }
        return YAMLValue(node: pair.value, file: file, lineOffset: lineOffset)
    }

    /// Parses YAML text, turning Yams errors into diagnostics at the right line of the file.
    static func parse(_ text: String, file: String, lineOffset: Int, into diagnostics: inout Diagnostics) -> YAMLValue? {
        do {
            // No tag resolution (scalars are read as written, per field): Yams' default resolver runs
            // regular expressions over every scalar. The encoding is given: `.default` reads the environment.
            // Nodes are never made into Swift values, so no constructor's maps are built (Yams' default one
            // builds three dictionaries of closures for every call).
            guard let node = try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8) else {
                diagnostics.error(SourceRef(file: file, line: lineOffset + 1), lineOffset == 0 ? "the file is empty" : "the front matter is empty",
                                  hint: "it needs at least its required keys, e.g. `title: \"…\"`")
                return nil
            }
            return YAMLValue(node: node, file: file, lineOffset: lineOffset)
        } catch let error as YamlError {
            let (line, column, message) = describe(error)
            diagnostics.error(SourceRef(file: file, line: line + lineOffset, column: column), message,
                              hint: "check indentation and quote values that contain \": \" or start with a special character")
        } catch {
            diagnostics.error(SourceRef(file: file, line: lineOffset + 1), "invalid YAML: \(error)")
        }
        return nil
    }

    private static func describe(_ error: YamlError) -> (Int, Int, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text); " } ?? ""
            return (mark.line, mark.column, "invalid YAML: \(detail)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return (context.mark.line, context.mark.column, "duplicate key \(keys) in the same mapping")
        case let .reader(problem, _, _, _):
            return (1, 1, "invalid YAML text: \(problem)")
        default:
            return (1, 1, "invalid YAML: \(error)")
        }
    }
}

/// Reads the fields of one YAML mapping, reporting wrong types and unknown keys with their lines.
struct FieldReader {
    let value: YAMLValue
    let what: String
    private var known: Set<String> = []
    /// The mapping's pairs, built once, and the first value of each key (as `value[key]` finds
    /// it: String keys are equal as `==` says): a dozen lookups per file each walked the Yams
    /// mapping, which was a share of loading 10,000 articles.
    private let pairs: [(key: String, keyRef: SourceRef, value: YAMLValue)]
    private let firstValues: [String: YAMLValue]

    init?(_ value: YAMLValue, what: String, diagnostics: inout Diagnostics) {
        guard let pairs = value.pairs else {
            diagnostics.error(value.ref, "\(what) must be a mapping of `key: value` lines")
            return nil
        }
        self.value = value
        self.what = what
        self.pairs = pairs
        firstValues = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// `value[key]`, from the table.
    func firstValue(_ key: String) -> YAMLValue? { firstValues[key] }

    var ref: SourceRef { value.ref }

    mutating func raw(_ key: String) -> YAMLValue? {
        known.insert(key)
        guard let field = firstValue(key), !field.isNull else { return nil }
        return field
    }

    mutating func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        guard let field = raw(key) else {
            if required { diagnostics.error(ref, "\(what) is missing the required field `\(key)`") }
            return nil
        }
        guard let text = field.scalarText else {
            diagnostics.error(field.ref, "`\(key)` must be a single text value")
            return nil
        }
        let trimmed = text.trimmingWhitespacesAndNewlines()
        if trimmed.isEmpty, required {
            diagnostics.error(field.ref, "`\(key)` must not be empty")
            return nil
        }
        return trimmed
    }

    mutating func date(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> VietDate? {
        let fieldRef = firstValue(key)?.ref ?? ref
        guard let text = string(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard let date = VietDate.parse(text) else {
            diagnostics.error(fieldRef, "`\(key)`: '\(text)' is not a date",
                              hint: "write it as 2026-03-25 or 25/3/2026")
            return nil
        }
        return date
    }

    mutating func int(_ key: String, diagnostics: inout Diagnostics) -> Int? {
        let fieldRef = firstValue(key)?.ref ?? ref
        guard let text = string(key, diagnostics: &diagnostics) else { return nil }
        guard let number = Int(text) else {
            diagnostics.error(fieldRef, "`\(key)`: '\(text)' is not a whole number")
            return nil
        }
        return number
    }

    mutating func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        let fieldRef = firstValue(key)?.ref ?? ref
        guard let text = string(key, diagnostics: &diagnostics) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "có", "co": return true
        case "false", "no", "không", "khong": return false
        default:
            diagnostics.error(fieldRef, "`\(key)`: '\(text)' must be true or false")
            return nil
        }
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func strings(_ key: String, diagnostics: inout Diagnostics) -> [String] {
        guard let field = raw(key) else { return [] }
        if let single = field.scalarText { return [single.trimmingWhitespaces()] }
        guard let items = field.sequence else {
            diagnostics.error(field.ref, "`\(key)` must be a list (lines starting with \"- \")")
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalarText else {
                diagnostics.error(item.ref, "each item of `\(key)` must be a single text value")
                return nil
            }
            return text.trimmingWhitespacesAndNewlines()
        }
    }

    /// Warns about keys nobody read: most often a typo that would otherwise be ignored silently.
    func reportUnknownKeys(into diagnostics: inout Diagnostics) {
        for pair in pairs where !known.contains(pair.key) {
            let suggestion = Suggest.closest(to: pair.key, in: Array(known))
            diagnostics.warning(pair.keyRef, "unknown key `\(pair.key)` in \(what) is ignored",
                                hint: suggestion.map { "did you mean `\($0)`?" })
        }
    }
}
