/* xlsx: an rdoc as an Excel workbook, with libxlsxwriter; see xlsx.h. */
#include "xlsx.h"

#include "render/rtable_fit.h"
#include "util/strvec.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define SHEET_NAME_MAX 31 /* Excel's limit, in UTF-16 code units */
#define SUMMARY_SHEET "Tổng hợp"
#define FONT "Times New Roman"
#define FONT_SIZE 12
#define COL_MIN 4       /* a column's narrowest width, characters (before CELL_PAD) */
#define COL_WORD_MAX 25 /* a longer word may break */
#define COL_MAX 80      /* a column's widest, characters */
#define CELL_PAD 2      /* characters a cell loses to its margins */
#define PRINT_WIDTH 170 /* what a table's columns share: about 85% on landscape A4 */
#define SUMMARY_WIDTH 80 /* column A of the summary sheet: an A4 page wide */
/* Landscape A4 less the margins below holds about 145 width units at 100%; a sheet
 * wider than PRINT_MAX_WIDTH would print below 70% when fitted to the page width. */
#define PRINT_MAX_WIDTH 200
#define COL_SHRINK_MIN 12 /* columns this narrow are never shrunk to fit the page */
#define CAPTION_MAX 120   /* a paragraph this short right before a table is its caption */
#define LINE_PT 15.75    /* row height per line of 12 pt text, as Excel sets it */
#define TABLE_TOP 4      /* 0-based row of the first table of a section sheet */

/* The formats of one workbook; libxlsxwriter owns and frees them. */
struct xl_fmt {
    lxw_format *title, *subtitle, *heading, *para, *note, *note_wrap, *header;
    lxw_format *cell[2][4]; /* [is total row][enum cell_type] */
};

struct xl {
    lxw_workbook *wb;
    const struct rdoc *d;
    struct xl_fmt f;
    lxw_error rc; /* first error of any call, LXW_NO_ERROR so far */
};

static void xl_check(struct xl *x, lxw_error rc)
{
    if (rc != LXW_NO_ERROR && x->rc == LXW_NO_ERROR)
        x->rc = rc;
}

/* ------------------------------------------------------------ formats */

static lxw_format *new_fmt(lxw_workbook *wb, bool bold)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, FONT);
    format_set_font_size(f, FONT_SIZE);
    if (bold)
        format_set_bold(f);
    return f;
}

static lxw_format *new_cell_fmt(lxw_workbook *wb, bool bold, enum cell_type type)
{
    lxw_format *f = new_fmt(wb, bold);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    switch (type) {
    case CELL_TEXT:
        format_set_text_wrap(f);
        break;
    case CELL_INT:
        format_set_num_format(f, "#,##0");
        break;
    case CELL_PERCENT:
        format_set_num_format(f, "0%");
        break;
    case CELL_DATE:
        format_set_num_format(f, "dd/mm/yyyy");
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
    }
    return f;
}

static void fmt_init(struct xl_fmt *f, lxw_workbook *wb)
{
    f->title = new_fmt(wb, true);
    format_set_font_size(f->title, 14);
    f->subtitle = new_fmt(wb, false);
    format_set_italic(f->subtitle);
    f->heading = new_fmt(wb, true);
    f->para = new_fmt(wb, false);
    format_set_text_wrap(f->para);
    format_set_align(f->para, LXW_ALIGN_VERTICAL_TOP);
    f->note = new_fmt(wb, false);
    format_set_italic(f->note);
    f->note_wrap = new_fmt(wb, false);
    format_set_italic(f->note_wrap);
    format_set_text_wrap(f->note_wrap);
    format_set_align(f->note_wrap, LXW_ALIGN_VERTICAL_TOP);
    f->header = new_fmt(wb, true);
    format_set_text_wrap(f->header);
    format_set_border(f->header, LXW_BORDER_THIN);
    format_set_align(f->header, LXW_ALIGN_CENTER);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(f->header, 0xD9D9D9);
    for (int total = 0; total < 2; total++)
        for (int t = CELL_TEXT; t <= CELL_DATE; t++)
            f->cell[total][t] = new_cell_fmt(wb, total, (enum cell_type)t);
}

