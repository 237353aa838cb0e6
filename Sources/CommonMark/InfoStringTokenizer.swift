/// Splits a fence info string into words, so that `status="chưa báo cáo"` stays one
/// parameter. Only double quotes group: an apostrophe is ordinary text in values
/// such as `title=don't`. There is no escape character; an unclosed quote runs to
/// the end of the string, which is the least surprising reading of a typo.
enum InfoStringTokenizer {
    struct Word: Equatable {
        var key: String?
        var value: String
        var wasQuoted: Bool
    }

    static func words(in info: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var key: String?
        var inQuotes = false
        var wasQuoted = false
        var inWord = false

        func finishWord() {
            if inWord { words.append(Word(key: key, value: current, wasQuoted: wasQuoted)) }
            current = ""
            key = nil
            wasQuoted = false
            inWord = false
        }

        for character in info {
            if inQuotes {
                if character == "\"" { inQuotes = false } else { current.append(character) }
                continue
            }
            switch character {
            case "\"":
                inQuotes = true
                wasQuoted = true
                inWord = true
            case _ where character.isWhitespace:
                finishWord()
            // A leading "=" cannot start a value because there is no key to give it.
            case "=" where key == nil && !current.isEmpty && !wasQuoted:
                key = current
                current = ""
                inWord = true
            default:
                current.append(character)
                inWord = true
            }
        }
        finishWord()
        return words
    }
}
