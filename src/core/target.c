/*
 * target: reading targets as written into comparable clauses; see target.h.
 *
 * The reader scans the fold key of the text (lower case, no diacritics,
 * đ -> d, single spaces), so "Tối thiểu" and "tối thiểu" read alike, and
 * cuts labels, units and notes out of the original text through the key's
 * offset map, so they keep their diacritics as written.
 */
#include "target.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The text being read. */
struct tp {
    char *s;     /* cleaned original text */
    char *key;   /* its fold key */
    size_t *map; /* key offset -> offset in s (map[n] = strlen(s)) */
    size_t n;    /* strlen(key) */
    bool rank;   /* the target is a ranking */
};

enum start_kind { START_NONE, START_OP, START_RANK, START_IMPROVE, START_FROM, START_FIGURE };

static const struct {
    const char *w; /* fold key of the word or symbol */
    enum target_op op;
} op_words[] = {
    { "≥", TARGET_GE },
    { ">=", TARGET_GE },
    { "≤", TARGET_LE },
    { "<=", TARGET_LE },
    { ">", TARGET_GT },
    { "<", TARGET_LT },
    { "toi thieu", TARGET_GE },
    { "it nhat", TARGET_GE },
    { "tren", TARGET_GT },
    { "toi da", TARGET_LE },
    { "khong vuot qua", TARGET_LE },
    { "khong qua", TARGET_LE },
    { "duoi", TARGET_LT },
};

/* ---- numbers --------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
    return isalnum((unsigned char)c) != 0;
}

/* ---- the key: words, figures, starts -------------------------------------- */

/*
 * The cursor helpers are bounded: a position past the end of the key reads
 * as its terminating NUL, so a reader may step over a word it expects
 * ("tang" + 4) before checking that the word is there without reading
 * beyond key[n].
 */

/* The key byte at i; NUL at and past the end. */
static char key_at(const struct tp *p, size_t i)
{
    return i < p->n ? p->key[i] : '\0';
}

/* i moved past spaces, at most to the end of the key (n). */
static size_t skip_sp(const struct tp *p, size_t i)
{
    if (i > p->n)
        return p->n;
    while (i < p->n && p->key[i] == ' ')
        i++;
    return i;
}

/* True when the bytes of w (a word or a symbol) sit in the key at i. */
static bool has_at(const struct tp *p, size_t i, const char *w)
{
    size_t len = strlen(w);
    return i <= p->n && len <= p->n - i && memcmp(p->key + i, w, len) == 0;
}

/* Word w (a fold key) at i, not inside a longer word. */
static bool word_at(const struct tp *p, size_t i, const char *w)
{
    if (!has_at(p, i, w))
        return false;
    if (i > 0 && is_alnum(p->key[i - 1]))
        return false;
    return !is_alnum(key_at(p, i + strlen(w)));
}

/* The first word w at or after i and before b, or TARGET_NO_START. */
static size_t find_word(const struct tp *p, size_t i, size_t b, const char *w)
{
    for (; i < b; i++)
        if (word_at(p, i, w))
            return i;
    return TARGET_NO_START;
}

static bool is_year(const struct tp *p, size_t i, size_t len, double v)
{
    return len == 4 && v >= 1900 && v <= 2100 && i >= 4 && !strncmp(p->key + i - 4, "nam ", 4);
}

/* A figure at i: a number not glued to a word ("4G", "DC/1") and not a year. */
static bool figure_at(const struct tp *p, size_t i, size_t *end, double *v)
{
    const char *k = p->key;
    double val;
    if (!is_digit(key_at(p, i)) || (i > 0 && (is_alnum(k[i - 1]) || strchr("/.,", k[i - 1]))))
        return false;
    size_t len = target_read_number(k + i, &val);
    if (!len || (key_at(p, i + len) == 'g' && !is_alnum(key_at(p, i + len + 1))) ||
        is_year(p, i, len, val))
        return false;
    if (end)
        *end = i + len;
    if (v)
        *v = val;
    return true;
}

