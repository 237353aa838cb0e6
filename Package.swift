// swift-tools-version:6.0
import PackageDescription

// The programs allocate through jemalloc (Debian's libjemalloc-dev) in place of glibc's malloc: a
// build allocates millions of small strings on two threads, and jemalloc's per-thread caches took
// a tenth off a full build's CPU time on the bench corpus, and a little memory. Not under the
// sanitizers (`make test-asan`, `make test-tsan` set BANTIN_SANITIZER), which bring allocators of
// their own: jemalloc's malloc beside the thread sanitizer's failed the sanitizer's allocator checks.
let jemalloc: [LinkerSetting] = Context.environment["BANTIN_SANITIZER"] == nil ? [.linkedLibrary("jemalloc")] : []

let package = Package(
    name: "Bantin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bantin", targets: ["bantin"]),
        .executable(name: "bantin-serve", targets: ["bantin-serve"]),
        .library(name: "BantinKit", targets: ["BantinKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Debian's cmark 0.30 and libqrencode 4.1, found through pkg-config.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]),
        // OpenSSL's libcrypto, only for SHA-256 in bundle manifests (a C API of one call).
        .systemLibrary(name: "CLibcrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
        // zlib's raw deflate and CRC-32: bundles are written in one streaming pass, entries compressed on every core.
        .systemLibrary(name: "CDeflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate compresses a whole entry at once, 2.3 times as fast as zlib at level 6 for
        // slightly smaller output; zlib stays for inflating and for big entries in pieces.
        .systemLibrary(name: "CLibdeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),

        // renameat2(RENAME_EXCHANGE): swaps the new site in with no moment without a complete one;
        // copy_file_range: copies the unchanged runs of the last build's zips in the kernel.
        .target(name: "CAtomicSwap"),
        // UTF-8 checked with SIMD (the Keiser–Lemire lookup algorithm), which Debian 12 packages no
        // library for: Swift's own check was about 7 % of a build's CPU. A yes or no, the same on every CPU.
        .target(name: "CFastUTF8"),
        .target(name: "FastUTF8", dependencies: ["CFastUTF8"]),
        // Vietnamese text rules; no dependencies on purpose so any tool can reuse it.
        .target(name: "VietText"),
        // swift-mustache 2.1.1 (Apache-2.0), vendored with faster lookups and escaping: its casts
        // per variable and a dictionary lookup per escaped Character were a sixth of a big build.
        // Every change is marked "Bantin:"; see Sources/Mustache/README.md.
        .target(name: "Mustache", exclude: ["LICENSE.txt", "README.md"]),
        .target(name: "CommonMark", dependencies: ["CCmark", "FastUTF8"]),
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        // CSV and .xlsx activity reports into one table model; knows nothing of the site.
        .target(name: "Spreadsheet", dependencies: ["FastUTF8", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),

        // Embeds templates/ (the default theme) and starter/ into the binary, so
        // `bantin init` works from the binary alone while templates/ stays the one source.
        .executableTarget(name: "EmbedTheme"),
        .plugin(name: "EmbedThemePlugin", capability: .buildTool(), dependencies: ["EmbedTheme"]),

        .target(
            name: "BantinKit",
            dependencies: [
                "VietText", "FastUTF8", "CommonMark", "QRCode", "Spreadsheet", "CLibcrypto", "CAtomicSwap", "CDeflate", "CLibdeflate",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
                "Mustache",
            ],
            plugins: ["EmbedThemePlugin"]
        ),
        // The preview server: FlyingFox behind our own path checks, inotify, live reload.
        // Kept out of BantinKit so the engine has no network code.
        .target(
            name: "BantinServe",
            dependencies: ["BantinKit", .product(name: "FlyingFox", package: "FlyingFox"),
                           .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "bantin",
            dependencies: ["BantinKit", "VietText", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: jemalloc
        ),
        // `bantin serve`, which `bantin` runs in its place: the HTTP library stays out of `bantin`.
        .executableTarget(
            name: "bantin-serve",
            dependencies: ["BantinKit", "BantinServe", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: jemalloc
        ),

        .testTarget(name: "VietTextTests", dependencies: ["VietText"]),
        .testTarget(name: "FastUTF8Tests", dependencies: ["FastUTF8", "CFastUTF8"]),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "SpreadsheetTests",
                    dependencies: ["Spreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "BantinKitTests", dependencies: ["BantinKit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["BantinKit"]),
    ]
)
