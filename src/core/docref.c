/*
 * docref: reading document references; see docref.h.
 *
 * The text is folded (see util/text.h) with an offset map: keywords such
 * as the kind, "số" and "ngày" are recognised in the fold key, while the
 * number, symbol and date are cut from the original text.
 */
#include "docref.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {
    "Nghị quyết", "Thông báo", "Chỉ thị",  "Kế hoạch",     "Công điện", "Công văn",
    "Kết luận",   "Quyết định", "Nghị định", "Thông tư", "Chương trình", "Đề án",
    "Quy định",   "Hướng dẫn", "Báo cáo",  "Tờ trình", "Quy chế",       "Luật",
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

/* A folded text with its map back to the original. */
struct folded {
    const char *orig;
    char *key;
    size_t *map;
};

static bool word_at(const char *key, size_t i, const char *word)
{
    size_t n = strlen(word);
    return (i == 0 || !isalnum((unsigned char)key[i - 1])) && strncmp(key + i, word, n) == 0 &&
           !isalnum((unsigned char)key[i + n]);
}

static void skip_spaces(const char *key, size_t *i)
{
    while (key[*i] == ' ' || key[*i] == ':')
        (*i)++;
}

/*
 * The fold keys of kinds[], made once per process (pthread_once: the server's threads parse
 * at once), not per parse: a unit's page parses the reference of every task's document.
 */
struct kind_keys {
    char *key[N_KINDS];
    size_t len[N_KINDS];
};

static struct kind_keys kind_keys_made;
static pthread_once_t kind_keys_once = PTHREAD_ONCE_INIT;

static void kind_keys_make(void)
{
    for (size_t k = 0; k < N_KINDS; k++) {
        kind_keys_made.key[k] = text_fold(kinds[k]);
        kind_keys_made.len[k] = strlen(kind_keys_made.key[k]);
    }
}

/* The keys, read-only, kept for the life of the process. */
static const struct kind_keys *kind_keys(void)
{
    pthread_once(&kind_keys_once, kind_keys_make);
    return &kind_keys_made;
}

/* Kind index whose folded name starts at key offset i, or -1. */
static int kind_at(const struct kind_keys *kk, const char *key, size_t i, size_t *len)
{
    for (size_t k = 0; k < N_KINDS; k++) {
        if (word_at(key, i, kk->key[k])) {
            *len = kk->len[k];
            return (int)k;
        }
    }
    return -1;
}

static char *cut(const struct folded *f, size_t from, size_t to)
{
    char *raw = xstrndup(f->orig + f->map[from], f->map[to] - f->map[from]);
    char *trimmed = text_trim(raw);
    free(raw);
    return trimmed;
}

/* The symbol runs until white space, ",", ";" or "(": "CĐ-TTg", "TB/BCĐTW". */
static size_t symbol_end(const char *key, size_t i)
{
    while (key[i] && key[i] != ' ' && key[i] != ',' && key[i] != ';' && key[i] != '(')
        i++;
    while (i && key[i - 1] == '.')
        i--;
    return i;
}

static int read_number(const struct folded *f, size_t *i, struct docref *r)
{
    const char *key = f->key;
    size_t start = *i, j = *i;
    while (isdigit((unsigned char)key[j]))
        j++;
    if (j == start)
        return -1;
    r->number = xstrndup(key + start, j - start);
    /* "06 - TB/CQTTBCĐ": spaces around the separator are a typing slip. */
    size_t k = j;
    while (key[k] == ' ')
        k++;
    if ((key[k] == '/' || key[k] == '-') && key[k + 1]) {
        r->sep = key[k];
        k++;
        while (key[k] == ' ')
            k++;
        size_t end = symbol_end(key, k);
        if (end > k && isalpha((unsigned char)key[k])) {
            r->symbol = cut(f, k, end);
            j = end;
        }
    }
    *i = j;
    return 0;
}

/* Digits at key[*i] (at most max), copied as written; NULL when none. */
static char *read_digits(const char *key, size_t *i, size_t max)
{
    size_t n = strspn(key + *i, "0123456789");
    if (n == 0 || n > max)
        return NULL;
    char *digits = xstrndup(key + *i, n);
    *i += n;
    return digits;
}

static int digits_value(const char *s)
{
    int v = 0;
    for (; *s; s++)
        v = v * 10 + (*s - '0');
    return v;
}

/* A date separator: "/", "-", "." or the words " thang " / " nam ". */
static bool read_date_sep(const char *key, size_t *i, const char *word)
{
    if (key[*i] == '/' || key[*i] == '-' || key[*i] == '.') {
        (*i)++;
        return true;
    }
    size_t j = *i;
    skip_spaces(key, &j);
    if (!word_at(key, j, word))
        return false;
    j += strlen(word);
    skip_spaces(key, &j);
    *i = j;
    return true;
}

/* "ngày 14/3/2025" or "ngày 22 tháng 12 năm 2024"; keeps the digits as written. */
static void read_date(const char *key, size_t *i, struct docref *r)
{
    size_t j = *i;
    if (!word_at(key, j, "ngay"))
        return;
    j += 4;
    skip_spaces(key, &j);
    char *d = read_digits(key, &j, 2), *m = NULL, *y = NULL;
    if (d && read_date_sep(key, &j, "thang"))
        m = read_digits(key, &j, 2);
    if (m && read_date_sep(key, &j, "nam"))
        y = read_digits(key, &j, 4);
    struct date date = { y ? digits_value(y) : 0, m ? digits_value(m) : 0, d ? digits_value(d) : 0 };
    if (y && strlen(y) == 4 && date_is_valid(date.y, date.m, date.d)) {
        r->date = date;
        r->date_text = xasprintf("%s/%s/%s", d, m, y);
        *i = j;
    }
    free(d);
    free(m);
    free(y);
}

