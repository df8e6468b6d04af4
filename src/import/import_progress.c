/*
 * progress_table: progress reports from a CSV or XLSX table laid out as
 * official progress tables are (Tên nhiệm vụ or Mã, Đơn vị / Cơ quan chủ
 * trì, Kết quả (đến ngày ...), Dự kiến kết quả ..., Vướng mắc, kiến nghị,
 * Ngày báo cáo, Hoàn thành, Ngày hoàn thành, Văn bản kết quả). The rows
 * are kept as written; the store resolves tasks and units.
 */
#include "import.h"

#include "header.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include "core/date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum pcol {
    P_ID, P_CODE, P_NAME, P_DOCS, P_UNIT, P_DATE, P_DONE, P_COMPLETED, P_OUTPUT, P_RESULT,
    P_NEXT, P_ISSUES, P_PERCENT, P_ATTACH,
    P_COORD, /* recognised so it is not taken for the unit; kept with the other columns */
    P_TT,    /* the table's own numbering: tells a heading row from a task; kept likewise */
    N_PCOLS
};

/*
 * Rules are tried in order (header.h), each taking the first free column
 * it matches: specific names come before general ones ("Kết quả thực
 * hiện" before "Kết quả", "Đơn vị phối hợp" before "Đơn vị ...").
 */
static const struct header_spec progress_headers[] = {
    { "tt", P_TT },
    { "stt", P_TT },
    { "id", P_ID },
    { "ma", P_CODE },
    { "manhiemvu", P_CODE },
    { "tennhiemvu", P_NAME },
    { "noidungnhiemvu", P_NAME },
    { "nhiemvu", P_NAME },
    { "noidung", P_NAME },
    { "vanbangiao", P_DOCS },
    { "vanbanchidao", P_DOCS },
    { "coquanphoihop*", P_COORD },
    { "donviphoihop*", P_COORD },
    { "donvi", P_UNIT },
    { "coquanchutri", P_UNIT },
    { "donvichutri", P_UNIT },
    { "donvithuchien", P_UNIT },
    { "donvibaocao", P_UNIT },
    { "donvi*", P_UNIT },
    { "coquanchutri*", P_UNIT },
    { "ngaybaocao*", P_DATE },
    { "ngayhoanthanh*", P_COMPLETED },
    { "dahoanthanh*", P_DONE },
    { "hoanthanh*", P_DONE },
    { "vanbanketqua*", P_OUTPUT },
    { "sanphamketqua*", P_OUTPUT },
    { "ketquathuchien*", P_RESULT },
    { "ketquadenngay*", P_RESULT },
    { "tiendothuchien*", P_RESULT },
    { "ketqua", P_RESULT },
    { "dukien*", P_NEXT },
    { "vuongmac*", P_ISSUES },
    { "tiendo", P_PERCENT },
    { "tiendophantram", P_PERCENT },
    { "tylehoanthanh*", P_PERCENT },
    { "tyle", P_PERCENT },
    { "phantram*", P_PERCENT },
    { "tailieu*", P_ATTACH },
    { "tepdinhkem*", P_ATTACH },
    { "dinhkem*", P_ATTACH },
};
#define N_SPECS (sizeof(progress_headers) / sizeof(*progress_headers))

/* The header key (header.h) of column c's header cell, "" when there is none. */
static char *column_key(const struct sheet_row *row, const long cols[N_PCOLS], int c)
{
    if (cols[c] < 0 || (size_t)cols[c] >= row->n)
        return xstrdup("");
    return header_key(row->cells[cols[c]]);
}

/*
 * What makes a table a progress table: a date of report or of completion,
 * a "Hoàn thành" column, a next-period or obstacles column, or a result
 * column that says it is one ("Kết quả thực hiện", "Kết quả (đến ngày
 * ...)", "Tiến độ thực hiện"). A bare "Kết quả" is also the expected
 * output of a task table, so it is not enough on its own.
 */
static bool has_progress_column(const struct sheet_row *row, const long cols[N_PCOLS])
{
    if (cols[P_DATE] >= 0 || cols[P_DONE] >= 0 || cols[P_COMPLETED] >= 0 || cols[P_NEXT] >= 0 ||
        cols[P_ISSUES] >= 0)
        return true;
    char *result = column_key(row, cols, P_RESULT), *percent = column_key(row, cols, P_PERCENT);
    bool yes = !strncmp(result, "ketquathuchien", 14) || !strncmp(result, "ketquaden", 9) ||
               !strncmp(result, "tiendo", 6) || !strncmp(percent, "tiendo", 6);
    free(result);
    free(percent);
    return yes;
}

#define HEADER_CELL_MAX 120 /* bytes: a header names a column, it is not a sentence */

/*
 * A header row: a task column, a progress column, and no cell that reads
 * like a task ("Hoàn thành việc
 * sắp xếp ..." in a task table's first data row is not a "Hoàn thành"
 * column).
 */