/* ------------------------------------------------------------ sheet names */

/* Bytes of the longest prefix of UTF-8 s that is at most max UTF-16 units. */
static size_t utf16_prefix(const char *s, size_t max)
{
    size_t units = 0, i = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        size_t step = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        size_t u = step == 4 ? 2 : 1;
        if (units + u > max)
            break;
        for (size_t k = 1; k < step; k++)
            if (!s[i + k])
                return i; /* truncated sequence: stop before it */
        units += u;
        i += step;
    }
    return i;
}

/* len shortened past trailing spaces and apostrophes (Excel refuses the latter). */
static size_t trim_end(const char *s, size_t len)
{
    while (len && (s[len - 1] == '\'' || s[len - 1] == ' '))
        len--;
    return len;
}

/*
 * s made acceptable to Excel: slashes become '-', the other forbidden
 * characters and controls a space, runs of spaces one space, leading and
 * trailing apostrophes and spaces go. Newly allocated.
 */
static char *sheet_clean(const char *s)
{
    s = s ? s : "";
    s += strspn(s, "' ");
    char *out = xstrdup(s);
    size_t len = 0;
    for (const char *p = s; *p; p++) {
        char c = *p == '/' || *p == '\\' ? '-' : *p;
        if (strchr("[]:*?", c) || iscntrl((unsigned char)c))
            c = ' ';
        if (c == ' ' && (len == 0 || out[len - 1] == ' '))
            continue;
        out[len++] = c;
    }
    out[trim_end(out, len)] = '\0';
    return out;
}

/*
 * Excel compares sheet names ignoring case. The fold key also ignores
 * diacritics: stricter than Excel, so a clash is never missed.
 */
static bool name_used(const struct strvec *used, const char *name)
{
    char *key = text_fold(name);
    bool found = strvec_find(used, key) >= 0;
    free(key);
    return found;
}

/* A valid, unused sheet name from want; recorded in used. Newly allocated. */
static char *sheet_name(struct strvec *used, const char *want, size_t n_sheet)
{
    char *base = sheet_clean(want);
    if (!*base) {
        free(base);
        base = xasprintf("Bảng %zu", n_sheet);
    }
    char *name = xstrndup(base, trim_end(base, utf16_prefix(base, SHEET_NAME_MAX)));
    for (int k = 2; name_used(used, name); k++) {
        char suffix[16];
        snprintf(suffix, sizeof(suffix), " (%d)", k);
        free(name);
        size_t keep = trim_end(base, utf16_prefix(base, SHEET_NAME_MAX - strlen(suffix)));
        name = xasprintf("%.*s%s", (int)keep, base, suffix);
    }
    strvec_push_take(used, text_fold(name));
    free(base);
    return name;
}

static bool section_has_table(const struct rsection *s)
{
    for (size_t i = 0; i < s->n_blocks; i++)
        if (s->blocks[i].type == RBLOCK_TABLE)
            return true;
    return false;
}

/* ------------------------------------------------------------ text sizes */

/*
 * Lines s takes wrapped in a column `width` units wide. LibreOffice does not
 * fit row heights of a file it did not lay out, so wrapped rows get a height
 * from this estimate (render/rtable_fit.h); Times at 12 pt fits about 1.4
 * characters in a width unit (the width of a digit of the default font).
 */
static size_t text_lines(const char *s, size_t width)
{
    return rtable_text_lines(s, width * 7 / 5, CELL_PAD);
}

static void fit_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row, size_t lines)
{
    if (lines > 1)
        xl_check(x, worksheet_set_row(ws, row, LINE_PT * (double)lines, NULL));
}

