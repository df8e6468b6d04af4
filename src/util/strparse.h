/*
 * strparse: reading numbers out of text without the traps of strtol
 * (silent overflow, errno, accepting "12abc"). The only module that calls
 * strtol; `make lint` bans it elsewhere.
 *
 * Cursor functions take `const char **p` and advance it only on success.
 */
#ifndef GIAMSAT_STRPARSE_H
#define GIAMSAT_STRPARSE_H

/**
 * Read a whole string as a decimal integer in [min, max]: digits with an
 * optional leading '-', nothing before or after. Returns 0, or -1 (and
 * *out untouched) when s is not such a number.
 */
int strparse_long(const char *s, long min, long max, long *out);

/**
 * Read 1 to max_digits decimal digits at *p as an int; advance *p past
 * them. Returns 0, or -1 when *p does not start with a digit.
 */
int strparse_digits(const char **p, int max_digits, int *out);

#endif
