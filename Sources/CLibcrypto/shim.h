// SHA-256 through libcrypto's own block functions rather than the EVP interface: those are
// deprecated in OpenSSL 3 but compute the same digest with the same CPU code (SHA-NI where
// there is one), without the provider machinery EVP sets up on first use (0.7-0.9 ms of
// every command). Deprecation is silenced here, for this header only.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

/// SHA-256 of `count` bytes at `data` into the 32 bytes at `out`; 1 on success.
static inline int bantin_sha256(const void *data, size_t count, unsigned char *out) {
    SHA256_CTX context;
    return SHA256_Init(&context) && SHA256_Update(&context, data, count) && SHA256_Final(out, &context);
}
