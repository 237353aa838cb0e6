#ifndef BANTIN_ATOMIC_SWAP_H
#define BANTIN_ATOMIC_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE): at every instant each name
/// holds one complete tree. Returns 0, or -1 with errno set (e.g. EINVAL where unsupported).
int bantin_exchange_paths(const char *a, const char *b);

#endif
