/*
 * program: the task table (Phụ lục II) and indicator table (Phụ lục I) of a
 * Government action programme such as Nghị quyết 71/NQ-CP; see import.h.
 *
 * Phụ lục II rows are: a section ("I." + title), a numbered task ("12."),
 * or a sub-item of the last numbered task ("(3)"). Sub-items make their
 * task a group; they get the code "<task>.(<k>)".
 */
#include "import.h"

#include "doctable.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { COL_TT, COL_NAME, COL_LEAD, COL_COORD, COL_OUTPUT, COL_DEADLINE, N_TASK_COLS };
enum { ICOL_TT, ICOL_NAME, ICOL_UNIT, ICOL_TARGET, ICOL_AGENCY, N_IND_COLS };

static bool is_roman(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("IVX", s[i]))
            return false;
    return true;
}

/* "12." -> "12"; NULL when tt is not a task number. */
static char *task_number(const char *tt)
{
    size_t n = strspn(tt, "0123456789");
    if (n == 0 || (tt[n] && !(tt[n] == '.' && !tt[n + 1])))
        return NULL;
    return xstrndup(tt, n);
}

/* "(3)" -> "3"; NULL otherwise. */
static char *subitem_number(const char *tt)
{
    size_t n = tt[0] == '(' ? strspn(tt + 1, "0123456789") : 0;
    if (n == 0 || strcmp(tt + 1 + n, ")") != 0)
        return NULL;
    return xstrndup(tt + 1, n);
}

static void fill_task(struct batch_task *t, const struct sheet_row *row, const char *field)
{
    t->tt = xstrdup(row->cells[COL_TT]);
    t->name = xstrdup(row->cells[COL_NAME]);
    t->lead = xstrdup(row->cells[COL_LEAD]);
    t->coord = xstrdup(row->cells[COL_COORD]);
    t->output = xstrdup(row->cells[COL_OUTPUT]);
    t->deadline = xstrdup(row->cells[COL_DEADLINE]);
    t->field = xstrdup(field ? field : "");
}

static void program_row(struct batch *b, const struct sheet_row *row, char **field,
                        long *last_task)
{
    const char *tt = row->cells[COL_TT];
    size_t dot = strcspn(tt, ".");
    if (is_roman(tt, dot) && (tt[dot] == '.' || !tt[dot])) {
        free(*field);
        *field = xstrdup(row->cells[COL_NAME]);
        return;
    }
    char *num = task_number(tt), *sub = num ? NULL : subitem_number(tt);
    if (num) {
        struct batch_task *t = batch_add_task(b, row->line);
        fill_task(t, row, *field);
        t->code = num;
        *last_task = (long)b->n_tasks - 1;
    } else if (sub && *last_task >= 0) {
        struct batch_task *parent = &b->tasks[*last_task];
        parent->is_group = 1;
        char *code = xasprintf("%s.(%s)", parent->code, sub);
        char *parent_code = xstrdup(parent->code);
        struct batch_task *t = batch_add_task(b, row->line);
        fill_task(t, row, *field);
        t->code = code;
        t->parent_code = parent_code;
        t->parent = *last_task;
        free(sub);
    } else {
        batch_reject(b, row->line, xasprintf("không đọc được ô số thứ tự (TT) “%s”", tt));
        free(sub);
    }
}

/* The line index of an appendix title ("Phụ lục II"), or -1. */
static long appendix_at(const struct lines *l, const char *roman)
{
    char *key = xasprintf("phu luc %s", roman);
    long at = lines_find(l, 0, key);
    free(key);
    return at;
}

/* "(Kèm theo ... Nghị quyết số: 71/NQ-CP ngày 01 tháng 4 năm 2025 ...)" names the document. */
static void detect_document(struct batch *b, const struct lines *l, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < l->n; i++) {
        if (!text_starts_folded(l->items[i], "(kem theo"))
            continue;
        struct err e = ERR_INIT;
        struct docref r;
        if (docref_parse(l->items[i], &r, &e) == 0 && date_is_set(r.date)) {
            docref_release(&b->document);
            b->document = r;
            return;
        }
        docref_release(&r);
    }
}

