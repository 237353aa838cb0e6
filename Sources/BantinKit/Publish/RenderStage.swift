import Foundation

/// render: every page on every core into the staging folder, keeping no page's HTML after it is
/// written. An article's body is rendered once for its page, its fragment and its search entry. A
/// page whose key is unchanged is linked from the last build's output instead. A thousand pages
/// at a time, whose search entries are then written out (index parts and the cache's records):
/// at 50,000 pages they are 400 MB.
enum RenderStage {
    /// What rendering one page did, for the report and the next build's cache.
    struct Outcome: Sendable {
        let path: String
        let key: String
        var diagnostics = Diagnostics()
        var searchEntry: Data?
        /// The article was reused, and its search entry is the last build's record under `key`.
        var searchEntryKept = false
        var fragment: String?
        var reused = false
    }

    /// The last build, when the build cache vouches for its output folder.
    struct Previous: Sendable {
        let cache: BuildCache
        let output: URL
        let search: SearchRecords?
        /// `output.path`, made once rather than for each of 20,000 links.
        let outputPath: String

        init(cache: BuildCache, output: URL, search: SearchRecords?) {
            (self.cache, self.output, self.search) = (cache, output, search)
            outputPath = output.standardizedFileURL.path   // as StagingOutput knows the live output by
        }
    }

    static func run(_ pages: [Page], renderer: PageRenderer, keys: PageKeys, output: StagingOutput, previous: Previous?,
                    searchIndex: inout SearchIndex.Writer, searchRecords: inout SearchRecords.Writer?,
                    into diagnostics: inout Diagnostics) -> [Outcome] {
        var rendered: [Outcome] = []
        rendered.reserveCapacity(pages.count)
        // Past a couple of thousand pages each core renders with a renderer of its own (see
        // `PageRenderer.separateCopy`); a copy costs parsing the theme again, about 5 ms.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let renderers = [renderer] + (pages.count >= 2_048 ? (1..<max(cores, 1)).map { _ in renderer.separateCopy() } : [])
        for start in stride(from: 0, to: pages.count, by: 1024) {
            let chunk = Array(pages[start..<min(start + 1024, pages.count)]).concurrentMap(workerState: { renderers[$0 % renderers.count] }) {
                render($1, renderer: $0, keys: keys, output: output, previous: previous)
            }
            for var outcome in chunk {
                if outcome.searchEntry != nil || outcome.searchEntryKept {
                    do { try searchIndex.add(.init(key: outcome.key, entry: outcome.searchEntry), to: output) } catch {
                        outcome.diagnostics.error(SourceRef(file: Routes.searchIndex), "cannot write the search index: \(WriteFailure.reason(error, writingUnder: output.staging))")
                    }
                    if let entry = outcome.searchEntry {
                        if (try? searchRecords?.add(key: outcome.key, entry: entry)) == nil { searchRecords = nil }
                    } else if let kept = previous?.search, (try? searchRecords?.copy(key: outcome.key, from: kept)) != true {
                        searchRecords = nil
                    }
                    outcome.searchEntry = nil
                }
                diagnostics.append(contentsOf: outcome.diagnostics)
                rendered.append(outcome)
            }
        }
        return rendered
    }

    private static func render(_ page: Page, renderer: PageRenderer, keys: PageKeys, output: StagingOutput,
                               previous: Previous?) -> Outcome {
        let key = keys.key(for: page), path = page.path
        var outcome = Outcome(path: path, key: key)
        var article: Article?
        if case let .article(own) = page { article = own }
        // An article page is reused with its fragment and its search entry, or made afresh.
        let fragmentPath = article.flatMap { renderer.fragmentPaths[$0.id] }
        // An article's page is the only file in its folder (its print layout, if any, is in a folder
        // inside it), so that folder can be made before linking.
        if let previous, previous.cache.has(path, key: key), fragmentPath.map({ previous.cache.has($0, key: key) }) ?? true,
           article == nil || previous.search?.holds(key) == true,
           output.link(path, fromFolder: previous.outputPath, ownFolder: article != nil),
           fragmentPath.map({ output.link($0, fromFolder: previous.outputPath) }) ?? true {
            outcome.reused = true
            outcome.diagnostics.append(contentsOf: previous.cache.reports[path] ?? [])
            outcome.searchEntryKept = article != nil
            outcome.fragment = fragmentPath
            return outcome
        }
        let body = article.map { renderer.body($0, into: &outcome.diagnostics) }
        if let html = renderer.render(page, body: body, into: &outcome.diagnostics) {
            do { try output.write(html, to: path) } catch {
                outcome.diagnostics.error(SourceRef(file: path), "cannot write the page: \(WriteFailure.reason(error, writingUnder: output.staging))")
            }
        }
        guard let article, let body else { return outcome }
        if let fragment = renderer.fragment(article, body: body) {
            do { try output.write(fragment.html, to: fragment.path) } catch {
                outcome.diagnostics.error(SourceRef(file: fragment.path), "cannot write the fragment: \(WriteFailure.reason(error, writingUnder: output.staging))")
            }
            outcome.fragment = fragment.path
        }
        outcome.searchEntry = SearchIndex.encoded(SearchIndex.entry(article, text: body.plainText))
        return outcome
    }
}