/* A comparison word or symbol at i followed by a figure (at *fig). */
static bool op_at(const struct tp *p, size_t i, enum target_op *op, size_t *fig)
{
    for (size_t w = 0; w < sizeof(op_words) / sizeof(*op_words); w++) {
        const char *word = op_words[w].w;
        size_t len = strlen(word);
        bool symbol = !isalpha((unsigned char)word[0]);
        if (symbol ? !has_at(p, i, word) : !word_at(p, i, word))
            continue;
        size_t j = skip_sp(p, i + len);
        if (!figure_at(p, j, NULL, NULL))
            return false;
        if (op)
            *op = op_words[w].op;
        if (fig)
            *fig = j;
        return true;
    }
    return false;
}

/* "tăng 04 bậc" at i; *places and *end when not NULL. */
static bool improve_at(const struct tp *p, size_t i, int *places, size_t *end)
{
    size_t e;
    double v;
    if (!word_at(p, i, "tang") || !figure_at(p, skip_sp(p, i + 4), &e, &v) ||
        !word_at(p, skip_sp(p, e), "bac"))
        return false;
    if (places)
        *places = (int)v;
    if (end)
        *end = skip_sp(p, e) + 3;
    return true;
}

/* "từ 1,8 MW ... lên 2,1": the position of "len" before b, or TARGET_NO_START. */
static size_t from_at(const struct tp *p, size_t i, size_t b)
{
    if (!word_at(p, i, "tu") || !figure_at(p, skip_sp(p, i + 2), NULL, NULL))
        return TARGET_NO_START;
    size_t len = find_word(p, i + 2, b, "len");
    if (len == TARGET_NO_START || !figure_at(p, skip_sp(p, len + 3), NULL, NULL))
        return TARGET_NO_START;
    return len;
}

static enum start_kind start_at(const struct tp *p, size_t i, size_t b)
{
    if (op_at(p, i, NULL, NULL))
        return START_OP;
    if (word_at(p, i, "xep thu") && figure_at(p, skip_sp(p, i + 7), NULL, NULL))
        return START_RANK;
    if (improve_at(p, i, NULL, NULL))
        return START_IMPROVE;
    if (from_at(p, i, b) != TARGET_NO_START)
        return START_FROM;
    return figure_at(p, i, NULL, NULL) ? START_FIGURE : START_NONE;
}

static size_t find_start(const struct tp *p, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (start_at(p, i, b) != START_NONE)
            return i;
    return TARGET_NO_START;
}

/* ---- cutting the original -------------------------------------------------- */

/* The original text of key range [a, b), trimmed of spaces and ",;:.-"; NULL when empty. */
static char *cut(const struct tp *p, size_t a, size_t b)
{
    if (a >= b)
        return NULL;
    const char *from = p->s + p->map[a], *to = p->s + p->map[b];
    while (from < to && strchr(" ,;:.-", *from))
        from++;
    while (to > from && strchr(" ,;:.-", to[-1]))
        to--;
    return to > from ? xstrndup(from, (size_t)(to - from)) : NULL;
}

static void note_add(struct target *t, const struct tp *p, size_t a, size_t b)
{
    char *s = cut(p, a, b);
    if (!s)
        return;
    char *joined = t->note ? xasprintf("%s; %s", t->note, s) : NULL;
    if (joined) {
        free(t->note);
        free(s);
        t->note = joined;
    } else {
        t->note = s;
    }
}

/* The label written before a clause's figure: "khối bộ đạt " -> "khối bộ". */
static char *label_before(const struct tp *p, size_t a, size_t st)
{
    size_t e = st;
    while (e > a && strchr(" :,", p->key[e - 1]))
        e--;
    if (e >= a + 3 && !strncmp(p->key + e - 3, "dat", 3) && (e == a + 3 || p->key[e - 4] == ' '))
        e -= 3;
    return cut(p, a, e);
}

/* ---- clauses ---------------------------------------------------------------------- */

/* End of the words after a figure (before ",;:(", " và " or b); *n_words counted. */
static size_t words_end(const struct tp *p, size_t j, size_t b, int *n_words)
{
    *n_words = 0;
    size_t i = j;
    while (i < b && p->key[i] && !strchr(",;:()", p->key[i]) && !word_at(p, i, "va")) {
        if (p->key[i] != ' ' && (i == j || p->key[i - 1] == ' '))
            (*n_words)++;
        i++;
    }
    while (i > j && p->key[i - 1] == ' ')
        i--;
    return i;
}

