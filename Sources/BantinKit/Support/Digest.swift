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

    /// libcrypto's SHA-256, looked up once: its one-call `SHA256()` looks the algorithm up in
    /// the provider store, under a lock, on every call (a build makes some 60,000 digests).
    /// Immutable once fetched, and documented safe to share between threads. libcrypto starts
    /// without reading the system's openssl.cnf, which can only choose providers (SHA-256 is the
    /// default one's) and was 0.4 ms of every command.
    private nonisolated(unsafe) static let sha256Method: OpaquePointer = {
        OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_LOAD_CONFIG), nil)
        guard let method = EVP_MD_fetch(nil, "SHA256", nil) else { fatalError("libcrypto has no SHA-256") }
        return method
    }()

    /// The digest lands in a tuple on the stack and its hex is written straight into the string:
    /// cache keys are made tens of thousands of times a build, and an array per byte for the hex
    /// was most of the cost of a short key.
    static func sha256(_ raw: UnsafeRawBufferPointer) -> String {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &digest) { out in
            let done = EVP_Digest(raw.baseAddress, raw.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self), nil, sha256Method, nil)
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
