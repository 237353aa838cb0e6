#ifndef BANTIN_ATOMIC_SWAP_H
#define BANTIN_ATOMIC_SWAP_H

#include <sys/types.h>

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE): at every instant each name
/// holds one complete tree. Returns 0, or -1 with errno set (e.g. EINVAL where unsupported).
int bantin_exchange_paths(const char *a, const char *b);

/// copy_file_range(2), a GNU extension Swift's Glibc module does not show: copies up to `count`
/// bytes of `in` from `*offset` (advanced by what was copied) to `out` at its position. Returns
/// the bytes copied, 0 at the end of `in`, or -1 with errno set (ENOSYS where unsupported).
ssize_t bantin_copy_range(int in, off_t *offset, int out, size_t count);

#endif
