/*
 * sheet_docx: sheet_read_docx(), the tables and the text of a Word
 * document: which part is the main document, how its paragraphs, tables,
 * rows and cells become text lines and grid rows, and which tables make
 * the sheet (the main one and its continuations); see sheet.h. The zip and
 * XML plumbing is in sheet_ooxml.c. Sections: package, text, tables,
 * document events, the sheet.
 */
#include "sheet.h"
#include "sheet_internal.h"

#include "util/buf.h"
#include "util/strvec.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define DOCX_MAIN_DEFAULT "word/document.xml"
#define HEAD_ROWS 10 /* rows of the main table where the importers look for a header */
#define DATA_COLS 3  /* fewer grid columns make a layout table (letterhead, signature) */

/* ------------------------------------------------------------ package */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The officeDocument relationship of _rels/.rels: the zip path of the main part. */
static void pkg_rels_start(struct xml_job *job, const char *el, const char **atts)
{
    char **main_part = xml_state(job);
    const char *type = xml_attr(atts, "Type"), *target = xml_attr(atts, "Target");
    if (strcmp(el, "Relationship") != 0 || *main_part || !type || !target || !*target ||
        !ends_with(type, "/officeDocument"))
        return;
    *main_part = xstrdup(target[0] == '/' ? target + 1 : target);
}

static const struct xml_ops pkg_rels_ops = { pkg_rels_start, xml_ignore_end, NULL };

/* The zip path of the main part (newly allocated) into *out; 0 or the error of _rels/.rels. */
static int docx_main_part(const struct ooxml *p, char **out, struct err *e)
{
    char *main_part = NULL;
    int ret = ooxml_parse_part(p, "_rels/.rels", true, &pkg_rels_ops, &main_part, e);
    if (ret) {
        free(main_part);
        return ret;
    }
    *out = main_part ? main_part : xstrdup(DOCX_MAIN_DEFAULT);
    return 0;
}

bool sheet_looks_like_docx(const char *data, size_t len)
{
    if (!sheet_looks_like_xlsx(data, len))
        return false;
    struct ooxml p = { .name = "", .format = "DOCX" };
    struct err e = ERR_INIT;
    char *main_part = NULL;
    bool yes = ooxml_open(&p, data, len, &e) == 0 && docx_main_part(&p, &main_part, &e) == 0 &&
               strncmp(main_part, "word/", 5) == 0 && ooxml_has_part(&p, main_part);
    free(main_part);
    ooxml_close(&p);
    return yes;
}

/* --------------------------------------------------------------- text */

/*
 * Append XML text to b with white space (' ', tab, line feed, carriage
 * return) squeezed to one space and none at the start.
 */
static bool is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void text_add(struct buf *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t word = 0;
        while (i + word < len && !is_xml_space(s[i + word]))
            word++;
        buf_add(b, s + i, word);
        i += word;
        if (i < len && b->len && b->data[b->len - 1] != ' ')
            buf_addch(b, ' ');
        while (i < len && is_xml_space(s[i]))
            i++;
    }
}

/* The text of b, trimmed and in NFC, newly allocated. */
static char *text_take(const struct buf *b)
{
    char *trimmed = text_trim(b->data);
    char *nfc = text_nfc(trimmed);
    free(trimmed);
    return nfc;
}

/* ------------------------------------------------------------- tables */

/* One outermost table of the document, as read. */
struct dx_table {
    struct sheet rows; /* its non-blank rows; line = document row ordinal */
    bool *marked;      /* per row of `rows`: marked <w:tblHeader/> */
    size_t cap_marked;
    size_t width; /* most grid cells of a row */
};

/* The cells of the table row being read. */
struct dx_row {
    struct strvec cells; /* grid cells so far */
    struct strvec above; /* grid cells of the table's previous row */
    size_t grid_before;  /* <w:gridBefore>: empty grid columns before the first cell */
    size_t grid_after;   /* <w:gridAfter>: empty grid columns after the last one */
    bool started;        /* the grid_before cells are placed */
    bool header;         /* <w:tblHeader/> */
    size_t span;         /* <w:gridSpan> of the current cell */
    bool v_continue;     /* the current cell continues a vertical merge */
    bool h_continue;     /* the current cell continues a legacy horizontal merge */
};