/* After a word unit: "(năm 2025)/1 triệu dân" extends "MW" to "MW/1 triệu dân". */
static size_t unit_suffix(const struct tp *p, size_t i, size_t b, char **unit)
{
    size_t j = skip_sp(p, i);
    if (key_at(p, j) == '(' && word_at(p, j + 1, "nam") && strchr(p->key + j, ')'))
        j = (size_t)(strchr(p->key + j, ')') - p->key) + 1;
    if (key_at(p, j) != '/')
        return i;
    size_t e = j;
    while (e < b && p->key[e] && !strchr(",;", p->key[e]))
        e++;
    char *tail = cut(p, j, e);
    char *joined = xasprintf("%s%s", *unit, tail ? tail : "");
    free(*unit);
    free(tail);
    *unit = joined;
    return e;
}

/* The unit after a figure ending at i: "%", "%/năm", "% GDP", or a few words. */
static size_t read_unit(const struct tp *p, size_t i, size_t b, struct target_clause *c)
{
    const char *k = p->key;
    if (key_at(p, i) == '%') {
        size_t u = i++;
        if (key_at(p, i) == '/')
            while (i < b && k[i] && !strchr(" ,;:)", k[i]))
                i++;
        else if (word_at(p, skip_sp(p, i), "gdp"))
            i = skip_sp(p, i) + 3;
        c->unit = cut(p, u, i);
        return i;
    }
    int n_words;
    size_t j = skip_sp(p, i), e = words_end(p, j, b, &n_words);
    if (n_words == 0 || n_words > 6)
        return i;
    if ((c->part != TARGET_WHOLE || p->rank) && !c->label) {
        c->label = cut(p, j, e); /* "≤ 3 Đông Nam Á": the words name the scale */
        return e;
    }
    c->unit = cut(p, j, e);
    return unit_suffix(p, e, b, &c->unit);
}

/* A figure, maybe a range "40 - 50" / "20 đến 25", then its unit. */
static size_t read_figures(const struct tp *p, size_t fig, size_t b, struct target_clause *c)
{
    size_t e, e2;
    double hi;
    figure_at(p, fig, &e, &c->low);
    c->high = c->low;
    size_t j = skip_sp(p, e);
    size_t dash = has_at(p, j, "–")      ? strlen("–")
                  : key_at(p, j) == '-'   ? 1
                  : word_at(p, j, "den") ? 3
                                         : 0;
    if (dash && figure_at(p, skip_sp(p, j + dash), &e2, &hi) && hi > c->low) {
        c->op = TARGET_RANGE;
        c->high = hi;
        e = e2;
    }
    return read_unit(p, e, b, c);
}

static size_t read_bound(const struct tp *p, size_t st, size_t b, struct target_clause *c)
{
    size_t fig;
    c->stated = op_at(p, st, &c->op, &fig);
    if (!c->stated) {
        fig = st;
        c->op = p->rank ? TARGET_LE : TARGET_GE;
    }
    return read_figures(p, fig, b, c);
}

/* "xếp thứ 16": rank 16 or better. */
static size_t read_rank(const struct tp *p, size_t st, size_t b, struct target_clause *c)
{
    c->op = TARGET_LE;
    size_t i = read_figures(p, skip_sp(p, st + 7), b, c);
    return key_at(p, i) == ')' ? i + 1 : i;
}

/* "tăng 04 bậc theo đánh giá của ITU (xếp thứ 65)"; 0 when no rank is named. */
static size_t read_improve(const struct tp *p, size_t st, size_t b, struct target_clause *c)
{
    size_t i;
    improve_at(p, st, &c->improve_by, &i);
    size_t rank = find_word(p, i, b, "xep thu");
    if (rank == TARGET_NO_START || !figure_at(p, skip_sp(p, rank + 7), NULL, NULL))
        return 0;
    size_t by = find_word(p, i, rank, "theo danh gia cua");
    if (by != TARGET_NO_START && !c->label) {
        size_t e = rank;
        while (e > by && strchr(" (", p->key[e - 1]))
            e--;
        c->label = cut(p, by + strlen("theo danh gia cua"), e);
    }
    return read_rank(p, rank, b, c);
}

