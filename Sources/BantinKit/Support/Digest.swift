import CLibcrypto
import Foundation

/// SHA-256 in hex, from libcrypto: bundle manifests, build-cache keys and input digests.
enum Digest {
    static func sha256(_ data: Data) -> String {
        data.withUnsafeBytes { sha256($0) }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { sha256($0) }
    }

    /// The digest lands in a tuple on the stack and its hex is written straight into the string:
    /// cache keys are made tens of thousands of times a build, and an array per byte for the hex
    /// was most of the cost of a short key.
    static func sha256(_ raw: UnsafeRawBufferPointer) -> String {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &digest) { out in
            // libcrypto's block functions (see the shim): the EVP interface set up its providers on
            // first use, most of a millisecond of every command, and fetched or allocated per call.
            let done = bantin_sha256(raw.baseAddress, raw.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
            precondition(done == 1, "libcrypto could not compute a SHA-256")
            return String(unsafeUninitializedCapacity: 64) { hex in
                let digits: StaticString = "0123456789abcdef"
                for (index, byte) in out.enumerated() {
                    hex[2 * index] = digits.utf8Start[Int(byte >> 4)]
                    hex[2 * index + 1] = digits.utf8Start[Int(byte & 0xF)]
                }
                return 64
            }
        }
    }
}
