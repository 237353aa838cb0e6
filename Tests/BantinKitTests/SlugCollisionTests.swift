import Testing
@testable import BantinKit

@Suite("Slug collisions")
struct SlugCollisionTests {
    @Test func fileNamesThatSlugifyTheSameGetASuffixAndAWarning() throws {
        let site = TestSite.minimal()
        // Byte order: "A B.md" (0x41) is listed before "a-b.md" (0x61), so "a-b.md" is the second.
        site.write("content/posts/A B.md", "---\ntitle: \"Một\"\ndate: 2026-01-01\n---\n")
        site.write("content/posts/a-b.md", "---\ntitle: \"Hai\"\ndate: 2026-01-02\n---\n")
        let (loaded, diagnostics) = site.load()
        let posts = try #require(loaded).articles(in: .posts)
        #expect(posts.map(\.slug).sorted() == ["a-b", "a-b-2"])
        #expect(posts.first { $0.sourcePath == "posts/A B.md" }?.slug == "a-b")
        #expect(posts.first { $0.sourcePath == "posts/a-b.md" }?.slug == "a-b-2")

        let warning = try #require(diagnostics.all.first, "\(diagnostics.summary)")
        #expect(diagnostics.all.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.file == "content/posts/a-b.md")
        #expect(warning.line == 2)
        #expect(warning.message == "the address `a-b` is already used by content/posts/A B.md; this page is published as `a-b-2`")
    }

    @Test func explicitSlugCollidingWithAFileName() throws {
        let site = TestSite.minimal()
        site.write("content/posts/mot.md", "---\ntitle: \"Một\"\ndate: 2026-01-01\n---\n")
        site.write("content/posts/z.md", "---\ntitle: \"Z\"\ndate: 2026-01-02\nslug: Một\n---\n")
        let (loaded, diagnostics) = site.load()
        #expect(Set(try #require(loaded).articles.map(\.slug)) == ["mot", "mot-2"])
        #expect(diagnostics.matching("content/posts/z.md", "already used by content/posts/mot.md").count == 1)
    }

    @Test func sameSlugInDifferentSectionsIsFine() throws {
        let site = TestSite.minimal()
        site.write("content/posts/tin.md", "---\ntitle: \"Một\"\ndate: 2026-01-01\n---\n")
        site.write("content/messages/tin.md", "---\ntitle: \"Hai\"\n---\n")
        let (loaded, diagnostics) = site.load()
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        #expect(try #require(loaded).articles.map(\.slug) == ["tin", "tin"])
    }

    @Test func threeWayCollision() throws {
        let site = TestSite.minimal()
        for name in ["Tin Tức", "tin tuc", "tin-tuc"] {
            site.write("content/posts/\(name).md", "---\ntitle: \"\(name)\"\ndate: 2026-01-01\n---\n")
        }
        let (loaded, diagnostics) = site.load()
        #expect(try #require(loaded).articles.map(\.slug).sorted() == ["tin-tuc", "tin-tuc-2", "tin-tuc-3"])
        #expect(diagnostics.warnings.count == 2)
    }

    @Test func fileNameWithoutLettersNeedsASlug() throws {
        let site = TestSite.minimal()
        site.write("content/posts/–.md", "---\ntitle: \"Một\"\ndate: 2026-01-01\n---\n")
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.errors.first)
        #expect(error.message.contains("cannot make a web address"))
        #expect(error.hint == "add `slug: …` to the front matter")
        #expect(loaded?.articles.isEmpty == true)
    }
}
