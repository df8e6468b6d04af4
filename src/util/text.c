/* text: UTF-8 validation, NFC, fold keys and cell clean-up; see text.h. */
#include "text.h"

#include "buf.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool text_is_utf8(const char *s, size_t len, size_t *bad_off)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp == 0) {
            if (bad_off)
                *bad_off = i;
            return false;
        }
        i += (size_t)n;
    }
    return true;
}

static char *map(const char *s, utf8proc_option_t opts)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, opts | UTF8PROC_NULLTERM);
    if (n < 0) {
        /* Invalid input never reaches here in practice; keep the bytes. */
        return xstrdup(s);
    }
    char *copy = xstrdup((char *)out);
    free(out);
    return copy;
}

char *text_nfc(const char *s)
{
    return map(s ? s : "", UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* Fold one code point (bytes cp[0..len)) into b: no marks, case folded, đ -> d. */
static void fold_cp(struct buf *b, const char *cp, size_t len)
{
    if (len == 1) {
        buf_addch(b, (char)tolower((unsigned char)cp[0]));
        return;
    }
    if (len == 2 && (unsigned char)cp[0] == 0xC4 &&
        ((unsigned char)cp[1] == 0x91 || (unsigned char)cp[1] == 0x90)) {
        buf_addch(b, 'd');
        return;
    }
    char tmp[8];
    memcpy(tmp, cp, len);
    tmp[len] = '\0';
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)tmp, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (n < 0)
        buf_add(b, cp, len);
    else
        buf_add(b, out, (size_t)n);
    free(out);
}

static bool is_space_cp(utf8proc_int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x3000;
}

char *text_fold_map(const char *s, size_t **map)
{
    struct buf b = BUF_INIT;
    size_t *m = NULL, cap = 0;
    size_t len = s ? strlen(s) : 0, i = 0;
    bool pending_space = false;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        size_t step = n > 0 ? (size_t)n : 1;
        if (n > 0 && is_space_cp(cp)) {
            pending_space = b.len > 0;
            i += step;
            continue;
        }
        size_t before = b.len;
        if (pending_space)
            buf_addch(&b, ' ');
        pending_space = false;
        fold_cp(&b, s + i, step);
        if (map) {
            ALLOC_GROW(m, b.len + 1, cap);
            for (size_t k = before; k < b.len; k++)
                m[k] = i;
        }
        i += step;
    }
    if (map) {
        ALLOC_GROW(m, b.len + 1, cap);
        m[b.len] = len;
        *map = m;
    }
    return buf_take(&b);
}

static bool is_letter_or_digit(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

char *text_match_key(const char *s)
{
    char *key = text_fold(s);
    struct buf b = BUF_INIT;
    size_t len = strlen(key), i = 0;
    bool pending_space = false;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)key + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        size_t step = n > 0 ? (size_t)n : 1;
        if (n <= 0 || !is_letter_or_digit(cp)) {
            pending_space = b.len > 0;
        } else {
            if (pending_space)
                buf_addch(&b, ' ');
            pending_space = false;
            buf_add(&b, key + i, step);
        }
        i += step;
    }
    free(key);
    return buf_take(&b);
}

static char *fold(const char *s, bool drop_spaces)
{
    char *key = text_fold_map(s, NULL);
    if (!drop_spaces)
        return key;
    char *w = key;
    for (char *r = key; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    return key;
}

char *text_fold(const char *s)
{
    return fold(s, false);
}

char *text_fold_nospace(const char *s)
{
    return fold(s, true);
}

static const struct {
    const char *name;
    const char *text;
} entities[] = {
    { "&nbsp;", " " }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
};

/* Length of an HTML-like tag starting at p ("<p>", "</li>", "<ul ...>"), or 0. */
static size_t tag_len(const char *p)
{
    if (p[0] != '<')
        return 0;
    size_t i = 1;
    if (p[i] == '/')
        i++;
    if (!isalpha((unsigned char)p[i]))
        return 0;
    while (isalnum((unsigned char)p[i]))
        i++;
    if (p[i] != '>' && p[i] != ' ' && p[i] != '/')
        return 0;
    const char *end = strchr(p + i, '>');
    if (!end || end - p > 200)
        return 0;
    return (size_t)(end - p) + 1;
}

/* Length of the entity at p that entity_text() would replace, or 0; *text gets its text. */
static size_t entity_at(const char *p, const char **text)
{
    for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
        size_t n = strlen(entities[i].name);
        if (strncmp(p, entities[i].name, n) == 0) {
            *text = entities[i].text;
            return n;
        }
    }
    return 0;
}