/* ------------------------------------------------------------ summary sheet */

/* Text with " (n)" appended for footnote n; newly allocated. */
static char *with_marker(const char *text, size_t footnote)
{
    if (!footnote)
        return xstrdup(text ? text : "");
    return xasprintf("%s (%zu)", text ? text : "", footnote);
}

static void put_text(struct xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *text, lxw_format *f)
{
    if (text && *text)
        xl_check(x, worksheet_write_string(ws, row, col, text, f));
}

/*
 * Rows 1 and 2 of every sheet, and its printing: A4 landscape, one page
 * wide (the widths keep the scale at 70% or more), the page number below.
 */
static void put_titles(struct xl *x, lxw_worksheet *ws)
{
    put_text(x, ws, 0, 0, x->d->title, x->f.title);
    put_text(x, ws, 1, 0, x->d->subtitle, x->f.subtitle);
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_set_margins(ws, 0.5, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    xl_check(x, worksheet_set_footer(ws, "&CTrang &P/&N"));
}

/* A wrapped paragraph in column A of the summary sheet. */
static void put_para(struct xl *x, lxw_worksheet *ws, lxw_row_t row, const char *text)
{
    put_text(x, ws, row, 0, text, x->f.para);
    fit_row(x, ws, row, text_lines(text, (size_t)SUMMARY_WIDTH));
}

/*
 * Section s on the summary sheet: its title and prose; a section whose
 * tables are on their own sheet (sheet, else NULL) says where, so that no
 * title stands with nothing under it.
 */
static lxw_row_t summary_section(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                                 const struct rsection *s, const char *sheet)
{
    put_text(x, ws, row++, 0, s->title, x->f.heading);
    for (size_t i = 0; i < s->n_blocks; i++) {
        const struct rblock *b = &s->blocks[i];
        if (b->type == RBLOCK_TABLE)
            continue;
        char *marked = with_marker(b->text, b->footnote);
        char *text = b->type == RBLOCK_ITEM ? xasprintf("- %s", marked) : xstrdup(marked);
        put_para(x, ws, row++, text);
        free(text);
        free(marked);
    }
    if (sheet) {
        char *where = xasprintf("Bảng số liệu: trang tính “%s”.", sheet);
        put_text(x, ws, row++, 0, where, x->f.note);
        free(where);
    }
    return row + 1;
}

/* sheets[i]: the name of section i's sheet, or NULL when it has no table. */
static void write_summary(struct xl *x, lxw_worksheet *ws, char *const *sheets)
{
    put_titles(x, ws);
    xl_check(x, worksheet_set_column(ws, 0, 0, SUMMARY_WIDTH, NULL));
    lxw_row_t row = 3;
    for (size_t i = 0; i < x->d->n_sections; i++)
        row = summary_section(x, ws, row, &x->d->sections[i], sheets[i]);
    if (x->d->footnotes.n)
        put_text(x, ws, row++, 0, "Ghi chú:", x->f.heading);
    for (size_t i = 0; i < x->d->footnotes.n; i++) {
        char *line = xasprintf("(%zu) %s", i + 1, x->d->footnotes.items[i]);
        put_para(x, ws, row++, line);
        free(line);
    }
}

/* ------------------------------------------------------------ tables */

/* Writes cell c; returns the lines it takes in a column width characters wide. */
static size_t put_cell(struct xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const struct rcell *c, bool total, size_t width)
{
    lxw_format *f = x->f.cell[total][c->type];
    if (c->type == CELL_INT) {
        xl_check(x, worksheet_write_number(ws, row, col, (double)c->num, f));
    } else if (c->type == CELL_PERCENT) {
        xl_check(x, worksheet_write_number(ws, row, col, (double)c->num / 100.0, f));
    } else if (c->type == CELL_DATE && c->date.y >= 1900 &&
               date_is_valid(c->date.y, c->date.m, c->date.d)) {
        lxw_datetime dt = { c->date.y, c->date.m, c->date.d, 0, 0, 0.0 };
        xl_check(x, worksheet_write_datetime(ws, row, col, &dt, f));
    } else {
        char *text = with_marker(c->text, c->footnote);
        if (*text)
            xl_check(x, worksheet_write_string(ws, row, col, text, x->f.cell[total][CELL_TEXT]));
        else
            xl_check(x, worksheet_write_blank(ws, row, col, f));
        size_t lines = text_lines(text, width);
        free(text);
        return lines;
    }
    if (c->footnote && c->footnote <= x->d->footnotes.n) {
        char *note = xasprintf("(%zu) %s", c->footnote, x->d->footnotes.items[c->footnote - 1]);
        xl_check(x, worksheet_write_comment(ws, row, col, note));
        free(note);
    }
    return 1;
}

/*
 * Below the table, one row per distinct footnote its cells refer to, merged
 * across the table's columns and wrapped: a long note (the names of 57
 * units) would otherwise run far past the table, and LibreOffice prints
 * what it runs over, shrinking the page to fit it.
 */
static lxw_row_t put_table_notes(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                                 const struct rtable *t, const size_t *widths)
{
    size_t width = 0;
    for (size_t c = 0; c < t->columns.n; c++)
        width += widths[c];
    size_t n_cells = t->n_rows * t->columns.n;
    for (size_t i = 0; i < n_cells; i++) {
        size_t fn = t->cells[i].footnote;
        bool seen = fn == 0 || fn > x->d->footnotes.n;
        for (size_t k = 0; k < i && !seen; k++)
            seen = t->cells[k].footnote == fn;
        if (seen)
            continue;
        char *line = xasprintf("(%zu) %s", fn, x->d->footnotes.items[fn - 1]);
        if (t->columns.n > 1)
            xl_check(x, worksheet_merge_range(ws, row, 0, row, (lxw_col_t)(t->columns.n - 1), line,
                                              x->f.note_wrap));
        else
            put_text(x, ws, row, 0, line, x->f.note_wrap);
        fit_row(x, ws, row++, text_lines(line, width));
        free(line);
    }
    return row;
}

/*
 * The header row of t at row. The first table of a sheet has its header
 * frozen, repeated on printed pages and carrying the autofilter, which
 * leaves the total row out so that sorting never moves it.
 */
static void put_header(struct xl *x, lxw_worksheet *ws, lxw_row_t row, const struct rtable *t,
                       const size_t *widths, bool first)
{
    size_t n_cols = t->columns.n, lines = 1;
    for (size_t c = 0; c < n_cols; c++) {
        const char *label = t->columns.items[c];
        xl_check(x, worksheet_write_string(ws, row, (lxw_col_t)c, label, x->f.header));
        size_t n = text_lines(label, widths[c]);
        lines = n > lines ? n : lines;
    }
    fit_row(x, ws, row, lines);
    if (first && n_cols) {
        size_t n_data = t->n_rows - (t->has_total_row && t->n_rows ? 1 : 0);
        worksheet_freeze_panes(ws, row + 1, 0);
        xl_check(x, worksheet_repeat_rows(ws, row, row));
        xl_check(
            x, worksheet_autofilter(ws, row, 0, row + (lxw_row_t)n_data, (lxw_col_t)(n_cols - 1)));
    }
}

/* Writes t with its header at row; returns the first free row after it. */
static lxw_row_t put_table(struct xl *x, lxw_worksheet *ws, lxw_row_t row, const struct rtable *t,
                           const size_t *widths, bool first)
{
    put_header(x, ws, row, t, widths, first);
    for (size_t r = 0; r < t->n_rows; r++) {
        bool total = t->has_total_row && r + 1 == t->n_rows;
        lxw_row_t at = row + 1 + (lxw_row_t)r;
        size_t lines = 1;
        for (size_t c = 0; c < t->columns.n; c++) {
            size_t n = put_cell(x, ws, at, (lxw_col_t)c, rtable_cell(t, r, c), total, widths[c]);
            lines = n > lines ? n : lines;
        }
        fit_row(x, ws, at, lines);
    }
    return put_table_notes(x, ws, row + 1 + (lxw_row_t)t->n_rows, t, widths) + 1;
}

/* Widths of the columns of every table of s (the widest wins); newly allocated. */
static size_t *column_widths(const struct rsection *s, size_t *n_cols)
{
    size_t *widths = NULL;
    *n_cols = 0;
    for (size_t i = 0; i < s->n_blocks; i++) {
        const struct rtable *t = &s->blocks[i].table;
        if (s->blocks[i].type != RBLOCK_TABLE)
            continue;
        if (t->columns.n > *n_cols) {
            widths = xreallocarray(widths, t->columns.n, sizeof(*widths));
            memset(widths + *n_cols, 0, (t->columns.n - *n_cols) * sizeof(*widths));
            *n_cols = t->columns.n;
        }
        struct rtable_fit f = { PRINT_WIDTH, CELL_PAD, COL_MIN, COL_WORD_MAX, COL_MAX, false };
        size_t *want = rtable_fit_widths(t, &f);
        for (size_t c = 0; c < t->columns.n; c++)
            widths[c] = want[c] > widths[c] ? want[c] : widths[c];
        free(want);
    }
    return widths;
}

/*
 * Narrow the wide columns in proportion, never below COL_SHRINK_MIN, until
 * the sheet is at most PRINT_MAX_WIDTH wide: fitted to the page width, it
 * then prints at 70% or more.
 */
static void fit_print_width(size_t *widths, size_t n_cols)
{
    size_t total = 0, wide = 0;
    for (size_t c = 0; c < n_cols; c++) {
        total += widths[c];
        wide += widths[c] > COL_SHRINK_MIN ? widths[c] - COL_SHRINK_MIN : 0;
    }
    if (total <= PRINT_MAX_WIDTH || !wide)
        return;
    size_t cut = total - PRINT_MAX_WIDTH;
    cut = cut > wide ? wide : cut;
    for (size_t c = 0; c < n_cols; c++)
        if (widths[c] > COL_SHRINK_MIN)
            widths[c] -= ((widths[c] - COL_SHRINK_MIN) * cut + wide - 1) / wide;
}

/* The short paragraph right before block i of s that names its table, or NULL. */
static const char *caption_of(const struct rsection *s, size_t i)
{
    if (i == 0 || s->blocks[i - 1].type == RBLOCK_TABLE || !s->blocks[i - 1].text)
        return NULL;
    const char *text = s->blocks[i - 1].text;
    return strlen(text) <= CAPTION_MAX ? text : NULL;
}

static void write_section(struct xl *x, lxw_worksheet *ws, const struct rsection *s)
{
    put_titles(x, ws);
    put_text(x, ws, 2, 0, s->title, x->f.heading);
    size_t n_cols = 0;
    size_t *widths = column_widths(s, &n_cols);
    fit_print_width(widths, n_cols);
    for (size_t c = 0; c < n_cols; c++)
        xl_check(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)widths[c], NULL));
    lxw_row_t row = TABLE_TOP;
    bool first = true;
    for (size_t i = 0; i < s->n_blocks; i++) {
        if (s->blocks[i].type != RBLOCK_TABLE)
            continue;
        /* A sheet with several tables names each as the section does ("Theo lĩnh vực:"). */
        const char *caption = caption_of(s, i);
        if (caption && !first)
            put_text(x, ws, row++, 0, caption, x->f.heading);
        row = put_table(x, ws, row, &s->blocks[i].table, widths, first);
        first = false;
    }
    free(widths);
}