struct dx_state {
    struct buf text;     /* the text lines, capped at SHEET_DOCX_TEXT_MAX */
    struct buf tbl_text; /* the lines of the outermost table being read, likewise */
    struct buf para;     /* the paragraph being read outside tables */
    struct buf cell;     /* the outermost cell being read */
    size_t skip;         /* > 0 inside <mc:Fallback> or <w:moveFrom>: nothing counts */
    size_t tbl_depth;    /* 0 outside tables, 1 in an outermost table, more when nested */
    size_t p_depth;      /* paragraphs open outside tables (a text box nests them) */
    bool in_cell;        /* inside a <w:tc> of an outermost table */
    bool in_t;           /* inside a <w:t> */
    struct dx_row row;   /* the outermost row being read */
    size_t n_rows;       /* <w:tr> of outermost tables so far: the row ordinal */
    size_t n_cells;      /* grid cells built so far */
    struct dx_table *tables;
    size_t n_tables, cap_tables;
};

static void dx_table_release(struct dx_table *t)
{
    sheet_release(&t->rows);
    free(t->marked);
}

/* Store the row just read in the current table (a blank one is dropped). */
static void table_add_row(struct dx_table *t, size_t line, struct strvec *cells, bool header)
{
    size_t n = cells->n, before = t->rows.n;
    sheet_add_row(&t->rows, line, cells, NULL);
    if (t->rows.n == before)
        return;
    ALLOC_GROW(t->marked, t->rows.n, t->cap_marked);
    t->marked[before] = header;
    if (n > t->width)
        t->width = n;
}

/* Append one grid cell to the current row, within the limits. */
static void row_push(struct xml_job *job, struct dx_state *st, char *text)
{
    if (st->row.cells.n >= SHEET_DOCX_COLS_MAX) {
        free(text);
        xml_fail(job, true, "một dòng của bảng rộng hơn %zu cột", SHEET_DOCX_COLS_MAX);
        return;
    }
    if (st->n_cells >= SHEET_XLSX_CELLS_MAX) {
        free(text);
        xml_fail(job, true, "hơn %zu ô", SHEET_XLSX_CELLS_MAX);
        return;
    }
    st->n_cells++;
    strvec_push_take(&st->row.cells, text);
}

static void row_push_empty(struct xml_job *job, struct dx_state *st, size_t n)
{
    for (size_t i = 0; i < n; i++)
        row_push(job, st, xstrdup(""));
}

/* A w:val that counts grid columns; 0 when absent or no number. */
static size_t grid_val(const char **atts)
{
    size_t n = 0;
    if (!sheet_parse_uint(xml_attr(atts, "val"), SHEET_DOCX_COLS_MAX + 1, &n))
        return 0;
    return n;
}