int import_program(const struct lines *l, struct batch *b, struct err *e)
{
    long start = appendix_at(l, "ii");
    if (start < 0)
        return err_set(e, ERR_INVALID, "tệp không có bảng nhiệm vụ 'Phụ lục II'");
    struct sheet rows = SHEET_INIT;
    doctable_rows(l, (size_t)start, l->n, N_TASK_COLS, &rows);
    detect_document(b, l, (size_t)start, (size_t)start + 10);
    char *field = NULL;
    long last_task = -1;
    for (size_t i = 0; i < rows.n; i++)
        program_row(b, &rows.rows[i], &field, &last_task);
    free(field);
    sheet_release(&rows);
    if (b->n_tasks == 0)
        return err_set(e, ERR_INVALID, "bảng 'Phụ lục II' không có dòng nhiệm vụ nào");
    return 0;
}

/* ---- Phụ lục I: indicators ---------------------------------------------- */

/* "I  Đến năm 2030" -> 2030: the horizon sections of the indicator table. */
static int horizon_of(const struct sheet_row *row)
{
    const char *text = row->cells[ICOL_NAME][0] ? row->cells[ICOL_NAME] : row->cells[ICOL_TT];
    char *key = text_fold(text);
    const char *p = strstr(key, "nam ");
    int year = 0;
    const char *digits = p ? p + 4 : NULL;
    if (digits)
        strparse_digits(&digits, 4, &year);
    free(key);
    return year;
}

static void indicator_row(struct batch *b, const struct sheet_row *row, int *horizon)
{
    const char *tt = row->cells[ICOL_TT];
    size_t lead = strspn(tt, "IVX");
    if (lead && (!tt[lead] || tt[lead] == ' ' || tt[lead] == '.')) {
        *horizon = horizon_of(row);
        return;
    }
    size_t n = strspn(tt, "0123456789.");
    if (n == 0 || tt[n]) {
        batch_reject(b, row->line, xasprintf("không đọc được số thứ tự chỉ tiêu “%s”", tt));
        return;
    }
    struct batch_indicator *x = batch_add_indicator(b, row->line);
    x->code = xstrndup(tt, n - (tt[n - 1] == '.' ? 1 : 0));
    const char *dot = strchr(x->code, '.');
    x->parent_code = dot ? xstrndup(x->code, (size_t)(dot - x->code)) : NULL;
    x->name = xstrdup(row->cells[ICOL_NAME]);
    x->unit = xstrdup(row->cells[ICOL_UNIT]);
    x->target = xstrdup(row->cells[ICOL_TARGET]);
    x->agency = xstrdup(row->cells[ICOL_AGENCY]);
    x->horizon = *horizon;
}

int import_indicators(const struct lines *l, struct batch *b, struct err *e)
{
    long start = appendix_at(l, "i");
    if (start < 0)
        return err_set(e, ERR_INVALID, "tệp không có bảng chỉ tiêu 'Phụ lục I'");
    long end = appendix_at(l, "ii");
    struct sheet rows = SHEET_INIT;
    doctable_rows(l, (size_t)start, end > start ? (size_t)end : l->n, N_IND_COLS, &rows);
    if (!date_is_set(b->document.date))
        detect_document(b, l, (size_t)start, (size_t)start + 10);
    int horizon = 0;
    for (size_t i = 0; i < rows.n; i++)
        indicator_row(b, &rows.rows[i], &horizon);
    sheet_release(&rows);
    if (b->n_indicators == 0)
        return err_set(e, ERR_INVALID, "bảng 'Phụ lục I' không có dòng chỉ tiêu nào");
    return 0;
}