static void parse_at(const struct folded *f, size_t i, int kind, size_t kind_len,
                     struct docref *r)
{
    const char *key = f->key;
    r->kind = xstrdup(kinds[kind]);
    i += kind_len;
    skip_spaces(key, &i);
    if (word_at(key, i, "so")) {
        i += 2;
        skip_spaces(key, &i);
    }
    if (read_number(f, &i, r) == 0) {
        skip_spaces(key, &i);
        read_date(key, &i, r);
    }
}

int docref_parse(const char *text, struct docref *out, struct err *e)
{
    struct folded f = { text, NULL, NULL };
    const struct kind_keys *kk = kind_keys();
    f.key = text_fold_map(text, &f.map);
    *out = (struct docref)DOCREF_INIT;
    int ret = -1;
    /* The first kind followed by a number names the document ("Chương trình
     * hành động tại Nghị quyết số 71/NQ-CP" is Nghị quyết 71). */
    for (size_t i = 0; f.key[i] && !out->number; i++) {
        size_t len;
        int k = kind_at(kk, f.key, i, &len);
        if (k < 0)
            continue;
        docref_release(out);
        parse_at(&f, i, k, len, out);
    }
    if (!out->kind || !out->number) {
        ret = err_set(e, ERR_INVALID, "không đọc được số, ký hiệu văn bản trong “%s”", text);
        docref_release(out);
        goto cleanup;
    }
    out->original = text_trim(text);
    ret = 0;
cleanup:
    free(f.key);
    free(f.map);
    return ret;
}

/* Split a cell before every document kind that follows a ";" or ",". */
static void split_cell(const char *cell, char ***parts, size_t *n)
{
    size_t *map = NULL;
    char *key = text_fold_map(cell, &map);
    size_t cap = 0, start = 0, key_len = strlen(key);
    const struct kind_keys *kk = kind_keys();
    *parts = NULL;
    *n = 0;
    for (size_t i = 1; i < key_len; i++) {
        size_t len;
        bool boundary = key[i] == ';' || key[i] == '\n';
        if (!boundary &&
            (i < 2 || (key[i - 2] != ',' && key[i - 2] != ';') || kind_at(kk, key, i, &len) < 0))
            continue;
        size_t end = map[i];
        ALLOC_GROW(*parts, *n + 1, cap);
        (*parts)[(*n)++] = xstrndup(cell + start, end - start);
        /* Past the whole character that folded to ';' (U+037E is two bytes), not map[i] + 1. */
        start = boundary ? map[i + 1] : end;
    }
    ALLOC_GROW(*parts, *n + 1, cap);
    (*parts)[(*n)++] = xstrdup(cell + start);
    free(key);
    free(map);
}

int docref_parse_list(const char *cell, struct docref **out, size_t *n, struct err *e)
{
    char **parts;
    size_t n_parts;
    split_cell(cell, &parts, &n_parts);
    struct docref *refs = xcalloc(n_parts, sizeof(*refs));
    size_t n_refs = 0;
    int ret = 0;
    for (size_t i = 0; i < n_parts; i++) {
        if (text_is_blank(parts[i]))
            continue;
        ret = docref_parse(parts[i], &refs[n_refs], e);
        if (ret)
            break;
        n_refs++;
    }
    for (size_t i = 0; i < n_parts; i++)
        free(parts[i]);
    free(parts);
    if (ret) {
        for (size_t i = 0; i < n_refs; i++)
            docref_release(&refs[i]);
        FREE_AND_NULL(refs);
        n_refs = 0;
    }
    *out = refs;
    *n = n_refs;
    return ret;
}

char *docref_key(const struct docref *r)
{
    char *kind = text_fold(r->kind);
    const char *num = r->number;
    while (num[0] == '0' && num[1])
        num++;
    char iso[DATE_ISO_LEN];
    date_iso(r->date, iso);
    char *key = xasprintf("%s|%s|%s", kind, num, iso);
    free(kind);
    return key;
}

char *docref_name(const struct docref *r)
{
    struct buf b = BUF_INIT;
    buf_addf(&b, "%s số %s", r->kind, r->number);
    if (r->symbol)
        buf_addf(&b, "%c%s", r->sep, r->symbol);
    if (r->date_text)
        buf_addf(&b, " ngày %s", r->date_text);
    return buf_take(&b);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void docref_copy(struct docref *dst, const struct docref *src)
{
    dst->kind = dup_or_null(src->kind);
    dst->number = dup_or_null(src->number);
    dst->symbol = dup_or_null(src->symbol);
    dst->sep = src->sep;
    dst->date = src->date;
    dst->date_text = dup_or_null(src->date_text);
    dst->original = dup_or_null(src->original);
}

void docref_release(struct docref *r)
{
    if (!r)
        return;
    free(r->kind);
    free(r->number);
    free(r->symbol);
    free(r->date_text);
    free(r->original);
    *r = (struct docref)DOCREF_INIT;
}
