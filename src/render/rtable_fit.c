/* rtable_fit: column widths that make a table shortest; see rtable_fit.h. */
#include "rtable_fit.h"

#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define LOOKAHEAD 6   /* a column may widen by 1, 2, 4 ... 32 characters at once */
#define TALL_WEIGHT 4 /* a line of a row's height against a line of one of its cells */

/* Code points in s[0..len). */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Characters of the longest word of s: the narrowest a column can wrap it. */
static size_t longest_word(const char *s)
{
    size_t best = 0;
    while (*s) {
        size_t len = strcspn(s, " \n");
        size_t n = utf8_chars(s, len);
        best = n > best ? n : best;
        s += len + strspn(s + len, " \n");
    }
    return best;
}

static size_t lines_of(size_t n_chars, size_t usable)
{
    usable = usable ? usable : 1;
    return n_chars <= usable ? 1 : (n_chars * 11 / 10 + usable - 1) / usable;
}

size_t rtable_text_lines(const char *text, size_t width, size_t pad)
{
    size_t usable = width > pad ? width - pad : 1, lines = 0;
    for (const char *s = text ? text : "";;) {
        size_t len = strcspn(s, "\n");
        lines += lines_of(utf8_chars(s, len), usable);
        if (!s[len])
            return lines;
        s += len + 1;
    }
}

/* What the layout knows of a table: each cell's length, each column's bounds. */
struct fit {
    const struct rtable *t;
    const struct rtable_fit *f;
    size_t *chars;     /* [row * n_cols + col]: characters of the cell (a footnote mark: 2) */
    size_t *min, *max; /* [col]: narrowest and widest width, pad included */
};

/*
 * How tall the table is with column c_add widened by add (c_add == n_cols:
 * none): its height in lines, weighted TALL_WEIGHT, plus the lines of all
 * its cells, so that widening a column that is not yet alone in making its
 * rows tall still counts (two columns may have to widen in turn).
 */
static size_t height(const struct fit *s, const size_t *widths, size_t c_add, size_t add)
{
    size_t n_cols = s->t->columns.n, total = 0;
    for (size_t r = 0; r < s->t->n_rows; r++) {
        size_t tallest = 1;
        for (size_t c = 0; c < n_cols; c++) {
            size_t w = widths[c] + (c == c_add ? add : 0);
            size_t n = lines_of(s->chars[r * n_cols + c], w > s->f->pad ? w - s->f->pad : 1);
            tallest = n > tallest ? n : tallest;
            total += n;
        }
        total += TALL_WEIGHT * tallest;
    }
    return total;
}

static void fit_init(struct fit *s, const struct rtable *t, const struct rtable_fit *f)
{
    size_t n_cols = t->columns.n;
    *s = (struct fit){ t, f, xcalloc(t->n_rows * n_cols + 1, sizeof(size_t)),
                       xcalloc(n_cols + 1, sizeof(size_t)), xcalloc(n_cols + 1, sizeof(size_t)) };
    for (size_t c = 0; c < n_cols; c++) {
        size_t lo = longest_word(t->columns.items[c]), hi = lo;
        for (size_t r = 0; r < t->n_rows; r++) {
            const struct rcell *cell = rtable_cell(t, r, c);
            size_t word = longest_word(cell->text);
            size_t all = utf8_chars(cell->text, strlen(cell->text)) + (cell->footnote ? 2 : 0);
            s->chars[r * n_cols + c] = all;
            lo = word > lo ? word : lo;
            hi = all > hi ? all : hi;
        }
        lo += (lo + 4) / 5; /* bold headers, wide capitals: a word needs a fifth more */
        lo = lo > f->word_max ? f->word_max : lo < f->word_min ? f->word_min : lo;
        hi = hi > f->text_max ? f->text_max : hi < lo ? lo : hi;
        s->min[c] = lo + f->pad;
        s->max[c] = hi + f->pad;
    }
}

static void fit_release(struct fit *s)
{
    free(s->chars);
    free(s->min);
    free(s->max);
}

/* The column whose widening by *add (1, 2, 4 ... up to room) saves most lines per character. */
static size_t best_column(const struct fit *s, const size_t *widths, size_t room, size_t *add)
{
    size_t n_cols = s->t->columns.n, h0 = height(s, widths, n_cols, 0), best = n_cols;
    double best_gain = 0;
    for (size_t c = 0; c < n_cols; c++) {
        for (size_t k = 0, a = 1; k < LOOKAHEAD && a <= room && widths[c] + a <= s->max[c];
             k++, a *= 2) {
            double gain = (double)(h0 - height(s, widths, c, a)) / (double)a;
            if (gain > best_gain) {
                best = c;
                best_gain = gain;
                *add = a;
            }
        }
    }
    return best;
}

size_t *rtable_fit_widths(const struct rtable *t, const struct rtable_fit *f)
{
    size_t n_cols = t->columns.n, sum_min = 0;
    size_t *widths = xcalloc(n_cols + 1, sizeof(*widths));
    struct fit s;
    fit_init(&s, t, f);
    for (size_t c = 0; c < n_cols; c++)
        sum_min += s.min[c];
    if (sum_min >= f->total) { /* too narrow a page: shrink all */
        for (size_t c = 0; c < n_cols; c++)
            widths[c] = s.min[c] * f->total / sum_min;
        fit_release(&s);
        return widths;
    }
    for (size_t c = 0; c < n_cols; c++)
        widths[c] = s.min[c];
    size_t room = f->total - sum_min, add = 1, c;
    while (room) {
        c = best_column(&s, widths, room, &add);
        if (c == n_cols)
            break;
        widths[c] += add;
        room -= add;
    }
    /* No line to save: the columns that still want room get it, then everybody. */
    for (c = 0; c < n_cols && room; c++) {
        size_t more = s.max[c] > widths[c] ? s.max[c] - widths[c] : 0;
        more = more > room ? room : more;
        widths[c] += more;
        room -= more;
    }
    for (c = 0; f->fill && c < n_cols; c++)
        widths[c] += room / n_cols;
    fit_release(&s);
    return widths;
}