/* ------------------------------------------------------------ workbook */

static void write_sheets(struct xl *x)
{
    struct strvec used = STRVEC_INIT;
    strvec_push(&used, "history"); /* reserved by Excel */
    char *summary = sheet_name(&used, SUMMARY_SHEET, 1);
    char **names = xcalloc(x->d->n_sections + 1, sizeof(*names));
    for (size_t i = 0; i < x->d->n_sections; i++) {
        const struct rsection *s = &x->d->sections[i];
        if (section_has_table(s))
            names[i] = sheet_name(&used, s->sheet ? s->sheet : s->title, used.n);
    }
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, summary);
    if (!ws)
        xl_check(x, LXW_ERROR_PARAMETER_VALIDATION);
    else
        write_summary(x, ws, names);
    for (size_t i = 0; i < x->d->n_sections && x->rc == LXW_NO_ERROR; i++) {
        if (!names[i])
            continue;
        ws = workbook_add_worksheet(x->wb, names[i]);
        if (!ws)
            xl_check(x, LXW_ERROR_PARAMETER_VALIDATION);
        else
            write_section(x, ws, &x->d->sections[i]);
    }
    for (size_t i = 0; i < x->d->n_sections; i++)
        free(names[i]);
    free(names);
    free(summary);
    strvec_release(&used);
}