/* "từ 1,8 MW (năm 2024) lên 2,1 MW": the goal, with the starting point. */
static size_t read_from(const struct tp *p, size_t st, size_t b, struct target_clause *c)
{
    size_t len = from_at(p, st, b), e;
    figure_at(p, skip_sp(p, st + 2), &e, &c->base);
    size_t y = find_word(p, e, len, "nam");
    double year = 0;
    if (y != TARGET_NO_START)
        target_read_number(p->key + skip_sp(p, y + 3), &year);
    c->has_base = year >= 1900 && year <= 2100;
    c->base_year = c->has_base ? (int)year : 0;
    size_t i = read_figures(p, skip_sp(p, len + 3), b, c);
    if (c->op != TARGET_RANGE)
        c->op = c->low < c->base || p->rank ? TARGET_LE : TARGET_GE;
    return i;
}

/* Read one clause from key range [a, b); *rest is where its words end. */
static bool parse_clause(const struct tp *p, size_t a, size_t b, enum target_part part,
                         struct target_clause *c, size_t *rest)
{
    size_t st = find_start(p, a, b);
    if (st == TARGET_NO_START)
        return false;
    memset(c, 0, sizeof(*c));
    c->part = part;
    c->label = part == TARGET_WHOLE ? NULL : label_before(p, a, st);
    switch (start_at(p, st, b)) {
    case START_IMPROVE:
        *rest = read_improve(p, st, b, c);
        break;
    case START_RANK:
        *rest = read_rank(p, st, b, c);
        break;
    case START_FROM:
        *rest = read_from(p, st, b, c);
        break;
    default:
        *rest = read_bound(p, st, b, c);
        break;
    }
    if (*rest == 0) {
        free(c->label);
        free(c->unit);
        return false;
    }
    return true;
}

/* ---- segments ------------------------------------------------------------------- */

static struct target_clause *add_clause(struct target *t)
{
    t->clauses = xreallocarray(t->clauses, t->n_clauses + 1, sizeof(*t->clauses));
    return &t->clauses[t->n_clauses++];
}

/* "phấn đấu đạt 70%" in [s, b) as the stretch of c. */
static void read_stretch(const struct tp *p, size_t s, size_t b, struct target_clause *c,
                         struct target *t)
{
    struct target_clause tmp;
    size_t rest;
    if (!parse_clause(p, s, b, TARGET_WHOLE, &tmp, &rest)) {
        note_add(t, p, s, b);
        return;
    }
    c->has_stretch = true;
    c->stretch = tmp.low;
    free(tmp.label);
    free(tmp.unit);
    note_add(t, p, rest, b);
}

/* One clause over [a, b), with its stretch when the words say "phấn đấu". */
static void add_segment(const struct tp *p, struct target *t, size_t a, size_t b,
                        enum target_part part)
{
    size_t s = find_word(p, a, b, "phan dau");
    if (s == TARGET_NO_START || find_start(p, a, s) == TARGET_NO_START)
        s = b;
    struct target_clause c;
    size_t rest;
    if (!parse_clause(p, a, s, part, &c, &rest)) {
        note_add(t, p, a, b);
        return;
    }
    note_add(t, p, rest, s);
    if (s < b)
        read_stretch(p, s, b, &c, t);
    *add_clause(t) = c;
}

/* The pieces of [a, b) between separators sep; true when each has a figure. */
static bool pieces_all_read(const struct tp *p, size_t a, size_t b, char sep, int *n)
{
    *n = 0;
    for (size_t i = a; i <= b; i++) {
        if (i < b && p->key[i] != sep)
            continue;
        if (find_start(p, a, i) == TARGET_NO_START)
            return false;
        (*n)++;
        a = i + 1;
    }
    return true;
}

static void add_pieces(const struct tp *p, struct target *t, size_t a, size_t b, char sep,
                       enum target_part part)
{
    for (size_t i = a; i <= b; i++) {
        if (i < b && p->key[i] != sep)
            continue;
        add_segment(p, t, skip_sp(p, a), i, part);
        a = i + 1;
    }
}

