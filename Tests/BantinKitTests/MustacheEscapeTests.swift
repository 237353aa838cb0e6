import Mustache
import Testing

/// The vendored template engine (Sources/Mustache) renders what swift-mustache 2.1.1 renders,
/// through the fast paths added for Bantin's contexts.
@Suite("Mustache (vendored)")
struct MustacheEscapeTests {
    private func render(_ template: String, _ context: Any) throws -> String {
        try MustacheTemplate(string: template).render(context)
    }

    @Test(arguments: [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        (#"Tổ "Đồng Tâm" 'số 1'"#, "Tổ &quot;Đồng Tâm&quot; &#39;số 1&#39;"),
        ("an ninh mạng", "an ninh mạng"),
        ("", ""),
        // A combining mark after a quote made one Character the original table missed.
        ("\"\u{0301} onmouseover=x", "&quot;\u{0301} onmouseover=x"),
        ("<\u{0323}script>", "&lt;\u{0323}script&gt;"),
    ])
    func escapesEveryMarkupCharacter(input: String, escaped: String) throws {
        #expect(try render("{{v}}", ["v": input]) == escaped)
        #expect(try render("{{{v}}}", ["v": input]) == input)
        #expect(try render("<a title=\"{{v}}\">", ["v": input]) == "<a title=\"\(escaped)\">")
    }

    @Test func looksNamesUpThroughDictionariesStringsFlagsAndLists() throws {
        let context: [String: Any] = [
            "site": ["title": "Bản tin"] as [String: Any],
            "root": "../",
            "flag": true,
            "off": false,
            "summary": "Tóm tắt",
            "nav": [["label": "Trang chủ", "current": true], ["label": "Tin <mới>", "current": false]] as [[String: Any]],
            "empty": [[String: Any]](),
            "count": 3,
        ]
        let template = """
        {{site.title}}|{{#flag}}{{root}}{{/flag}}|{{^off}}tắt{{/off}}|{{#summary}}{{summary}}/{{root}}{{/summary}}|\
        {{#nav}}[{{label}}{{#current}}*{{/current}}{{^current}}-{{/current}}{{root}}]{{/nav}}|{{^empty}}không có{{/empty}}|\
        {{count}}|{{missing}}{{site.missing}}|{{^summary}}x{{/summary}}{{#site}}{{title}}{{/site}}
        """
        #expect(try render(template, context) ==
            "Bản tin|../|tắt|Tóm tắt/../|[Trang chủ*../][Tin &lt;mới&gt;-../]|không có|3||Bản tin")
    }

    /// An empty text is looked up as if absent: its section stays shut, its inverted section
    /// opens, and inside a section the name is looked for further out, as for a missing key.
    @Test func anEmptyTextCountsAsAbsent() throws {
        let context: [String: Any] = [
            "summary": "",
            "title": "Ngoài",
            "item": ["title": "", "name": "Tổ 1"] as [String: Any],
            "list": ["", "a"],
        ]
        let template = "{{#summary}}có{{/summary}}|{{^summary}}không{{/summary}}|{{#item}}{{title}}-{{name}}{{/item}}|{{#list}}[{{.}}]{{/list}}"
        #expect(try render(template, context) == "|không|Ngoài-Tổ 1|[][a]")
    }
}
