import FuzzSupport

@main
enum CSVFuzzer {
    static func main() {
        runFuzzer { fuzzInput($0, $1) { fuzzActivityReport($0, fileExtension: "csv") } }
    }
}