/* " và " between two clauses that each start with a figure ("... (xếp thứ 63) và tăng 07 bậc"). */
static size_t scale_and(const struct tp *p)
{
    for (size_t v = find_word(p, 0, p->n, "va"); v != TARGET_NO_START;
         v = find_word(p, v + 2, p->n, "va")) {
        size_t r = skip_sp(p, v + 2);
        if (find_start(p, 0, v) != TARGET_NO_START && start_at(p, r, p->n) != START_NONE)
            return v;
    }
    return TARGET_NO_START;
}

/*
 * Which clauses the text holds, in this order of precedence: a whole clause
 * then blocs ("trong đó"); scales separated by ';' (each with a figure);
 * two scales joined by "và"; otherwise one clause.
 */
static void parse_numeric(const struct tp *p, struct target *t)
{
    int n = 0;
    size_t split = find_word(p, 0, p->n, "trong do");
    size_t both = scale_and(p);
    if (split != TARGET_NO_START && find_start(p, 0, split) != TARGET_NO_START) {
        add_segment(p, t, 0, split, TARGET_WHOLE);
        add_pieces(p, t, skip_sp(p, split + 8), p->n, ',', TARGET_BLOC);
    } else if (strchr(p->key, ';') && pieces_all_read(p, 0, p->n, ';', &n) && n > 1) {
        add_pieces(p, t, 0, p->n, ';', TARGET_SCALE);
    } else if (both != TARGET_NO_START) {
        add_segment(p, t, 0, both, TARGET_SCALE);
        add_segment(p, t, skip_sp(p, both + 2), p->n, TARGET_SCALE);
    } else {
        add_segment(p, t, 0, p->n, TARGET_WHOLE);
    }
}

/* ---- the target ----------------------------------------------------------------- */

static void tp_init(struct tp *p, const char *text)
{
    char *no_markup = xstrdup(text ? text : "");
    char *w = no_markup;
    for (const char *r = no_markup; *r; r++)
        if (*r != '$')
            *w++ = *r;
    *w = '\0';
    p->s = text_clean(no_markup, false);
    free(no_markup);
    size_t len = strlen(p->s);
    while (len && p->s[len - 1] == '.')
        p->s[--len] = '\0';
    p->key = text_fold_map(p->s, &p->map);
    p->n = strlen(p->key);
    p->rank = false;
}

static void tp_release(struct tp *p)
{
    free(p->s);
    free(p->key);
    free(p->map);
}

static bool ranking(const struct tp *p, const char *unit)
{
    char *u = text_fold(unit);
    bool rank = strstr(u, "thu bac") || strstr(u, "xep hang");
    free(u);
    for (size_t i = 0; i < p->n && !rank; i++)
        rank = word_at(p, i, "xep thu") || improve_at(p, i, NULL, NULL);
    return rank;
}

void target_parse(struct target *t, const char *text, const char *unit)
{
    struct tp p;
    *t = (struct target)TARGET_INIT;
    t->text = xstrdup(text ? text : "");
    tp_init(&p, text);
    p.rank = ranking(&p, unit);
    t->is_rank = p.rank;
    if (p.n == 0) {
        t->kind = TARGET_NONE;
    } else {
        parse_numeric(&p, t);
        t->kind = t->n_clauses ? TARGET_NUMERIC : TARGET_TEXT;
        if (!t->n_clauses)
            FREE_AND_NULL(t->note);
    }
    tp_release(&p);
}

void target_release(struct target *t)
{
    for (size_t i = 0; i < t->n_clauses; i++) {
        free(t->clauses[i].label);
        free(t->clauses[i].unit);
    }
    free(t->clauses);
    free(t->text);
    free(t->note);
    *t = (struct target)TARGET_INIT;
}

size_t target_find_start(const char *text)
{
    struct tp p;
    tp_init(&p, text);
    size_t at = find_start(&p, 0, p.n);
    size_t off = TARGET_NO_START;
    if (at != TARGET_NO_START) {
        /* The key maps into the cleaned copy; the same words sit in `text`. */
        const char *hit = strstr(text, p.s + p.map[at]);
        off = hit ? (size_t)(hit - text) : TARGET_NO_START;
    }
    tp_release(&p);
    return off;
}