static bool is_storage_error(lxw_error rc)
{
    return rc == LXW_ERROR_CREATING_XLSX_FILE || rc == LXW_ERROR_CREATING_TMPFILE ||
           rc == LXW_ERROR_READING_TMPFILE ||
           (rc >= LXW_ERROR_ZIP_FILE_OPERATION && rc <= LXW_ERROR_ZIP_CLOSE);
}

/* "cannot write 'path': msg", msg made to read like ours: lower-case, no full stop. */
static int write_failed(struct err *e, enum err_kind kind, const char *path, const char *why)
{
    char msg[256];
    snprintf(msg, sizeof(msg), "%s", why);
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '.' || msg[len - 1] == ' '))
        msg[--len] = '\0';
    msg[0] = (char)tolower((unsigned char)msg[0]);
    return err_set(e, kind, "cannot write '%s': %s", path, msg);
}

static int lxw_failed(struct err *e, const char *path, lxw_error rc)
{
    return write_failed(e, is_storage_error(rc) ? ERR_STORAGE : ERR_INTERNAL, path,
                        lxw_strerror(rc));
}

/*
 * libxlsxwriter opens path only when closing the workbook, and then reports
 * a failure on stderr without the reason. Opening it first (without
 * truncating) gives the reason up front, before any work.
 */
