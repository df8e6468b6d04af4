/*
 * table: tasks from a CSV or XLSX table whose columns are recognised by
 * their headers as official tables write them, ignoring case, diacritics,
 * spacing and punctuation ("Tên nhiệm vụ", "NỘI DUNG, NHIỆM VỤ",
 * "Thời hạn hoàn thành" ...). The header is the first of the first ten
 * rows that has a task-name column.
 */
#include "import.h"

#include "header.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum col {
    C_TT, C_CODE, C_NAME, C_DOCS, C_LEAD, C_COORD, C_OUTPUT, C_DEADLINE, C_FIELD, C_PARENT,
    C_REPEAT, N_COLS
};

static const struct header_spec headers[] = {
    { "tt", C_TT },
    { "stt", C_TT },
    { "ma", C_CODE },
    { "manhiemvu", C_CODE },
    { "tennhiemvu", C_NAME },
    { "noidungnhiemvu", C_NAME },
    { "nhiemvu", C_NAME },
    { "noidung", C_NAME },
    { "vanbangiao", C_DOCS },
    { "vanbanchidao", C_DOCS },
    { "vanban", C_DOCS },
    { "coquanchutri", C_LEAD },
    { "donvithuchien", C_LEAD },
    { "donvichutri", C_LEAD },
    { "coquanphoihop", C_COORD },
    { "donviphoihop", C_COORD },
    { "ketqua", C_OUTPUT },
    { "ketquayeucau", C_OUTPUT },
    { "sanpham", C_OUTPUT },
    { "thoihan", C_DEADLINE },
    { "thoigianhoanthanh", C_DEADLINE },
    { "thoihanhoanthanh", C_DEADLINE },
    { "linhvuc", C_FIELD },
    { "macha", C_PARENT },
    { "nhaclai", C_REPEAT },
};

/* Map columns of row to enum col; returns true when a name column is found. */
static bool map_header(const struct sheet_row *row, long cols[N_COLS])
{
    header_map(row, headers, sizeof(headers) / sizeof(*headers), cols, N_COLS);
    return cols[C_NAME] >= 0;
}

static char *cell(const struct sheet_row *row, const long cols[N_COLS], enum col c)
{
    return header_cell(row, cols, c);
}

static char *or_empty(char *s)
{
    return s ? s : xstrdup("");
}

static void table_row(struct batch *b, const struct sheet_row *row, const long cols[N_COLS])
{
    char *name = cell(row, cols, C_NAME);
    if (!name) {
        batch_reject(b, row->line, xstrdup("tên nhiệm vụ (Tên nhiệm vụ) để trống"));
        return;
    }
    char *code = cell(row, cols, C_CODE);
    if (code && batch_find_task(b, code) >= 0) {
        batch_reject(b, row->line, xasprintf("mã nhiệm vụ (Mã) “%s” bị dùng hai lần", code));
        free(code);
        free(name);
        return;
    }
    struct batch_task *t = batch_add_task(b, row->line);
    t->name = name;
    t->code = code;
    t->tt = or_empty(cell(row, cols, C_TT));
    t->documents = cell(row, cols, C_DOCS);
    t->lead = or_empty(cell(row, cols, C_LEAD));
    t->coord = or_empty(cell(row, cols, C_COORD));
    t->output = or_empty(cell(row, cols, C_OUTPUT));
    t->deadline = or_empty(cell(row, cols, C_DEADLINE));
    t->field = or_empty(cell(row, cols, C_FIELD));
    t->parent_code = cell(row, cols, C_PARENT);
    t->repeat_code = cell(row, cols, C_REPEAT);
}

/* Link sub-tasks to parents named in the same file; others stay by code for the store. */
static void link_parents(struct batch *b)
{
    for (size_t i = 0; i < b->n_tasks; i++) {
        struct batch_task *t = &b->tasks[i];
        if (!t->parent_code)
            continue;
        long p = batch_find_task(b, t->parent_code);
        if (p >= 0 && (size_t)p != i) {
            t->parent = p;
            b->tasks[p].is_group = 1;
        }
    }
}

int import_table(const struct sheet *sh, struct batch *b, struct err *e)
{
    long cols[N_COLS];
    size_t header = 0;
    bool found = false;
    for (; header < sh->n && header < 10 && !found; header++)
        found = map_header(&sh->rows[header], cols);
    if (!found)
        return err_set(e, ERR_INVALID,
                       "dòng tiêu đề không có cột tên nhiệm vụ (cần một cột 'Tên nhiệm vụ', "
                       "'Nội dung, nhiệm vụ' hoặc 'Nhiệm vụ')");
    for (size_t i = header; i < sh->n; i++)
        table_row(b, &sh->rows[i], cols);
    link_parents(b);
    if (b->n_tasks == 0 && b->n_rejects == 0)
        return err_set(e, ERR_INVALID, "bảng có dòng tiêu đề nhưng không có dòng nhiệm vụ nào");
    return 0;
}
