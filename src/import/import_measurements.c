/*
 * import_measurements: indicator measurements from a CSV or XLSX table
 * (Mã chỉ tiêu, Ngày đo / Thời điểm / Năm, Giá trị, and optionally Đơn vị,
 * Khối / Thang đo, Nguồn, Văn bản). The rows are kept as written, each with every cell it
 * has; the store finds the indicator and reads and checks the value
 * (core/measure_entry.h), so a file and `measure add` are refused alike.
 *
 * A value is read the Vietnamese way ("81.400" is 81400, "0,725" a decimal),
 * so a value cell that was an XLSX number (0.725, which the sheet writes in
 * the C form "0.725") is first written as a person would: "0,725". Other
 * columns keep the sheet's text, so a code typed as the number 11.1 stays
 * "11.1"; a CSV cell is text as typed and is never rewritten.
 */
#include "import.h"

#include "header.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Columns beyond the fields: recognised so that no field takes them. */
enum {
    M_NAME = N_MEASURE_FIELDS, /* Tên chỉ tiêu: kept with the row, the code decides */
    M_SCALE_UNIT,              /* Đơn vị tính (%, doanh nghiệp): not an agency */
    M_TASK,                    /* a task-name column: then it is a task table */
    N_MCOLS
};

/*
 * Rules are tried in order (header.h), each taking the first free column
 * it matches: specific names come before general ones ("Mã chỉ tiêu"
 * before "Mã", "Đơn vị tính" before "Đơn vị ...", "Tên chỉ tiêu" before
 * "Chỉ tiêu"), so "Chỉ tiêu" is the code only when no Mã column is there.
 */
/* clang-format off */
static const struct header_spec measure_headers[] = {
    { "tennhiemvu", M_TASK },
    { "noidungnhiemvu", M_TASK },
    { "nhiemvu", M_TASK },
    { "machitieu", MF_CODE },
    { "machitieu*", MF_CODE },
    { "ma", MF_CODE },
    { "tenchitieu*", M_NAME },
    { "chitieu", MF_CODE },
    { "vanban", MF_DOCUMENT },
    { "vanbangiao", MF_DOCUMENT },
    { "vanbanchidao", MF_DOCUMENT },
    { "vanban*", MF_DOCUMENT },
    { "ngaydo", MF_DATE },
    { "ngay", MF_DATE },
    { "thoidiem", MF_DATE },
    { "thoidiemdo", MF_DATE },
    { "ngaydo*", MF_DATE },
    { "thoidiem*", MF_DATE },
    { "ngaysolieu*", MF_DATE },
    { "nam", MF_DATE },
    { "ky", MF_DATE },
    { "kybaocao", MF_DATE },
    { "ngay*", MF_DATE },
    { "giatri", MF_VALUE },
    { "ketqua", MF_VALUE },
    { "giatri*", MF_VALUE },
    { "ketqua*", MF_VALUE },
    { "solieu", MF_VALUE },
    { "donvitinh*", M_SCALE_UNIT },
    { "dvt", M_SCALE_UNIT },
    { "khoi", MF_BLOC },
    { "thangdo", MF_BLOC },
    { "khoi*", MF_BLOC },
    { "thangdo*", MF_BLOC },
    { "donvi", MF_UNIT },
    { "donvi*", MF_UNIT },
    { "nguon", MF_SOURCE },
    { "nguon*", MF_SOURCE },
};
/* clang-format on */
#define N_SPECS (sizeof(measure_headers) / sizeof(*measure_headers))

static bool map_measure_header(const struct sheet_row *row, long cols[N_MCOLS])
{
    header_map(row, measure_headers, N_SPECS, cols, N_MCOLS);
    return cols[MF_CODE] >= 0 && cols[MF_DATE] >= 0 && cols[MF_VALUE] >= 0 && cols[M_TASK] < 0;
}

/* The header row of a measurement table among the first ten rows, or -1. */
static long find_header(const struct sheet *sh, long cols[N_MCOLS])
{
    for (size_t i = 0; i < sh->n && i < 10; i++)
        if (map_measure_header(&sh->rows[i], cols))
            return (long)i;
    return -1;
}

bool import_is_measurements(const struct sheet *sh)
{
    long cols[N_MCOLS];
    return find_header(sh, cols) >= 0;
}

/*
 * Every non-blank cell of row as "Header: cell" lines, so nothing written is
 * lost; cell `vcol` as `value` when that is not NULL.
 */
static char *written_cells(const struct sheet_row *header, const struct sheet_row *row, long vcol,
                           const char *value)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < row->n; i++) {
        if (text_is_blank(row->cells[i]))
            continue;
        buf_addf(&b, "%s: %s\n", i < header->n && *header->cells[i] ? header->cells[i] : "?",
                 value && (long)i == vcol ? value : row->cells[i]);
    }
    return buf_take(&b);
}

/* Row i of sh (after the header h) as a measurement row as written. */
static void measure_row(struct measure_table *mt, const struct sheet *sh, size_t i,
                        const struct sheet_row *header, const long cols[N_MCOLS])
{
    const struct sheet_row *row = &sh->rows[i];
    ALLOC_GROW(mt->rows, mt->n + 1, mt->cap);
    struct measure_row *r = &mt->rows[mt->n++];
    memset(r, 0, sizeof(*r));
    r->line = row->line;
    for (int f = 0; f < N_MEASURE_FIELDS; f++)
        r->cell[f] = header_cell(row, cols, f);
    const char *number = NULL; /* the value cell, when an XLSX number: "0.725" -> "0,725" */
    if (r->cell[MF_VALUE] && sheet_is_number(sh, i, (size_t)cols[MF_VALUE])) {
        free(r->cell[MF_VALUE]);
        r->cell[MF_VALUE] = sheet_number_vi(row->cells[cols[MF_VALUE]]);
        number = r->cell[MF_VALUE];
    }
    r->written = written_cells(header, row, cols[MF_VALUE], number);
}

int import_measurements(const struct sheet *sh, struct measure_table *mt, struct err *e)
{
    long cols[N_MCOLS];
    long header = find_header(sh, cols);
    if (header < 0)
        return err_set(e, ERR_INVALID,
                       "không phải bảng số đo chỉ tiêu: dòng tiêu đề cần một cột chỉ tiêu"
                       " ('Mã chỉ tiêu' hoặc 'Chỉ tiêu'), một cột ngày ('Ngày đo', 'Ngày' hoặc"
                       " 'Thời điểm') và một cột giá trị ('Giá trị' hoặc 'Kết quả'), và không có"
                       " cột tên nhiệm vụ");
    const struct sheet_row *h = &sh->rows[header];
    for (int f = 0; f < N_MEASURE_FIELDS; f++)
        mt->header[f] = cols[f] >= 0 ? text_clean(h->cells[cols[f]], false) : NULL;
    for (size_t i = (size_t)header + 1; i < sh->n; i++) {
        long again[N_MCOLS];
        if (!map_measure_header(&sh->rows[i], again)) /* a header repeated at a page break */
            measure_row(mt, sh, i, h, cols);
    }
    if (mt->n == 0)
        return err_set(e, ERR_INVALID, "bảng số đo có dòng tiêu đề nhưng không có dòng số liệu nào");
    return 0;
}
