import Mustache
import Testing

/// The vendored engine renders into UTF-8 bytes (`renderUTF8`, what pages are written from). The
/// expected texts are what the engine rendered as Strings before it did, for templates that
/// exercise every kind of token; `UTF8Text` values must render exactly as the same Strings.
@Suite("Mustache bytes")
struct MustacheBytesTests {
    struct Case: CustomTestStringConvertible, @unchecked Sendable {   // the contexts are never mutated
        let name: String
        let expected: String
        let templates: [String: String]
        let context: [String: Any]
        var testDescription: String { name }

        func library() throws -> MustacheLibrary {
            var library = MustacheLibrary()
            for (name, text) in templates { try library.register(text, named: name) }
            return library
        }
    }

    static let v = "<a href=\"x\">&'\u{301}\"\u{323} Tổ"
    static let cases: [Case] = [
        Case(name: "escaping", expected: "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\u{301}&quot;\u{323} Tổ|<a href=\"x\">&'\u{301}\"\u{323} Tổ|<a href=\"x\">&'\u{301}\"\u{323} Tổ|<p title=\"&lt;a href=&quot;x&quot;&gt;&amp;&#39;\u{301}&quot;\u{323} Tổ\">", templates: ["page": "{{v}}|{{{v}}}|{{&v}}|<p title=\"{{v}}\">"], context: ["v": Self.v]),
        Case(name: "nested", expected: "[1outer][2x&amp;y]", templates: ["page": "{{#a}}{{#b}}[{{c}}{{d}}]{{/b}}{{/a}}"],
             context: ["a": ["b": [["c": "1"], ["c": "2", "d": "x&y"]] as [[String: Any]]] as [String: Any], "d": "outer"]),
        Case(name: "inverted", expected: "NFEL", templates: ["page": "{{^none}}N{{/none}}{{^f}}F{{/f}}{{^e}}E{{/e}}{{^list}}L{{/list}}{{^s}}S{{/s}}{{^t}}T{{/t}}{{^d}}D{{/d}}"],
             context: ["f": false, "e": "", "list": [String](), "s": "x", "t": true, "d": ["k": "v"] as [String: Any]]),
        Case(name: "dotted", expected: "C&lt;|C&lt;||C&lt;|<a&amp;b><><ư>|X", templates: ["page": "{{a.b.c}}|{{#a}}{{b.c}}{{/a}}|{{a.missing.c}}|{{#a.b}}{{c}}{{/a.b}}|{{#list}}<{{.}}>{{/list}}|{{.x}}"],
             context: ["a": ["b": ["c": "C<"] as [String: Any]] as [String: Any], "list": ["a&b", "", "ư"], "x": "X"]),
        Case(name: "partial-indent", expected: "<ul>\n  <li>1</li>\n  <li>&lt;2&gt;</li>\n</ul>\n", templates: ["page": "<ul>\n  {{>item}}\n</ul>\n", "item": "<li>{{x}}</li>\n<li>{{y}}</li>\n"],
             context: ["x": "1", "y": "<2>"]),
        Case(name: "partial-indent-crlf", expected: "a\r\n  x\r\ny\r\nZ\r\nb", templates: ["page": "a\r\n  {{>item}}\r\nb", "item": "x\r\ny\r\n{{z}}\r\n"],
             context: ["z": "Z"]),
        Case(name: "partial-in-list", expected: "(một!)(hai!)", templates: ["page": "{{#list}}{{>p}}{{/list}}", "p": "({{name}}{{#first}}!{{/first}})"],
             context: ["list": [["name": "một"], ["name": "hai"]] as [[String: Any]], "first": "F"]),
        Case(name: "lambda", expected: "<b>hi &lt;X&gt;</b>|a&amp;b|a&b", templates: ["page": "{{#wrap}}hi {{x}}{{/wrap}}|{{plain}}|{{{plain}}}"],
             context: ["wrap": MustacheLambda({ (text: String) -> Any? in "<b>" + text + "</b>" }), "x": "<X>",
                       "plain": MustacheLambda({ () -> Any? in "a&b" })]),
        Case(name: "content-type", expected: "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\u{301}&quot;\u{323} Tổ|<a href=\"x\">&'\u{301}\"\u{323} Tổ", templates: ["page": "{{v}}{{%CONTENT_TYPE: TEXT}}|{{v}}"], context: ["v": Self.v]),
        Case(name: "values", expected: "3 true 2.5 N", templates: ["page": "{{n}} {{b}} {{dbl}} {{#n}}N{{/n}}"], context: ["n": 3, "b": true, "dbl": 2.5]),
        Case(name: "unicode-text", expected: "Tổ dân phố – ngày\u{301}\n", templates: ["page": "Tổ {{x}} – ngày\u{301}\n"], context: ["x": "dân phố"]),
        Case(name: "inheritance", expected: "<h1>Mine &amp;</h1>\nF", templates: ["page": "{{<base}}{{$title}}Mine {{x}}{{/title}}{{/base}}", "base": "<h1>{{$title}}Default{{/title}}</h1>\n{{$foot}}F{{/foot}}"],
             context: ["x": "&"]),
        Case(name: "transforms", expected: "ÁBC&lt;|21|âb", templates: ["page": "{{uppercased(v)}}|{{#reversed(list)}}{{.}}{{/reversed(list)}}|{{lowercased(w)}}"],
             context: ["v": "ábc<", "list": ["1", "2"], "w": "ÂB"]),
        // Text is passed over on its bytes up to the last ASCII byte before one that is not
        // (`Parser.readASCII`): a brace joined by a combining mark, or after a prepended mark
        // (U+0600), is no delimiter, a mark after a letter stays with it, and a CR alone is text.
        Case(name: "text-boundaries", expected: "a\u{301}V|{\u{301}{x}}|\u{600}{{x}}|x\ryV\r\nz",
             templates: ["page": "a\u{301}{{x}}|{\u{301}{x}}|\u{600}{{x}}|x\ry{{x}}\r\nz"], context: ["x": "V"]),
        // A section's object, and a list's position (first, last, index), hold inside it only:
        // the context is changed in place for a section and put back after it.
        Case(name: "list-position", expected: "[a<a1,><n2>;b;c]|top|1top",
             templates: ["page": "{{#list}}{{#first()}}[{{/first()}}{{name}}{{#inner}}<{{name}}{{v}}{{^last()}},{{/last()}}>{{/inner}}{{^last()}};{{/last()}}{{#last()}}]{{/last()}}{{/list}}|{{name}}|{{#one}}{{name}}{{#first()}}F{{/first()}}{{/one}}{{name}}"],
             context: ["list": [["name": "a", "inner": [["v": "1"], ["v": "2", "name": "n"]] as [[String: Any]]] as [String: Any],
                                ["name": "b", "inner": [[String: Any]]()], ["name": "c"]] as [[String: Any]],
                       "name": "top", "one": ["name": "1"] as [String: Any]]),
        Case(name: "content-type-scoped", expected: "<&>|&lt;&amp;&gt;|<&>|&lt;&amp;&gt;|[<&>&lt;&amp;&gt;]|&lt;&amp;&gt;",
             templates: ["page": "{{#s}}{{%CONTENT_TYPE: TEXT}}{{v}}{{/s}}|{{v}}|{{>p}}|{{v}}|{{<b}}{{$x}}{{%CONTENT_TYPE: TEXT}}{{v}}{{/x}}{{/b}}|{{v}}",
                         "p": "{{%CONTENT_TYPE: TEXT}}{{v}}", "b": "[{{$x}}{{/x}}{{v}}]"],
             context: ["v": "<&>", "s": true]),
        Case(name: "standalone", expected: "  line y\nend", templates: ["page": "{{#s}}\n  line {{x}}\n{{/s}}\n{{^s}}\nno\n{{/s}}\nend"], context: ["s": true, "x": "y"]),
    ]

