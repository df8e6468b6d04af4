/* table_stack: column headings copied into the cells of data tables; see table_stack.h. */
#include "table_stack.h"

#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COLS = 64, MAX_DEPTH = 8 };

/* One open <table>: its column headings (NUL-separated in text) and where we are. */
struct table_state {
    bool stack;   /* has a <thead>: its cells get labels */
    bool in_head; /* between <thead> and </thead> */
    int n;        /* headings of the current (last) head row */
    int col;      /* column of the next cell in the current row */
    struct buf text;
    size_t off[MAX_COLS];
};

/* The first occurrence of needle in [p, end), or NULL. */
static const char *find(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; p + n <= end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p || p + n > end)
            return NULL;
        if (!memcmp(p, needle, n))
            return p;
    }
    return NULL;
}

/* The colspan of a cell's opening tag [tag, tag_end): 1 unless it says more. */
static int colspan(const char *tag, const char *tag_end)
{
    const char *a = find(tag, tag_end, "colspan=\"");
    if (!a)
        return 1;
    int n = atoi(a + 9);
    return n >= 1 && n <= MAX_COLS ? n : 1;
}

/* Append the text of [p, end) to b: tags dropped, runs of white space made one space, trimmed. */
static void add_plain_text(struct buf *b, const char *p, const char *end)
{
    bool space = false, any = false;
    for (; p < end; p++) {
        if (*p == '<') {
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (!gt)
                break;
            p = gt;
            space = any;
            continue;
        }
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = any;
            continue;
        }
        if (space)
            buf_addch(b, ' ');
        space = false;
        any = true;
        buf_addch(b, *p);
    }
}

/* A heading cell <th ...> of a head row: its text becomes the label of the columns it spans. */
static void add_heading(struct table_state *t, const char *tag, const char *tag_end,
                        const char *end)
{
    const char *close = find(tag_end, end, "</th>");
    if (!close)
        close = tag_end;
    size_t at = t->text.len;
    add_plain_text(&t->text, tag_end, close);
    buf_addch(&t->text, '\0');
    for (int i = colspan(tag, tag_end); i > 0 && t->n < MAX_COLS; i--)
        t->off[t->n++] = at;
}

/* Does the table whose opening tag ends at p have a <thead> before its first row? */
static bool has_head(const char *p, const char *end)
{
    const char *head = find(p, end, "<thead");
    const char *row = find(p, end, "<tr");
    return head && (!row || head < row);
}

void table_stack_labels(const char *html, size_t len, struct buf *out)
{
    const char *p = html, *end = html + len;
    struct table_state *tables[MAX_DEPTH] = { 0 };
    int depth = 0; /* open tables; only the first MAX_DEPTH levels are labelled */

    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt) {
            buf_add(out, p, (size_t)(end - p));
            break;
        }
        buf_add(out, p, (size_t)(lt - p));
        const char *gt = memchr(lt, '>', (size_t)(end - lt));
        if (!gt) {
            buf_add(out, lt, (size_t)(end - lt));
            break;
        }
        const char *tag_end = gt + 1;
        bool closing = lt[1] == '/';
        const char *name = lt + 1 + closing, *q = name;
        while (q < gt && ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9')))
            q++;
        size_t nlen = (size_t)(q - name);
#define IS(s) (nlen == sizeof(s) - 1 && !memcmp(name, s, nlen))
        struct table_state *t = depth > 0 && depth <= MAX_DEPTH ? tables[depth - 1] : NULL;
        p = tag_end;

        if (IS("table")) {
            if (closing) {
                if (depth > 0)
                    depth--;
            } else if (++depth <= MAX_DEPTH) {
                if (!tables[depth - 1]) {
                    tables[depth - 1] = xcalloc(1, sizeof(struct table_state));
                    buf_init(&tables[depth - 1]->text, 0);
                }
                t = tables[depth - 1];
                buf_reset(&t->text);
                t->n = t->col = 0;
                t->in_head = false;
                t->stack = has_head(tag_end, end);
                if (t->stack) {
                    buf_adds(out, "<table data-stack=\"\"");
                    buf_add(out, q, (size_t)(tag_end - q));
                    continue;
                }
            }
        } else if (t && t->stack && IS("thead")) {
            t->in_head = !closing;
        } else if (t && t->stack && !closing && IS("tr")) {
            t->col = 0;
            if (t->in_head) {
                t->n = 0;
                buf_reset(&t->text);
            }
        } else if (t && t->stack && !closing && IS("th")) {
            if (t->in_head)
                add_heading(t, lt, tag_end, end);
            else
                t->col += colspan(lt, tag_end);
        } else if (t && t->stack && !closing && IS("td") && !t->in_head) {
            int col = t->col;
            t->col += colspan(lt, tag_end);
            const char *label = col < t->n ? t->text.data + t->off[col] : "";
            if (*label && !find(lt, tag_end, "data-label=")) {
                buf_adds(out, "<td data-label=\"");
                buf_adds(out, label);
                buf_addch(out, '"');
                buf_add(out, q, (size_t)(tag_end - q));
                continue;
            }
        }
#undef IS
        buf_add(out, lt, (size_t)(tag_end - lt));
    }
    for (int i = 0; i < MAX_DEPTH; i++) {
        if (!tables[i])
            continue;
        buf_release(&tables[i]->text);
        free(tables[i]);
    }
}
