/*
 * text: Unicode text handling for Vietnamese (UTF-8, NFC).
 *
 * All text stored by giamsat is valid UTF-8 in NFC. Matching and search use
 * a fold key: NFC text with diacritics removed, case folded, đ/Đ mapped to
 * d and runs of white space collapsed to one space, so "Ủy ban", "Uỷ ban"
 * and "UY  BAN" all fold to "uy ban".
 *
 * Every function returning char * returns a newly allocated string; free it
 * with free(). Input must be valid UTF-8 unless said otherwise.
 */
#ifndef GIAMSAT_TEXT_H
#define GIAMSAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Check that s[0..len) is valid UTF-8 with no NUL byte.
 * On failure stores the byte offset of the first bad sequence in *bad_off
 * (when not NULL) and returns false.
 */
bool text_is_utf8(const char *s, size_t len, size_t *bad_off);

/** NFC normalisation of s. */
char *text_nfc(const char *s);

/** The fold key of s (see above); "" for NULL. */
char *text_fold(const char *s);

/**
 * text_fold() that also returns, in *map (newly allocated, free with free()),
 * for each byte offset k of the key (and k == strlen(key)) the byte offset in
 * s where the character that produced it starts, so a match found in the
 * key can be cut out of the original text. map may be NULL.
 */
char *text_fold_map(const char *s, size_t **map);

/**
 * The key two writings of one name share: text_fold() with every
 * character that is neither a letter nor a digit (punctuation, quotes,
 * "…" and "...", dashes, a trailing ":" or ".") turned into a space, and
 * spaces collapsed and trimmed. "Đề án “học tập số”..." and "đề án
 * \"hoc tap so\" …" both give "de an hoc tap so".
 */
char *text_match_key(const char *s);

/** Same as text_fold() but with every space removed ("Thời  hạn" -> "thoihan"). */
char *text_fold_nospace(const char *s);

/**
 * Cell clean-up for imported text: removes HTML-like markup (<p>, </li>,
 * <ul style=...>), decodes &nbsp; &amp; &lt; &gt; &quot;, turns tabs and line
 * breaks into spaces when `keep_newlines` is false, collapses runs of
 * spaces, trims, and normalises to NFC.
 */
char *text_clean(const char *s, bool keep_newlines);

/** Copy of s without leading and trailing ASCII white space. */
char *text_trim(const char *s);

/** True when s is NULL or only white space. */
bool text_is_blank(const char *s);

/** True when the fold key of s starts with the fold key of prefix. */
bool text_starts_folded(const char *s, const char *prefix);

/**
 * The length of the longest prefix of s of at most max bytes that does
 * not end inside a UTF-8 character: for "%.*s", so a message that shortens
 * a name never cuts a character in two (which would make it invalid UTF-8,
 * and JSON without it).
 */
int text_prefix_len(const char *s, int max);

/** Drop an incomplete UTF-8 character at the end of s (after a truncating snprintf). */
void text_drop_partial(char *s);

struct buf;
/**
 * Append s to b for a log line: control characters (C0, DEL, the C1
 * range U+0080..U+009F, so ESC and CSI too), space and backslash become
 * \xHH, so one logged field can neither end the line nor pass for the next
 * field. Any bytes accepted (invalid UTF-8 is escaped byte by byte).
 */
void text_escape_log(struct buf *b, const char *s);

#endif