/* Tags become spaces, entities their text, tabs (and newlines unless kept) spaces. */
static void strip_markup(const char *s, bool keep_newlines, struct buf *b)
{
    for (const char *p = s; *p;) {
        const char *text = NULL;
        size_t tag = tag_len(p);
        size_t entity = tag ? 0 : entity_at(p, &text);
        if (tag) {
            buf_addch(b, ' ');
            p += tag;
        } else if (entity) {
            buf_adds(b, text);
            p += entity;
        } else {
            char c = *p++;
            if (c == '\t' || (c == '\n' && !keep_newlines))
                c = ' ';
            if (c != '\r')
                buf_addch(b, c);
        }
    }
}

/* Collapse spaces and no-break spaces (not newlines), trim each line, drop blank lines. */
static void collapse_spaces(const char *s, struct buf *out)
{
    bool space = false;
    for (const char *p = s; *p; p++) {
        bool nbsp = p[0] == '\xC2' && p[1] == '\xA0';
        bool line_start = out->len == 0 || out->data[out->len - 1] == '\n';
        if (*p == ' ' || nbsp) {
            p += nbsp;
            space = !line_start;
        } else if (*p == '\n') {
            space = false;
            if (!line_start)
                buf_addch(out, '\n');
        } else {
            if (space)
                buf_addch(out, ' ');
            space = false;
            buf_addch(out, *p);
        }
    }
    while (out->len && out->data[out->len - 1] == '\n')
        out->data[--out->len] = '\0';
}

char *text_clean(const char *s, bool keep_newlines)
{
    struct buf b = BUF_INIT, out = BUF_INIT;
    strip_markup(s ? s : "", keep_newlines, &b);
    collapse_spaces(b.data, &out);
    buf_release(&b);
    char *raw = buf_take(&out);
    char *nfc = text_nfc(raw);
    free(raw);
    return nfc;
}

char *text_trim(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

bool text_is_blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

bool text_starts_folded(const char *s, const char *prefix)
{
    char *a = text_fold(s);
    char *b = text_fold(prefix);
    bool yes = strncmp(a, b, strlen(b)) == 0;
    free(a);
    free(b);
    return yes;
}

void text_escape_log(struct buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    /* Invalid UTF-8 is escaped whole, byte by byte: a terminal must not guess at it. */
    bool utf8 = text_is_utf8(s, strlen(s), NULL);
    for (size_t i = 0; p[i]; i++) {
        bool c1 = utf8 && p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F;
        bool plain = p[i] > 0x20 && p[i] != 0x7F && p[i] != '\\' && (p[i] < 0x80 || utf8);
        if (c1) {
            buf_addf(b, "\\x%02X\\x%02X", p[i], p[i + 1]);
            i++;
        } else if (plain) {
            buf_addch(b, (char)p[i]);
        } else {
            buf_addf(b, "\\x%02X", p[i]);
        }
    }
}

/* Bytes in the UTF-8 sequence its lead byte c opens (1 for ASCII or a stray byte). */
static size_t seq_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

int text_prefix_len(const char *s, int max)
{
    size_t n = strnlen(s, max > 0 ? (size_t)max : 0);
    const unsigned char *p = (const unsigned char *)s;
    if (!p[n])
        return (int)n;
    while (n > 0 && is_continuation(p[n]))
        n--;
    return (int)n;
}

void text_drop_partial(char *s)
{
    size_t n = strlen(s), k = n;
    const unsigned char *p = (const unsigned char *)s;
    while (k > 0 && n - k < 4 && is_continuation(p[k - 1]))
        k--;
    if (k > 0 && p[k - 1] >= 0xC0 && seq_len(p[k - 1]) > n - k + 1)
        s[k - 1] = '\0';
}
