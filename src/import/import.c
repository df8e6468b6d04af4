/* import: format detection and dispatch; see import.h. */
#include "import.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const import_formats[] = { "program",  "indicators",   "plan", "table",
                                       "progress", "measurements", NULL };

static bool is_format(const char *f)
{
    for (size_t i = 0; import_formats[i]; i++)
        if (strcmp(f, import_formats[i]) == 0)
            return true;
    return false;
}

/*
 * True when data[0..len) is only white space. The bytes are not NUL-terminated (an
 * upload's part points into the request body, a kept upload is a database blob), so
 * this never reads them as a C string; a NUL byte is no white space.
 */
static bool is_blank(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)data[i]))
            return false;
    return true;
}

/* Line number (1-based) of byte offset off. */
static size_t line_of(const char *data, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        line += data[i] == '\n';
    return line;
}

static int check_text(const char *data, size_t len, const char *name, struct err *e)
{
    size_t bad;
    if (text_is_utf8(data, len, &bad))
        return 0;
    return err_set(e, ERR_INVALID,
                   "Tệp “%s” không phải văn bản mã UTF-8 (dòng %zu, byte %zu): hãy lưu lại với"
                   " mã UTF-8 (ví dụ CSV UTF-8), không dùng Windows-1258 hay mã khác",
                   name, line_of(data, bad), bad + 1);
}

static const char *detect_text(const struct lines *l)
{
    bool tabs = false, plus_lead = false;
    for (size_t i = 0; i < l->n; i++) {
        tabs = tabs || strchr(l->items[i], '\t');
        if (!plus_lead && strchr(l->items[i], '+') && text_starts_folded(l->items[i], "+ co quan chu tri"))
            plus_lead = true;
    }
    if (tabs && lines_find(l, 0, "phu luc ii") >= 0)
        return "program";
    if (tabs && lines_find(l, 0, "phu luc i") >= 0)
        return "indicators";
    if (plus_lead)
        return "plan";
    return "table";
}

static int read_text(const char *data, size_t len, const char *name, const char *format,
                     struct batch *b, struct err *e)
{
    struct lines l = LINES_INIT;
    lines_split(&l, data, len);
    if (!format)
        format = detect_text(&l);
    int ret = 0;
    b->format = strcmp(format, "program") == 0 ? "program"
                : strcmp(format, "indicators") == 0 ? "indicators" : "plan";
    if (strcmp(format, "program") == 0) {
        ret = import_program(&l, b, e);
        if (!ret && lines_find(&l, 0, "phu luc i") >= 0)
            ret = import_indicators(&l, b, e);
    } else if (strcmp(format, "indicators") == 0) {
        ret = import_indicators(&l, b, e);
    } else {
        ret = import_plan(&l, b, e);
    }
    lines_release(&l);
    if (ret)
        err_prefix(e, "Tệp “%s”", name);
    return ret;
}

static bool is(const char *format, const char *name)
{
    return format && strcmp(format, name) == 0;
}

/* Whether format names a sheet (CSV, XLSX or DOCX table) format. */
static bool is_sheet_format(const char *format)
{
    return is(format, "table") || is(format, "progress") || is(format, "measurements");
}

/*
 * The format of a sheet: as forced, else a progress table, else (when the
 * caller takes measurement tables, mt != NULL) a measurement table, else
 * a task table.
 */
static const char *sheet_format(const struct sheet *sh, const char *format,
                                const struct measure_table *mt)
{
    if (format && strcmp(format, "program") && strcmp(format, "indicators") &&
        strcmp(format, "plan"))
        return format;
    if (import_is_progress(sh))
        return "progress";
    if (mt && import_is_measurements(sh))
        return "measurements";
    return "table";
}

/* Import the rows of a sheet already read, as `format` (NULL: detect). */
static int import_sheet(const struct sheet *sh, const char *name, const char *format,
                        struct batch *b, struct measure_table *mt, struct err *e)
{
    const char *f = sheet_format(sh, format, mt);
    b->format = !strcmp(f, "progress")       ? "progress"
                : !strcmp(f, "measurements") ? "measurements"
                                             : "table";
    int ret;
    if (!strcmp(f, "progress"))
        ret = import_progress(sh, b, e);
    else if (!strcmp(f, "measurements"))
        ret = import_measurements(sh, mt, e);
    else
        ret = import_table(sh, b, e);
    if (ret)
        err_prefix(e, "Tệp “%s”", name);
    return ret;
}

/*
 * The format of a DOCX: as forced; else a progress table when its main
 * table is one (a progress report may well be an appendix "Phụ lục II");
 * else what its text lines are (a programme, its indicators, a plan); else
 * NULL: a table, detected among the sheet formats.
 */
static const char *docx_format(const struct sheet *sh, const char *text, const char *format)
{
    if (format)
        return format;
    if (import_is_progress(sh))
        return "progress";
    struct lines l = LINES_INIT;
    lines_split(&l, text, strlen(text));
    const char *f = detect_text(&l);
    lines_release(&l);
    return strcmp(f, "table") == 0 ? NULL : f;
}

