#pragma once

#include <stddef.h>
#include <stdint.h>

/// Writes the 32-byte SHA-256 digest of `length` bytes at `data` to `digest`.
void ccrypto_sha256(const uint8_t *data, size_t length, uint8_t digest[32]);

/// Writes the 32-byte HMAC-SHA256 (RFC 2104) of `message` under `key` to `mac`. A key longer than
/// SHA-256's 64-byte block is hashed first, and an empty key is allowed.
void ccrypto_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *message,
                         size_t message_length, uint8_t mac[32]);

/// Fills `length` bytes at `buffer` from the kernel's random source (getrandom(2)), waiting for
/// it to be seeded at boot. Returns 1 on success and 0 when the call fails.
int ccrypto_random_bytes(uint8_t *buffer, size_t length);
