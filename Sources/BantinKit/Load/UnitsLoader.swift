import VietText

/// Reads `content/units.yaml`: the kinds of unit and the units themselves.
enum UnitsLoader {
    /// nil when the file cannot be read as a whole (bad YAML, no `units:` list): then nobody knows
    /// which units exist, and the caller must not report every reference to one as unknown.
    static func load(_ file: TextFile, into diagnostics: inout Diagnostics) -> (kinds: [UnitKind], units: [Unit])? {
        guard let root = YAMLValue.parse(file.text, file: file.path, lineOffset: 0, into: &diagnostics),
              var fields = FieldReader(root, what: "units.yaml", diagnostics: &diagnostics) else { return nil }

        var kinds: [UnitKind] = []
        if let list = fields.raw("kinds") {
            for item in list.sequence ?? [] {
                guard var kind = FieldReader(item, what: "a kind", diagnostics: &diagnostics) else { continue }
                let id = kind.string("id", required: true, diagnostics: &diagnostics)
                let label = kind.string("label", required: true, diagnostics: &diagnostics)
                kind.reportUnknownKeys(into: &diagnostics)
                guard let id, let label else { continue }
                if kinds.contains(where: { $0.id == id }) {
                    diagnostics.error(item.ref, "the kind `\(id)` is declared twice")
                } else {
                    kinds.append(UnitKind(id: id, label: label))
                }
            }
            if list.sequence == nil { diagnostics.error(list.ref, "`kinds` must be a list") }
        } else {
            kinds = UnitKind.defaults
        }

        var units: [Unit] = []
        var seen: [String: SourceRef] = [:]
        guard let list = fields.raw("units")?.sequence else {
            diagnostics.error(fields.ref, "units.yaml must have a `units:` list")
            fields.reportUnknownKeys(into: &diagnostics)
            return nil
        }
        fields.reportUnknownKeys(into: &diagnostics)
        for (index, item) in list.enumerated() {
            guard var unit = FieldReader(item, what: "unit \(index + 1)", diagnostics: &diagnostics) else { continue }
            let name = unit.string("name", required: true, diagnostics: &diagnostics)
            let givenID = unit.string("id", diagnostics: &diagnostics)
            let kind = unit.string("kind", required: true, diagnostics: &diagnostics)
            let group = unit.string("group", diagnostics: &diagnostics)
            let contact = unit.string("contact", diagnostics: &diagnostics)
            let order = unit.int("order", diagnostics: &diagnostics)
            let sample = unit.bool("sample", diagnostics: &diagnostics) ?? false
            unit.reportUnknownKeys(into: &diagnostics)
            guard let name, let kind else { continue }

            let id = givenID ?? VietText.slug(name)
            if VietText.slug(id) != id || id.isEmpty {
                diagnostics.error(item["id"]?.ref ?? item.ref, "unit id `\(id)` must be lowercase ASCII letters, digits and hyphens",
                                  hint: "e.g. `\(VietText.slug(id.isEmpty ? name : id))`")
                continue
            }
            if let first = seen[id] {
                diagnostics.error(item.ref, "two units have the id `\(id)` (the first is on line \(first.line))",
                                  hint: givenID == nil ? "names that differ only in accents or punctuation give the same id; add `id:` to one of them" : nil)
                continue
            }
            if !kinds.contains(where: { $0.id == kind }) {
                let hint = Suggest.closest(to: kind, in: kinds.map(\.id)).map { "did you mean `\($0)`?" }
                    ?? "declared kinds: " + kinds.map(\.id).joined(separator: ", ")
                diagnostics.error(item["kind"]?.ref ?? item.ref, "unknown unit kind `\(kind)`", hint: hint)
                continue
            }
            seen[id] = item.ref
            units.append(Unit(id: id, name: name, kind: kind, group: group, contact: contact, order: order,
                              sample: sample, ref: item.ref))
        }
        return (kinds, sortUnits(units, kinds: kinds))
    }

    /// Kind order first, then an explicit `order`, then Vietnamese collation with numbers
    /// compared as numbers ("Tổ dân phố số 2" before "số 10").
    static func sortUnits(_ units: [Unit], kinds: [UnitKind]) -> [Unit] {
        let kindRank = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1.id, $0) })
        return units.sorted { a, b in
            let ka = kindRank[a.kind] ?? .max, kb = kindRank[b.kind] ?? .max
            if ka != kb { return ka < kb }
            if a.order != b.order { return (a.order ?? .max) < (b.order ?? .max) }
            let order = VietCollation.compare(a.name, b.name)
            if order != .orderedSame { return order == .orderedAscending }
            return a.id.precedesBytewise(b.id)
        }
    }
}
