#ifndef BANTIN_FAST_UTF8_H
#define BANTIN_FAST_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Whether the bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF, no truncated sequence), as Swift's own check decides.
bool bantin_utf8_valid(const uint8_t *bytes, size_t count);

/// The same answer without SIMD, for the tests to hold the two against each other.
bool bantin_utf8_valid_scalar(const uint8_t *bytes, size_t count);

#endif
