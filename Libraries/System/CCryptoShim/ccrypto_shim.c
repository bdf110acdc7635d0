// OpenSSL 3 sets up its default provider on the first call of any EVP function, the one-shot
// HMAC() or RAND_bytes(), and that set-up brought about 2 MB of libcrypto into each service's
// resident memory. The SHA-256 block functions below run OpenSSL's own implementation without
// a provider, so HMAC is composed here from them, and random bytes come from the kernel.
// OpenSSL 3 marks those functions deprecated but still ships them; the compatibility level
// below keeps them declared without warnings.
#define OPENSSL_API_COMPAT 0x10101000L

#include "ccrypto_shim.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

enum { block_size = SHA256_CBLOCK, digest_size = SHA256_DIGEST_LENGTH };

void ccrypto_sha256(const uint8_t *data, size_t length, uint8_t digest[32]) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, data, length);
    SHA256_Final(digest, &context);
    OPENSSL_cleanse(&context, sizeof context);
}

void ccrypto_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *message,
                         size_t message_length, uint8_t mac[32]) {
    uint8_t block[block_size] = {0};
    uint8_t pad[block_size];
    uint8_t inner[digest_size];
    SHA256_CTX context;

    if (key_length > block_size) {
        ccrypto_sha256(key, key_length, block);
    } else if (key_length > 0) {
        memcpy(block, key, key_length);
    }

    for (size_t index = 0; index < block_size; index++) pad[index] = block[index] ^ 0x36;
    SHA256_Init(&context);
    SHA256_Update(&context, pad, block_size);
    SHA256_Update(&context, message, message_length);
    SHA256_Final(inner, &context);

    for (size_t index = 0; index < block_size; index++) pad[index] = block[index] ^ 0x5c;
    SHA256_Init(&context);
    SHA256_Update(&context, pad, block_size);
    SHA256_Update(&context, inner, digest_size);
    SHA256_Final(mac, &context);

    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
    OPENSSL_cleanse(inner, sizeof inner);
    OPENSSL_cleanse(&context, sizeof context);
}

int ccrypto_random_bytes(uint8_t *buffer, size_t length) {
    size_t filled = 0;
    while (filled < length) {
        ssize_t count = getrandom(buffer + filled, length - filled, 0);
        if (count < 0) {
            if (errno == EINTR) continue;
            return 0;
        }
        filled += (size_t)count;
    }
    return 1;
}