static bool map_progress_header(const struct sheet_row *row, long cols[N_PCOLS])
{
    header_map(row, progress_headers, N_SPECS, cols, N_PCOLS);
    for (size_t i = 0; i < row->n; i++)
        if (strlen(row->cells[i]) > HEADER_CELL_MAX)
            return false;
    bool task = cols[P_ID] >= 0 || cols[P_CODE] >= 0 || cols[P_NAME] >= 0;
    return task && has_progress_column(row, cols);
}

/* The header row of a progress table among the first ten rows, or -1. */
static long find_header(const struct sheet *sh, long cols[N_PCOLS])
{
    for (size_t i = 0; i < sh->n && i < 10; i++)
        if (map_progress_header(&sh->rows[i], cols))
            return (long)i;
    return -1;
}

bool import_is_progress(const struct sheet *sh)
{
    long cols[N_PCOLS];
    return find_header(sh, cols) >= 0;
}

static bool is_progress_field(const long cols[N_PCOLS], size_t i)
{
    for (int c = 0; c < P_COORD; c++)
        if (cols[c] == (long)i)
            return true;
    return false;
}

/* "Header: value" lines of the cells no progress field reads, so nothing written is lost. */
static char *other_cells(const struct sheet_row *header, const struct sheet_row *row,
                         const long cols[N_PCOLS])
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < row->n; i++) {
        if (is_progress_field(cols, i) || text_is_blank(row->cells[i]))
            continue;
        buf_addf(&b, "%s: %s\n", i < header->n && *header->cells[i] ? header->cells[i] : "?",
                 row->cells[i]);
    }
    if (b.len)
        return buf_take(&b);
    buf_release(&b);
    return NULL;
}

static void progress_row(struct batch *b, const struct sheet_row *header,
                         const struct sheet_row *row, const long cols[N_PCOLS])
{
    struct progress_row *p = batch_add_progress(b, row->line);
    p->other = other_cells(header, row, cols);
    p->task_id = header_cell(row, cols, P_ID);
    p->task_code = header_cell(row, cols, P_CODE);
    p->task_name = header_cell(row, cols, P_NAME);
    p->document = header_cell(row, cols, P_DOCS);
    p->unit = header_cell(row, cols, P_UNIT);
    p->reported_on = header_cell(row, cols, P_DATE);
    p->done = header_cell(row, cols, P_DONE);
    p->completed_on = header_cell(row, cols, P_COMPLETED);
    p->output = header_cell(row, cols, P_OUTPUT);
    p->result = header_cell(row, cols, P_RESULT);
    p->next = header_cell(row, cols, P_NEXT);
    p->issues = header_cell(row, cols, P_ISSUES);
    p->percent = header_cell(row, cols, P_PERCENT);
    p->attachment = header_cell(row, cols, P_ATTACH);
    p->tt = header_cell(row, cols, P_TT);
    p->section = b->sections + 1;
    if (!p->reported_on && b->progress_date)
        p->reported_on = xstrdup(b->progress_date);
}

/*
 * The first date written in text ("Kết quả (đến ngày 10/5/2025)",
 * "Kết quả đến 30/6/2025"), as written, or NULL.
 */
static char *date_in_text(const char *text)
{
    for (const char *p = text; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > text && isdigit((unsigned char)p[-1])))
            continue;
        size_t n = strspn(p, "0123456789/-.");
        while (n > 0 && !isdigit((unsigned char)p[n - 1]))
            n--;
        char *cand = xstrndup(p, n);
        struct date d;
        if (date_parse_user(cand, &d) == 0)
            return cand;
        free(cand);
    }
    return NULL;
}

/*
 * True when no cell of the row reports anything: a heading, part, section
 * or group row, or a task the unit left blank. Naming a task, a unit or a
 * date is not a report: such a row would store an empty one.
 */
static bool reports_nothing(const struct sheet_row *row, const long cols[N_PCOLS])
{
    static const int report[] = { P_DONE,   P_COMPLETED, P_OUTPUT, P_RESULT,
                                  P_NEXT,   P_ISSUES,    P_PERCENT, P_ATTACH };
    for (size_t k = 0; k < sizeof(report) / sizeof(*report); k++) {
        int c = report[k];
        if (cols[c] >= 0 && (size_t)cols[c] < row->n && !text_is_blank(row->cells[cols[c]]))
            return false;
    }
    return true;
}

/*
 * Whether a row that reports nothing heads a section: its TT is blank or
 * is no task number ("I", "1. NHIỆM VỤ RIÊNG"), unlike a task the unit left
 * blank ("3", "3.", "2.1", "(4)").
 */