/* Whether an on/off property (<w:tblHeader/>, w:val="true") is on. */
static bool on_off(const char **atts)
{
    const char *v = xml_attr(atts, "val");
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* Whether a merge property (<w:vMerge/>, <w:hMerge/>) continues the cell before it. */
static bool merge_continues(const char **atts)
{
    const char *v = xml_attr(atts, "val");
    return !v || strcmp(v, "restart") != 0;
}

static void row_begin(struct dx_state *st)
{
    strvec_release(&st->row.cells);
    st->row.grid_before = st->row.grid_after = 0;
    st->row.started = st->row.header = false;
    st->n_rows++;
}

static void cell_begin(struct xml_job *job, struct dx_state *st)
{
    if (!st->row.started) {
        row_push_empty(job, st, st->row.grid_before);
        st->row.started = true;
    }
    st->in_cell = true;
    st->row.span = 1;
    st->row.v_continue = st->row.h_continue = false;
    buf_reset(&st->cell);
}

/* Place the cell just closed on the grid: its text (or the one above), then its span. */
static void cell_end(struct xml_job *job, struct dx_state *st)
{
    struct dx_row *r = &st->row;
    size_t col = r->cells.n;
    char *text;
    if (r->h_continue)
        text = xstrdup("");
    else if (r->v_continue)
        text = xstrdup(col < r->above.n ? r->above.items[col] : "");
    else
        text = text_take(&st->cell);
    st->in_cell = false;
    row_push(job, st, text);
    row_push_empty(job, st, r->span > 1 ? r->span - 1 : 0);
}

/* The row as a line of the table's text: its cells joined by tabs, unless all are blank. */
static void row_line(struct dx_state *st)
{
    const struct strvec *c = &st->row.cells;
    bool blank = true;
    for (size_t i = 0; i < c->n && blank; i++)
        blank = text_is_blank(c->items[i]);
    if (blank)
        return;
    for (size_t i = 0; i < c->n; i++) {
        if (i)
            buf_addch(&st->tbl_text, '\t');
        buf_adds(&st->tbl_text, c->items[i]);
    }
    buf_addch(&st->tbl_text, '\n');
}

/*
 * The lines of the table just closed into the text: as they are (tab
 * lines), or for a layout table each non-empty cell as a line of its own,
 * so that a letterhead or a signature block reads as text, not as a row.
 */
static void table_lines(struct dx_state *st, const struct dx_table *t)
{
    const char *s = st->tbl_text.data;
    if (t->width >= DATA_COLS) {
        buf_add(&st->text, s, st->tbl_text.len);
    } else {
        for (size_t i = 0; i < st->tbl_text.len;) {
            size_t n = strcspn(s + i, "\t\n");
            if (n) {
                buf_add(&st->text, s + i, n);
                buf_addch(&st->text, '\n');
            }
            i += n + 1;
        }
    }
    buf_reset(&st->tbl_text);
}

static void row_end(struct xml_job *job, struct dx_state *st)
{
    struct dx_row *r = &st->row;
    if (!r->started && r->grid_before + r->grid_after > 0)
        row_push_empty(job, st, r->grid_before);
    row_push_empty(job, st, r->grid_after);
    row_line(st);
    strvec_release(&r->above);
    for (size_t i = 0; i < r->cells.n; i++)
        strvec_push(&r->above, r->cells.items[i]);
    table_add_row(&st->tables[st->n_tables - 1], st->n_rows, &r->cells, r->header);
}

static void table_begin(struct dx_state *st)
{
    ALLOC_GROW(st->tables, st->n_tables + 1, st->cap_tables);
    st->tables[st->n_tables++] = (struct dx_table){ .rows = SHEET_INIT };
    strvec_release(&st->row.above);
}

/* ---------------------------------------------------- document events */

static bool is_skip(const char *el)
{
    return strcmp(el, "Fallback") == 0 || strcmp(el, "moveFrom") == 0;
}

/* The buffer text goes to now: the outermost cell, the paragraph, or none. */
static struct buf *target(struct dx_state *st)
{
    if (st->tbl_depth == 0)
        return &st->para;
    return st->in_cell ? &st->cell : NULL;
}

static void add_text(struct xml_job *job, struct dx_state *st, const char *s, size_t len)
{
    struct buf *b = target(st);
    if (!b)
        return;
    text_add(b, s, len);
    if (!buf_ok(b))
        xml_fail(job, true, "một %s dài hơn %zu MiB", b == &st->cell ? "ô" : "đoạn văn",
                 SHEET_XLSX_CELL_MAX >> 20);
}

/* End the paragraph outside tables as a text line (a blank one is left out). */
static void para_flush(struct dx_state *st)
{
    char *line = text_take(&st->para);
    if (*line) {
        buf_adds(&st->text, line);
        buf_addch(&st->text, '\n');
    }
    free(line);
    buf_reset(&st->para);
}

/* Properties of the outermost row and cell (tbl_depth == 1). */
static void table_prop_start(struct dx_state *st, const char *el, const char **atts)
{
    if (strcmp(el, "gridBefore") == 0)
        st->row.grid_before = grid_val(atts);
    else if (strcmp(el, "gridAfter") == 0)
        st->row.grid_after = grid_val(atts);
    else if (strcmp(el, "tblHeader") == 0)
        st->row.header = on_off(atts);
    else if (!st->in_cell)
        return;
    else if (strcmp(el, "gridSpan") == 0)
        st->row.span = grid_val(atts);
    else if (strcmp(el, "vMerge") == 0)
        st->row.v_continue = merge_continues(atts);
    else if (strcmp(el, "hMerge") == 0)
        st->row.h_continue = merge_continues(atts);
}

static void table_start(struct xml_job *job, struct dx_state *st, const char *el)
{
    if (strcmp(el, "tbl") == 0) {
        if (st->tbl_depth++ == 0)
            table_begin(st);
    } else if (st->tbl_depth != 1) {
        return;
    } else if (strcmp(el, "tr") == 0) {
        row_begin(st);
    } else if (strcmp(el, "tc") == 0) {
        cell_begin(job, st);
    }
}

static void doc_start(struct xml_job *job, const char *el, const char **atts)
{
    struct dx_state *st = xml_state(job);
    if (st->skip || is_skip(el)) {
        st->skip += is_skip(el);
        return;
    }
    if (strcmp(el, "t") == 0)
        st->in_t = true;
    else if (strcmp(el, "tab") == 0 || strcmp(el, "cr") == 0)
        add_text(job, st, " ", 1);
    else if (strcmp(el, "noBreakHyphen") == 0)
        add_text(job, st, "-", 1);
    else if (strcmp(el, "br") == 0 && st->tbl_depth == 0)
        para_flush(st);
    else if (strcmp(el, "br") == 0)
        add_text(job, st, " ", 1);
    else if (strcmp(el, "p") == 0 && st->tbl_depth == 0 && st->p_depth++ > 0)
        add_text(job, st, " ", 1); /* a text box's paragraph inside this one */
    else if (st->tbl_depth == 1)
        table_prop_start(st, el, atts);
    table_start(job, st, el);
}

static void table_end(struct xml_job *job, struct dx_state *st, const char *el)
{
    if (strcmp(el, "tbl") == 0 && st->tbl_depth > 0) {
        if (--st->tbl_depth == 0)
            table_lines(st, &st->tables[st->n_tables - 1]);
    } else if (st->tbl_depth > 1) {
        if (strcmp(el, "tc") == 0 || strcmp(el, "tr") == 0)
            add_text(job, st, " ", 1); /* a nested table is text of the outer cell */
    } else if (st->tbl_depth == 1 && strcmp(el, "tc") == 0 && st->in_cell) {
        cell_end(job, st);
    } else if (st->tbl_depth == 1 && strcmp(el, "tr") == 0) {
        row_end(job, st);
    }
}

static void doc_end(struct xml_job *job, const char *el)
{
    struct dx_state *st = xml_state(job);
    if (st->skip) {
        st->skip -= is_skip(el);
        return;
    }
    if (strcmp(el, "t") == 0) {
        st->in_t = false;
    } else if (strcmp(el, "p") == 0 && st->tbl_depth == 0 && st->p_depth > 0) {
        if (--st->p_depth == 0)
            para_flush(st);
        else
            add_text(job, st, " ", 1);
    } else if (strcmp(el, "p") == 0) {
        add_text(job, st, " ", 1); /* the paragraphs of a cell */
    } else {
        table_end(job, st, el);
    }
    if (!buf_ok(&st->text) || !buf_ok(&st->tbl_text))
        xml_fail(job, true, "phần chữ vượt %zu MiB", SHEET_DOCX_TEXT_MAX >> 20);
}

static void doc_text(struct xml_job *job, const char *s, size_t len)
{
    struct dx_state *st = xml_state(job);
    if (!st->skip && st->in_t)
        add_text(job, st, s, len);
}

static const struct xml_ops doc_ops = { doc_start, doc_end, doc_text };

/* ---------------------------------------------------------- the sheet */

static bool rows_equal(const struct sheet_row *a, const struct sheet_row *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->cells[i], b->cells[i]) != 0)
            return false;
    return true;
}

