// UTF-8 validation by the "lookup" algorithm of Keiser and Lemire ("Validating UTF-8 in less
// than one instruction per byte", Software: Practice and Experience, 2021), as simdjson and
// simdutf implement it, here on 16-byte SSSE3 vectors. Debian 12 packages no C library for it,
// and Swift's own check runs at about 250 MB/s on Vietnamese text, where nearly every word has a
// multi-byte letter: checking each file read, each page's HTML and each page's text was
// about 7 % of a build's CPU. The answer is a yes or no, the same on every CPU.

#include "fast_utf8.h"
#include <string.h>

bool bantin_utf8_valid_scalar(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time: most of a page's bytes are.
        while (i + 8 <= n) {
            uint64_t word;
            memcpy(&word, s + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        uint8_t lead = s[i];
        if (lead < 0x80) { i += 1; continue; }
        if (lead >= 0xC2 && lead <= 0xDF) {
            if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return false;
            i += 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            if (i + 2 >= n) return false;
            uint8_t second = s[i + 1];
            uint8_t low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
            if (second < low || second > high || (s[i + 2] & 0xC0) != 0x80) return false;
            i += 3;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            if (i + 3 >= n) return false;
            uint8_t second = s[i + 1];
            uint8_t low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
            if (second < low || second > high || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80) return false;
            i += 4;
        } else {
            return false;   // a continuation byte first, C0, C1, or F5–FF
        }
    }
    return true;
}

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <tmmintrin.h>

// Bits of the three tables: which error a pair of bytes (the one before, and this one) can be.
enum {
    TOO_SHORT = 1 << 0,   // a lead byte followed by a lead byte or ASCII
    TOO_LONG = 1 << 1,    // ASCII followed by a continuation
    OVERLONG_3 = 1 << 2,  // E0 80–9F
    TOO_LARGE = 1 << 3,   // F4 90–BF, F5–FF
    SURROGATE = 1 << 4,   // ED A0–BF
    OVERLONG_2 = 1 << 5,  // C0, C1
    TOO_LARGE_1000 = 1 << 6,
    OVERLONG_4 = 1 << 6,  // F0 80–8F
    TWO_CONTS = 1 << 7,   // a continuation after a continuation: right only as a 3rd or 4th byte
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

__attribute__((target("ssse3")))
static inline __m128i high_nibbles(__m128i v) {
    return _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F));
}

// The errors of each byte with the one before it (`prev1`), and the third and fourth bytes
// that must be continuations; the result is zero where all is well.
__attribute__((target("ssse3")))
static inline __m128i block_errors(__m128i input, __m128i previous_input) {
    const __m128i byte_1_high_table = _mm_setr_epi8(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS,
        TOO_SHORT | OVERLONG_2,
        TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE,
        (char)(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4));
    const __m128i byte_1_low_table = _mm_setr_epi8(
        (char)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4),
        (char)(CARRY | OVERLONG_2),
        (char)CARRY, (char)CARRY,
        (char)(CARRY | TOO_LARGE),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000));
    const __m128i byte_2_high_table = _mm_setr_epi8(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);

    __m128i prev1 = _mm_alignr_epi8(input, previous_input, 15);
    __m128i special = _mm_and_si128(
        _mm_and_si128(_mm_shuffle_epi8(byte_1_high_table, high_nibbles(prev1)),
                      _mm_shuffle_epi8(byte_1_low_table, _mm_and_si128(prev1, _mm_set1_epi8(0x0F)))),
        _mm_shuffle_epi8(byte_2_high_table, high_nibbles(input)));

    // Two bytes back a lead of 3 or 4 bytes, or three back one of 4: this byte must be a
    // continuation, which the tables above marked TWO_CONTS; anywhere else TWO_CONTS is an error.
    __m128i prev2 = _mm_alignr_epi8(input, previous_input, 14);
    __m128i prev3 = _mm_alignr_epi8(input, previous_input, 13);
    __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8((char)(0xE0 - 0x80)));
    __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8((char)(0xF0 - 0x80)));
    __m128i must_be_continuation = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
    return _mm_xor_si128(must_be_continuation, special);
}

__attribute__((target("ssse3")))
static bool valid_ssse3(const uint8_t *s, size_t n) {
    __m128i error = _mm_setzero_si128();
    __m128i previous = _mm_setzero_si128();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i input = _mm_loadu_si128((const __m128i *)(s + i));
        error = _mm_or_si128(error, block_errors(input, previous));
        previous = input;
    }
    // The rest padded with zeros, always one block: ASCII after an unfinished character is an
    // error the tables catch, so the end of the text needs no check of its own.
    uint8_t tail[16] = {0};
    if (n > i) memcpy(tail, s + i, n - i);
    error = _mm_or_si128(error, block_errors(_mm_loadu_si128((const __m128i *)tail), previous));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF;
}

static bool has_ssse3(void) {
    unsigned a, b, c, d;
    return __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3);
}
#endif

bool bantin_utf8_valid(const uint8_t *bytes, size_t count) {
#if defined(__x86_64__) || defined(__i386__)
    // Asked once per process: a plain static is enough, as every thread would store the same answer.
    static int ssse3 = -1;
    int known = __atomic_load_n(&ssse3, __ATOMIC_RELAXED);
    if (known < 0) {
        known = has_ssse3();
        __atomic_store_n(&ssse3, known, __ATOMIC_RELAXED);
    }
    if (known) return valid_ssse3(bytes, count);
#endif
    return bantin_utf8_valid_scalar(bytes, count);
}