static int probe_path(const char *path, struct err *e)
{
    FILE *f = fopen(path, "ab");
    if (!f)
        return write_failed(e, ERR_STORAGE, path, strerror(errno));
    fclose(f);
    return 0;
}

int xlsx_write(const struct rdoc *d, const char *path, struct err *e)
{
    lxw_workbook_options opts = { .constant_memory = LXW_FALSE,
                                  .tmpdir = NULL,
                                  .use_zip64 = LXW_FALSE };
    if (probe_path(path, e) < 0)
        return ERR_STORAGE;
    struct xl x = { .wb = workbook_new_opt(path, &opts), .d = d, .rc = LXW_NO_ERROR };
    if (!x.wb) {
        remove(path);
        return lxw_failed(e, path, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    lxw_doc_properties props = { .title = d->title, .author = "giamsat" };
    xl_check(&x, workbook_set_properties(x.wb, &props));
    fmt_init(&x.f, x.wb);
    write_sheets(&x);
    /* Closing also frees the workbook, so it happens even after an error. */
    lxw_error close_rc = workbook_close(x.wb);
    if (x.rc != LXW_NO_ERROR) {
        remove(path);
        return lxw_failed(e, path, x.rc);
    }
    if (close_rc != LXW_NO_ERROR) {
        remove(path);
        return lxw_failed(e, path, close_rc);
    }
    return 0;
}
