import CLibFuzzer
import Foundation

/// Hands a fuzzer's test function to libFuzzer, which parses the command line (corpus folders,
/// -max_total_time, -merge=1 …) and calls it on every input.
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}

/// What every test function does with libFuzzer's buffer: copy it into `Data` (the type the
/// real readers take) and hand it over. libFuzzer may pass a null pointer for an empty input.
public func fuzzInput(_ start: UnsafePointer<UInt8>?, _ count: Int, _ body: (Data) -> Void) -> CInt {
    body(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

/// The same input as text: invalid UTF-8 is repaired rather than skipped so the string
/// parsers still run on every input.
public func fuzzText(_ start: UnsafePointer<UInt8>?, _ count: Int, _ body: (String) -> Void) -> CInt {
    fuzzInput(start, count) { body(String(decoding: $0, as: UTF8.self)) }
}

/// A failed property is a bug like a crash: abort so libFuzzer saves the input.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data(("fuzz property failed: " + message() + "\n").utf8))
        abort()
    }
}

/// Lines as Bantin counts them (LF, CRLF and a lone CR each end one).
public func lineCount(_ data: Data) -> Int {
    var lines = 1
    var previous: UInt8 = 0
    for byte in data {
        if byte == 0x0D || (byte == 0x0A && previous != 0x0D) { lines += 1 }
        previous = byte
    }
    return lines
}