    @Test(arguments: cases)
    func bytesAreTheTextRenderedBefore(_ c: Case) throws {
        let library = try c.library()
        #expect(library.renderUTF8(c.context, withTemplate: "page") == Array(c.expected.utf8))
        #expect(library.render(c.context, withTemplate: "page") == c.expected)
        #expect(library.separateCopy().renderUTF8(c.context, withTemplate: "page") == Array(c.expected.utf8))
    }

    /// Every String of the context given as bytes instead: escaped, looked up, tested by sections
    /// (an empty one as absent) and transformed as the String would be.
    @Test(arguments: cases)
    func utf8TextRendersAsItsString(_ c: Case) throws {
        let library = try c.library()
        #expect(library.renderUTF8(Self.asUTF8Text(c.context), withTemplate: "page") == Array(c.expected.utf8))
    }

    @Test func emptyUTF8TextCountsAsAbsent() throws {
        let template = try MustacheTemplate(string: "{{#body}}[{{{body}}}]{{/body}}{{^body}}none{{/body}}|{{#item}}{{{body}}}{{/item}}")
        let context: [String: Any] = ["body": UTF8Text(bytes: []), "item": ["body": UTF8Text("")] as [String: Any]]
        #expect(template.renderUTF8(context) == Array("none|".utf8))
        let outer: [String: Any] = ["body": UTF8Text("<p>Ngoài</p>"), "item": ["body": UTF8Text("")] as [String: Any]]
        #expect(template.renderUTF8(outer) == Array("[<p>Ngoài</p>]|<p>Ngoài</p>".utf8))
    }

    /// The parser moves by counting only the characters it moves over: a template that ends inside
    /// a tag is still an error, delimiters of any length still parse, and a long template with
    /// accented text between thousands of tags parses whole.
    @Test func templatesParseUpToTheirLastCharacter() throws {
        #expect(try MustacheTemplate(string: "{{").render([:]) == "")   // a lone opening is a tag with no name
        for broken in ["x {{a", "{{#a}}x", "{{{a}}", "{{=<% %>=}}<%a", "{{> "] {
            #expect(throws: (any Error).self, "\(broken)") { try MustacheTemplate(string: broken) }
        }
        let delimiters = try MustacheTemplate(string: "{{=<% %>=}}<%a%> <%={{ }}=%>{{a}}|{{!ghi chú}}{{=[[ ]]=}}[[a]]")
        #expect(delimiters.render(["a": "ả"]) == "ả ả|ả")
        let long = try MustacheTemplate(string: String(repeating: "{{a}}ế\u{301} ", count: 5_000) + "{{#b}}{{.}}{{/b}}")
        #expect(long.render(["a": "b", "b": ["x", "y"]]) == String(repeating: "bế\u{301} ", count: 5_000) + "xy")
    }

    private static func asUTF8Text(_ value: Any) -> Any {
        if let text = value as? String { return UTF8Text(text) }
        if let dictionary = value as? [String: Any] { return dictionary.mapValues(asUTF8Text) }
        if let list = value as? [[String: Any]] { return list.map { $0.mapValues(asUTF8Text) } }
        if let list = value as? [String] { return list.map { UTF8Text($0) } }
        return value
    }
}