/*
 * The head of the main table: its first HEAD_ROWS rows, borrowed (the rows
 * move to the sheet or to the trash, whose cells live until build_sheet()
 * ends).
 */
struct head {
    struct sheet_row rows[HEAD_ROWS];
    size_t n;
};

/* Whether r equals one of the first `n` rows of the head. */
static bool in_head(const struct head *h, size_t n, const struct sheet_row *r)
{
    for (size_t i = 0; i < n && i < h->n; i++)
        if (rows_equal(&h->rows[i], r))
            return true;
    return false;
}

static void push_row(struct sheet *sh, const struct sheet_row *r)
{
    ALLOC_GROW(sh->rows, sh->n + 1, sh->cap);
    sh->rows[sh->n++] = *r;
}

/* The first of the widest tables. */
static size_t main_table(const struct dx_state *st)
{
    size_t best = 0;
    for (size_t i = 1; i < st->n_tables; i++)
        if (st->tables[i].width > st->tables[best].width)
            best = i;
    return best;
}

/* Whether table t (after the main one) continues it: as wide, and no header of its own. */
static bool continues(const struct dx_table *main_t, const struct head *h, const struct dx_table *t)
{
    if (t->width != main_t->width || t->rows.n == 0)
        return false;
    return !t->marked[0] || in_head(h, HEAD_ROWS, &t->rows.rows[0]);
}

