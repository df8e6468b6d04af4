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

enum pcol {
    P_ID, P_CODE, P_NAME, P_DOCS, P_UNIT, P_DATE, P_DONE, P_COMPLETED, P_OUTPUT, P_RESULT,
    P_NEXT, P_ISSUES, P_PERCENT, P_ATTACH,
    P_COORD, /* recognised so it is not taken for the unit; kept with the other columns */
    N_PCOLS
};

/*
 * Rules are tried in order (header.h), each taking the first free column
 * it matches: specific names come before general ones ("Kết quả thực
 * hiện" before "Kết quả", "Đơn vị phối hợp" before "Đơn vị ...").
 */
static const struct header_spec progress_headers[] = {
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

static bool map_progress_header(const struct sheet_row *row, long cols[N_PCOLS])
{
    header_map(row, progress_headers, N_SPECS, cols, N_PCOLS);
    return cols[P_DATE] >= 0 || cols[P_DONE] >= 0 || cols[P_COMPLETED] >= 0;
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
}

int import_progress(const struct sheet *sh, struct batch *b, struct err *e)
{
    long cols[N_PCOLS];
    long header = find_header(sh, cols);
    if (header < 0)
        return err_set(e, ERR_INVALID,
                       "not a progress table: no 'Ngày báo cáo', 'Hoàn thành' or"
                       " 'Ngày hoàn thành' column in the header");
    if (cols[P_ID] < 0 && cols[P_CODE] < 0 && cols[P_NAME] < 0)
        return err_set(e, ERR_INVALID,
                       "the progress table has no task column ('Mã' or 'Tên nhiệm vụ')");
    if (cols[P_UNIT] < 0)
        return err_set(e, ERR_INVALID,
                       "the progress table has no unit column ('Đơn vị' or 'Cơ quan chủ trì')");
    b->format = "progress";
    for (size_t i = (size_t)header + 1; i < sh->n; i++)
        progress_row(b, &sh->rows[header], &sh->rows[i], cols);
    if (b->n_progress == 0)
        return err_set(e, ERR_INVALID, "the progress table has a header but no rows");
    return 0;
}