static bool is_heading(const struct sheet_row *row, const long cols[N_PCOLS])
{
    long c = cols[P_TT];
    const char *tt = c >= 0 && (size_t)c < row->n ? row->cells[c] : "";
    while (*tt == ' ' || *tt == '(')
        tt++;
    if (!isdigit((unsigned char)*tt))
        return true;
    return tt[strspn(tt, "0123456789.() ")] != '\0';
}

/* A skipped row as the user would recognise it: its non-blank cells, " · " between, cut short. */
static char *row_text(const struct sheet_row *row)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < row->n && b.len < 160; i++) {
        if (text_is_blank(row->cells[i]))
            continue;
        if (b.len)
            buf_adds(&b, " · ");
        buf_adds(&b, row->cells[i]);
    }
    if (b.len > 160) {
        size_t keep = (size_t)text_prefix_len(b.data, 160);
        b.len = keep;
        b.data[keep] = '\0';
        buf_adds(&b, "…");
    }
    return buf_take(&b);
}

int import_progress(const struct sheet *sh, struct batch *b, struct err *e)
{
    long cols[N_PCOLS];
    long header = find_header(sh, cols);
    if (header < 0)
        return err_set(e, ERR_INVALID,
                       "không phải bảng báo cáo tiến độ: trong mười dòng đầu không có dòng tiêu"
                       " đề nào có cột nhiệm vụ và cột tiến độ ('Kết quả thực hiện', 'Kết quả"
                       " (đến ngày ...)', 'Dự kiến ...', 'Vướng mắc, kiến nghị', 'Ngày báo cáo',"
                       " 'Hoàn thành')");
    const struct sheet_row *h = &sh->rows[header];
    b->format = "progress";
    b->progress_dated = cols[P_DATE] >= 0;
    b->progress_has_unit = cols[P_UNIT] >= 0;
    if (cols[P_RESULT] >= 0 && (size_t)cols[P_RESULT] < h->n)
        b->progress_date = date_in_text(h->cells[cols[P_RESULT]]);
    for (size_t i = (size_t)header + 1; i < sh->n; i++) {
        if (reports_nothing(&sh->rows[i], cols)) {
            batch_skip(b, sh->rows[i].line, row_text(&sh->rows[i]));
            b->sections += is_heading(&sh->rows[i], cols);
        } else
            progress_row(b, h, &sh->rows[i], cols);
    }
    if (b->n_progress == 0)
        return err_set(e, ERR_INVALID, "bảng tiến độ có dòng tiêu đề nhưng không dòng nào có báo cáo");
    return 0;
}

/* ---- what the user says about the table ---------------------------------------- */

/* The date the user gives is every row's report date; one the table gave is kept beside it. */
static void set_date(struct progress_row *p, const char *date)
{
    if (p->reported_on && strcmp(p->reported_on, date)) {
        char *other = xasprintf("%sNgày báo cáo (theo bảng): %s\n", p->other ? p->other : "",
                                p->reported_on);
        free(p->other);
        p->other = other;
    }
    free(p->reported_on);
    p->reported_on = xstrdup(date);
}

/*
 * The unit the user gives (--unit, the focal point's own unit) reports
 * every row. The table's unit column ("Cơ quan chủ trì") is then what the
 * unit copied from the programme: kept as such, never taken for the reporter.
 */
static void set_unit(struct progress_row *p, const char *unit)
{
    free(p->lead_text);
    p->lead_text = p->unit;
    p->unit = xstrdup(unit);
}

int import_progress_hints(struct batch *b, const char *name, const char *date, const char *unit,
                          const struct registry *r, struct err *e)
{
    struct date d;
    if (date && date_parse_user(date, &d))
        return err_set(e, ERR_INVALID, "ngày báo cáo “%s” không phải một ngày dạng dd/mm/yyyy", date);
    if (unit && !registry_unit_id(r, unit))
        return err_set(e, ERR_INVALID, "đơn vị báo cáo: không có đơn vị nào tên “%s”", unit);
    if (!date && !b->progress_dated && !b->progress_date)
        return err_set(e, ERR_INVALID,
                       "Tệp “%s” không ghi ngày báo cáo: không có cột 'Ngày báo cáo' và tiêu đề cột"
                       " kết quả không có ngày ('Kết quả (đến ngày 10/5/2025)'); hãy ghi ngày"
                       " báo cáo cho cả tệp (ô “Ngày báo cáo” trên trang, --date ở dòng lệnh)",
                       name);
    if (!unit && !b->progress_has_unit)
        return err_set(e, ERR_INVALID,
                       "Tệp “%s” không có cột đơn vị ('Đơn vị' hoặc 'Cơ quan chủ trì'): hãy chọn"
                       " đơn vị báo cáo (ô “Đơn vị báo cáo” trên trang, --unit ở dòng lệnh)",
                       name);
    for (size_t i = 0; i < b->n_progress; i++) {
        if (date)
            set_date(&b->progress[i], date);
        if (unit)
            set_unit(&b->progress[i], unit);
    }
    return 0;
}
