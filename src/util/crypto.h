/*
 * crypto: passwords, random tokens and token digests, by libsodium (the
 * only module that includes sodium.h).
 *
 * Passwords are hashed with Argon2id (crypto_pwhash_str, interactive
 * limits); session and API tokens are 32 random bytes shown once as
 * base64url, and only their BLAKE2b digest is stored, so a copy of the
 * database does not let anyone sign in.
 */
#ifndef GIAMSAT_CRYPTO_H
#define GIAMSAT_CRYPTO_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define CRYPTO_TOKEN_LEN 44  /* base64url of 32 bytes, + NUL */
#define CRYPTO_DIGEST_LEN 65 /* hex of 32 bytes, + NUL */

/** Initialise libsodium; ERR_INTERNAL when it cannot. Safe to call more than once. */
int crypto_init(struct err *e);
/** Argon2id hash of password, newly allocated; NULL (with *e) on failure. */
char *crypto_password_hash(const char *password, struct err *e);
/** True when password matches hash. Constant time in the password. */
bool crypto_password_ok(const char *hash, const char *password);
/**
 * The Argon2id work of crypto_password_ok() against a hash of the same
 * cost, for a sign-in whose account does not exist or cannot sign in: the
 * answer then takes as long as for a real account (no enumeration by
 * timing). The first call also makes that hash, once per process.
 */
void crypto_password_burn(const char *password);
/** A new random token, base64url, into out. */
void crypto_token(char out[CRYPTO_TOKEN_LEN]);
/** Hex BLAKE2b-256 digest of token, into out. */
void crypto_digest(const char *token, char out[CRYPTO_DIGEST_LEN]);
/** A random password of n_chars letters and digits (no look-alikes), newly allocated. */
char *crypto_password_new(size_t n_chars);
/** Constant-time comparison of two NUL-terminated strings. */
bool crypto_equal(const char *a, const char *b);

#endif