/*
 * Move the rows of table t to sh, the repeats of the head (see sheet.h) to
 * trash; t is left with no row.
 */
static void take_rows(struct sheet *sh, struct sheet *trash, const struct head *h,
                      struct dx_table *t, bool is_main)
{
    bool leading = !is_main;
    for (size_t i = 0; i < t->rows.n; i++) {
        const struct sheet_row *r = &t->rows.rows[i];
        bool repeat = (leading || t->marked[i]) && in_head(h, is_main ? i : HEAD_ROWS, r);
        leading = leading && repeat;
        push_row(repeat ? trash : sh, r);
    }
    t->rows.n = 0;
}

static void build_sheet(struct dx_state *st, struct sheet *sh)
{
    if (st->n_tables == 0)
        return;
    size_t m = main_table(st);
    struct dx_table *main_t = &st->tables[m];
    struct head h = { .n = main_t->rows.n < HEAD_ROWS ? main_t->rows.n : HEAD_ROWS };
    for (size_t i = 0; i < h.n; i++) /* no memcpy: rows is NULL when every row is blank */
        h.rows[i] = main_t->rows.rows[i];
    struct sheet out = SHEET_INIT, trash = SHEET_INIT;
    take_rows(&out, &trash, &h, main_t, true);
    for (size_t i = m + 1; i < st->n_tables; i++)
        if (continues(main_t, &h, &st->tables[i]))
            take_rows(&out, &trash, &h, &st->tables[i], false);
    sheet_release(&trash);
    *sh = out;
}

static void dx_state_release(struct dx_state *st)
{
    buf_release(&st->text);
    buf_release(&st->tbl_text);
    buf_release(&st->para);
    buf_release(&st->cell);
    strvec_release(&st->row.cells);
    strvec_release(&st->row.above);
    for (size_t i = 0; i < st->n_tables; i++)
        dx_table_release(&st->tables[i]);
    free(st->tables);
}

int sheet_read_docx(struct sheet *sh, char **text, const char *data, size_t len, const char *name,
                    struct err *e)
{
    struct ooxml p = { .name = name, .format = "DOCX" };
    struct dx_state st = { .row = { .cells = STRVEC_INIT, .above = STRVEC_INIT } };
    char *main_part = NULL;
    int ret;

    sheet_release(sh);
    if (text)
        *text = NULL;
    buf_init(&st.text, SHEET_DOCX_TEXT_MAX);
    buf_init(&st.tbl_text, SHEET_DOCX_TEXT_MAX);
    buf_init(&st.para, SHEET_XLSX_CELL_MAX);
    buf_init(&st.cell, SHEET_XLSX_CELL_MAX);
    if (len == 0)
        ret = err_set(e, ERR_INVALID, "Tệp “%s” trống", name);
    else
        ret = ooxml_open(&p, data, len, e);
    if (ret == 0)
        ret = docx_main_part(&p, &main_part, e);
    if (ret == 0)
        ret = ooxml_parse_part(&p, main_part, false, &doc_ops, &st, e);
    if (ret == 0) {
        para_flush(&st);
        if (!buf_ok(&st.text))
            ret = err_set(e, ERR_INVALID, "Tệp “%s” quá lớn để nhập (phần chữ vượt %zu MiB)",
                          name, SHEET_DOCX_TEXT_MAX >> 20);
    }
    if (ret == 0) {
        build_sheet(&st, sh);
        if (text)
            *text = buf_take(&st.text);
    }
    free(main_part);
    ooxml_close(&p);
    dx_state_release(&st);
    return ret;
}