/*
 * A Word document: its text lines go to the text importers (program,
 * indicators, plan), its main table to the sheet importers; see
 * sheet_read_docx() for both.
 */
static int read_docx(const char *data, size_t len, const char *name, const char *format,
                     struct batch *b, struct measure_table *mt, struct err *e)
{
    struct sheet sh = SHEET_INIT;
    char *text = NULL;
    int ret = sheet_read_docx(&sh, &text, data, len, name, e);
    if (!ret) {
        const char *f = docx_format(&sh, text, format);
        if (f && !is_sheet_format(f))
            ret = read_text(text, strlen(text), name, f, b, e);
        else if (sh.n == 0)
            ret = err_set(e, ERR_INVALID, "Tệp “%s” không có bảng nào để nhập", name);
        else
            ret = import_sheet(&sh, name, f, b, mt, e);
    }
    free(text);
    sheet_release(&sh);
    return ret;
}

/*
 * Whether a zip is a Word document: it holds one, or its name says .docx (so
 * that a damaged DOCX is reported as one, not as a workbook).
 */
static bool is_docx(const char *data, size_t len, const char *name)
{
    size_t n = strlen(name);
    return sheet_looks_like_docx(data, len) || (n >= 5 && !strcasecmp(name + n - 5, ".docx"));
}

/* Whether name ends with suffix, ignoring case. */
static bool named(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && !strcasecmp(name + n - k, suffix);
}

/*
 * Whether the bytes are to be read as an Office (zip) file: they are a zip,
 * or the name says .xlsx/.xlsm/.docx — so that a damaged workbook is reported
 * as an unreadable workbook, not as text that is not UTF-8.
 */
static bool is_office(const char *data, size_t len, const char *name)
{
    return sheet_looks_like_xlsx(data, len) || named(name, ".xlsx") || named(name, ".xlsm") ||
           named(name, ".docx");
}

/* The old binary Office formats (an OLE2 compound file: .xls, .doc) are not read. */
static int refuse_legacy_office(const char *data, size_t len, const char *name, struct err *e)
{
    static const char ole2[8] = { '\xD0', '\xCF', '\x11', '\xE0', '\xA1', '\xB1', '\x1A', '\xE1' };
    if (len < sizeof(ole2) || memcmp(data, ole2, sizeof(ole2)))
        return 0;
    bool word = named(name, ".doc");
    return err_set(e, ERR_INVALID,
                   "Tệp “%s” là %s kiểu cũ (Office 97-2003), chưa được hỗ trợ: hãy mở bằng %s"
                   " và lưu lại dưới dạng %s",
                   name, word ? "văn bản Word" : "bảng tính Excel", word ? "Word" : "Excel",
                   word ? ".docx" : ".xlsx");
}

static int read_sheet(const char *data, size_t len, const char *name, const char *format,
                      struct batch *b, struct measure_table *mt, struct err *e)
{
    bool zip = is_office(data, len, name);
    if (zip && is_docx(data, len, name))
        return read_docx(data, len, name, format, b, mt, e);
    struct sheet sh = SHEET_INIT;
    int ret = zip ? sheet_read_xlsx(&sh, data, len, name, e)
                  : sheet_read_csv(&sh, data, len, name, e);
    if (!ret)
        ret = import_sheet(&sh, name, format, b, mt, e);
    sheet_release(&sh);
    return ret;
}

/* 0 when format (NULL: detect) is one the caller reads; ERR_INVALID listing them otherwise. */
static int check_format(const char *format, bool measurements, struct err *e)
{
    if (!format || (is_format(format) && (measurements || !is(format, "measurements"))))
        return 0;
    return err_set(e, ERR_INVALID, "unknown format '%s' (use program, indicators, plan, table%s)",
                   format, measurements ? ", progress or measurements" : " or progress");
}

int import_read_all(const char *data, size_t len, const char *name, const char *format,
                    struct batch *b, struct measure_table *mt, struct err *e)
{
    int ret;
    if (check_format(format, mt != NULL, e))
        return e->kind;
    if (is_blank(data, len))
        return err_set(e, ERR_INVALID, "Tệp “%s” trống", name);
    if (refuse_legacy_office(data, len, name, e))
        return e->kind;
    bool zip = is_office(data, len, name);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 && !zip) {
        data += 3;
        len -= 3;
    }
    if (zip || is_sheet_format(format)) {
        ret = read_sheet(data, len, name, format, b, mt, e);
    } else if (check_text(data, len, name, e)) {
        ret = e->kind;
    } else {
        struct lines probe = LINES_INIT;
        lines_split(&probe, data, len);
        const char *f = format ? format : detect_text(&probe);
        lines_release(&probe);
        ret = strcmp(f, "table") == 0 ? read_sheet(data, len, name, format, b, mt, e)
                                      : read_text(data, len, name, f, b, e);
    }
    if (ret) {
        batch_release(b);
        if (mt)
            measure_table_release(mt);
    }
    return ret;
}

int import_read(const char *data, size_t len, const char *name, const char *format,
                struct batch *b, struct err *e)
{
    return import_read_all(data, len, name, format, b, NULL, e);
}
