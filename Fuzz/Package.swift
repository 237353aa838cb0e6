// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets over Bantin's real parsers, in a package of their own so the root
// package's `swift build` never compiles them. `make fuzz` builds them with
// `-Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer`: every module,
// Bantin's included, gets libFuzzer's coverage instrumentation, but the link is left alone,
// because -Xswiftc also reaches the root package's EmbedTheme build tool and SwiftPM gives
// each executable its own `main`. The fuzzers link libFuzzer without its main
// (libclang_rt.fuzzer_no_main, passed by the Makefile) and call LLVMFuzzerRunDriver.
let fuzzers = ["FuzzFrontMatter", "FuzzCSV", "FuzzXLSX", "FuzzMarkdown", "FuzzSlug", "FuzzDate"]

let package = Package(
    name: "BantinFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Bantin", path: "..")],
    targets: [
        // libFuzzer is C++ built against the system's libstdc++.
        .target(name: "CLibFuzzer", linkerSettings: [.linkedLibrary("stdc++")]),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", .product(name: "BantinKit", package: "Bantin")]),
    ] + fuzzers.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "BantinKit", package: "Bantin")])
    }
)
