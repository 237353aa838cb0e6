import Foundation

/// One `<Relationship>` of a .rels part.
struct Relationship {
    let id: String
    let type: String
    let target: String
    let isExternal: Bool

    /// Matches by the last path segment of the type URI, so both transitional
    /// (schemas.openxmlformats.org) and strict (purl.oclc.org) workbooks resolve.
    func hasType(_ name: String) -> Bool {
        type.split(separator: "/").last.map(String.init) == name
    }
}

final class RelationshipsHandler: XMLHandler {
    private(set) var relationships: [Relationship] = []

    func start(_ name: String, attributes: [String: String]) throws(SpreadsheetError) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        relationships.append(Relationship(
            id: id, type: attributes["Type"] ?? "", target: target,
            isExternal: attributes["TargetMode"] == "External"))
    }

    func end(_ name: String) throws(SpreadsheetError) {}
    func text(_ string: String) {}
}

/// What xl/workbook.xml says: the sheets in tab order and the date system.
final class WorkbookHandler: XMLHandler {
    struct SheetEntry {
        let name: String
        let relationshipID: String
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var date1904 = false

    func start(_ name: String, attributes: [String: String]) throws(SpreadsheetError) {
        switch name {
        case "workbookPr":
            date1904 = XMLBoolean.parse(attributes["date1904"]) ?? false
        case "sheet":
            // The relationship id is `r:id`; prefixes are stripped, so it arrives as "id".
            guard let id = attributes["id"] else { return }
            sheets.append(SheetEntry(name: attributes["name"] ?? "", relationshipID: id))
        default:
            break
        }
    }

    func end(_ name: String) throws(SpreadsheetError) {}
    func text(_ string: String) {}
}

/// xsd:boolean, which allows "1"/"0" as well as "true"/"false".
enum XMLBoolean {
    static func parse(_ text: String?) -> Bool? {
        switch text?.trimmingCharacters(in: .whitespaces) {
        case "1", "true": return true
        case "0", "false": return false
        default: return nil
        }
    }
}
