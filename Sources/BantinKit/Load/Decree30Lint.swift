import Foundation
import VietText

/// Warnings where a letter breaks Decree 30/2020/NĐ-CP. Never rewrites: official text is shown as written.
enum Decree30Lint {
    static func check(_ article: Article, into diagnostics: inout Diagnostics) {
        guard let letter = article.letter else { return }
        checkDate(letter, at: article.fieldRefs["date_written"] ?? article.ref, into: &diagnostics)
        checkNumber(letter, at: article.fieldRefs["number"] ?? article.ref, into: &diagnostics)
    }

    static func checkDate(_ letter: Letter, at ref: SourceRef, into diagnostics: inout Diagnostics) {
        guard let written = letter.dateWritten else { return }
        let expected = letter.date.official
        guard written != expected else { return }
        let numbers = written.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        if numbers.count == 3, numbers[0] == letter.date.day, numbers[1] == letter.date.month, numbers[2] == letter.date.year {
            diagnostics.warning(ref, "Decree 30 writes this date as \"\(expected)\", not \"\(written)\"",
                                hint: "a leading zero only for days 1–9 and months 1–2; the text is shown as written")
        } else {
            diagnostics.warning(ref, "`date_written` (\"\(written)\") does not match `date` (\(letter.date.short))")
        }
    }

    static func checkNumber(_ letter: Letter, at ref: SourceRef, into diagnostics: inout Diagnostics) {
        let number = letter.number
        if number.contains(" ") {
            diagnostics.warning(ref, "the number \"\(number)\" contains spaces; Decree 30 writes it without (e.g. 05/BC-VHXH)")
        }
        let parts = number.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            // Party documents use "57-CT/TW": number and symbol joined by "-".
            if !number.contains("-") {
                diagnostics.warning(ref, "the number \"\(number)\" has no symbol; Decree 30 writes \"Số: 05/BC-VHXH\"")
            }
            return
        }
        if let value = Int(parts[0]), value < 10, parts[0].count == 1 {
            diagnostics.warning(ref, "Decree 30 pads numbers under 10 with a zero: \"0\(value)/\(parts[1])\"")
        }
        let symbolParts = parts[1].split(separator: "-").map(String.init)
        if letter.kind == "cong-van", symbolParts.contains("CV") {
            let fixed = symbolParts.filter { $0 != "CV" }.joined(separator: "-")
            diagnostics.warning(ref, "a state công văn's symbol has no \"CV\" (Decree 30): \"\(parts[0])/\(fixed)\", not \"\(number)\"",
                                hint: "only Party letters carry CV, as in 234-CV/BTGTU; the number is shown as written")
        }
    }
}
