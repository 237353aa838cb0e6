import FuzzSupport

@main
enum XLSXFuzzer {
    static func main() {
        runFuzzer { fuzzInput($0, $1) { fuzzActivityReport($0, fileExtension: "xlsx") } }
    }
}
