/* crypto: libsodium behind a small interface; see crypto.h. */
#include "crypto.h"

#include "xalloc.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int crypto_init(struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "cannot initialise libsodium");
    return 0;
}

char *crypto_password_hash(const char *password, struct err *e)
{
    char *out = xmalloc(crypto_pwhash_STRBYTES);
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0)
        return out;
    free(out);
    err_set(e, ERR_INTERNAL, "cannot hash the password (out of memory)");
    return NULL;
}

bool crypto_password_ok(const char *hash, const char *password)
{
    return hash && *hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* A hash of a random password at the same cost as every stored one, made once. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static void make_dummy_hash(void)
{
    char password[CRYPTO_TOKEN_LEN];
    struct err e = ERR_INIT;
    crypto_token(password);
    char *hash = crypto_password_hash(password, &e);
    if (hash)
        memcpy(dummy_hash, hash, sizeof(dummy_hash));
    free(hash);
}

void crypto_password_burn(const char *password)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_dummy_hash);
    (void)crypto_password_ok(dummy_hash, password ? password : "");
}

void crypto_token(char out[CRYPTO_TOKEN_LEN])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, CRYPTO_TOKEN_LEN, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
}

void crypto_digest(const char *token, char out[CRYPTO_DIGEST_LEN])
{
    unsigned char d[32];
    crypto_generichash(d, sizeof(d), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, CRYPTO_DIGEST_LEN, d, sizeof(d));
}

char *crypto_password_new(size_t n_chars)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    char *p = xmalloc(n_chars + 1);
    for (size_t i = 0; i < n_chars; i++)
        p[i] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
    p[n_chars] = '\0';
    return p;
}

bool crypto_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    return sodium_memcmp(a, b, la) == 0;
}
