/*
 * sheet: CSV (libcsv) and XLSX (libzip + expat) bytes to rows of NFC text;
 * see sheet.h. The only file of giamsat that includes csv.h, zip.h and
 * expat.h. Sections: rows, CSV, XLSX container, XLSX XML driver, XLSX
 * workbook parts, XLSX worksheet.
 */
#include "sheet.h"

#include "util/buf.h"
#include "util/strvec.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <csv.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ---------------------------------------------------------------- rows */

void sheet_release(struct sheet *sh)
{
    for (size_t i = 0; i < sh->n; i++) {
        for (size_t j = 0; j < sh->rows[i].n; j++)
            free(sh->rows[i].cells[j]);
        free(sh->rows[i].cells);
    }
    free(sh->rows);
    *sh = (struct sheet)SHEET_INIT;
}

/* Append v as a row unless all its cells are blank; takes v's strings, leaves v empty. */
static void sheet_add_row(struct sheet *sh, size_t line, struct strvec *v)
{
    bool blank = true;
    for (size_t i = 0; i < v->n && blank; i++)
        blank = text_is_blank(v->items[i]);
    if (blank) {
        strvec_release(v);
        return;
    }
    ALLOC_GROW(sh->rows, sh->n + 1, sh->cap);
    sh->rows[sh->n++] = (struct sheet_row){ .line = line, .cells = v->items, .n = v->n };
    *v = (struct strvec)STRVEC_INIT;
}

bool sheet_looks_like_xlsx(const char *data, size_t len)
{
    return data && len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* Parse a decimal number of at most `max`; false unless s is all digits. */
static bool parse_uint(const char *s, size_t max, size_t *out)
{
    size_t v = 0;
    if (!s || !*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (max - (size_t)(*s - '0')) / 10)
            return false;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return true;
}

/* ----------------------------------------------------------------- CSV */

struct csv_state {
    struct sheet *sh;
    struct strvec row; /* fields of the record being read */
    size_t rec_line;   /* physical line where that record started */
};

static void csv_field_cb(void *s, size_t len, void *data)
{
    struct csv_state *st = data;
    char *raw = xstrndup(s ? s : "", s ? len : 0);
    strvec_push_take(&st->row, text_nfc(raw));
    free(raw);
}

static void csv_record_cb(int term, void *data)
{
    struct csv_state *st = data;
    (void)term;
    sheet_add_row(st->sh, st->rec_line, &st->row);
}

/* libcsv grows its field buffer through this, so running out of memory aborts. */
static void *csv_xrealloc(void *p, size_t size)
{
    return xreallocarray(p, size, 1);
}

/* Index just past the physical line starting at pos (LF, CRLF or a lone CR). */
static size_t csv_line_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] != '\n' && s[pos] != '\r')
        pos++;
    if (pos < len && s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n')
        pos++;
    return pos < len ? pos + 1 : len;
}

/* 1-based physical line holding byte `off` (off < length of s). */
static size_t csv_line_of(const char *s, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n');
    return line;
}

/* The most frequent of ',' ';' and tab outside quotes on the first non-blank line. */
static char csv_detect_delim(const char *s, size_t len)
{
    static const char cand[] = { ',', ';', '\t' };
    size_t count[3] = { 0 };
    bool quoted = false;
    size_t i = 0;
    while (i < len && (s[i] == '\n' || s[i] == '\r'))
        i++;
    for (; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        for (size_t k = 0; k < 3 && !quoted; k++)
            count[k] += s[i] == cand[k];
    }
    size_t best = 0;
    for (size_t k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

/* Refuse what is not UTF-8 text; `skip` bytes of BOM precede the text. */
static int csv_check_text(const char *data, size_t len, size_t skip, const char *name,
                          struct err *e)
{
    size_t bad = 0;
    if (len <= skip)
        return err_set(e, ERR_INVALID, "'%s': file is empty", name);
    if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
        ((unsigned char)data[1] ^ (unsigned char)data[0]) == 0x01)
        return err_set(e, ERR_INVALID, "'%s' is UTF-16 text, not UTF-8: save it as CSV UTF-8",
                       name);
    const char *nul = memchr(data, '\0', len);
    if (nul)
        return err_set(e, ERR_INVALID,
                       "'%s' is binary data, not CSV text (NUL byte at line %zu, byte %zu)", name,
                       csv_line_of(data, (size_t)(nul - data)), (size_t)(nul - data));
    if (!text_is_utf8(data + skip, len - skip, &bad))
        return err_set(e, ERR_INVALID,
                       "'%s' is not UTF-8 text (line %zu, byte %zu): save it as CSV UTF-8; "
                       "a file in Windows-1258 or another encoding must be converted to "
                       "UTF-8 first",
                       name, csv_line_of(data, skip + bad), skip + bad);
    return 0;
}

/*
 * Feed the parser one physical line at a time. A record starts on a line
 * that begins outside quotes; under strict quoting the parity of the quotes
 * seen so far tells whether a line begins inside a quoted field.
 */
static int csv_feed(struct csv_parser *p, struct csv_state *st, const char *s, size_t len,
                    const char *name, struct err *e)
{
    bool quoted = false;
    size_t line = 1;
    for (size_t pos = 0, end; pos < len; pos = end, line++) {
        end = csv_line_end(s, len, pos);
        if (!quoted)
            st->rec_line = line;
        if (csv_parse(p, s + pos, end - pos, csv_field_cb, csv_record_cb, st) != end - pos)
            return err_set(e, ERR_INVALID,
                           "'%s': misplaced quote at line %zu (a quote must open the cell "
                           "and be doubled inside it)",
                           name, line);
        for (size_t i = pos; i < end; i++)
            quoted ^= s[i] == '"';
    }
    if (csv_fini(p, csv_field_cb, csv_record_cb, st) != 0)
        return err_set(e, ERR_INVALID,
                       "'%s': unterminated quote in the record starting at line %zu", name,
                       st->rec_line);
    return 0;
}

int sheet_read_csv(struct sheet *sh, const char *data, size_t len, const char *name, struct err *e)
{
    struct csv_parser p;
    bool have_parser = false;
    struct csv_state st = { .sh = sh, .row = STRVEC_INIT, .rec_line = 1 };
    size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int ret = -1;

    sheet_release(sh);
    ret = csv_check_text(data, len, skip, name, e);
    if (ret < 0)
        goto cleanup;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        ret = err_set(e, ERR_INTERNAL, "cannot start the CSV parser for '%s'", name);
        goto cleanup;
    }
    have_parser = true;
    csv_set_realloc_func(&p, csv_xrealloc);
    csv_set_free_func(&p, free);
    csv_set_delim(&p, (unsigned char)csv_detect_delim(data + skip, len - skip));
    ret = csv_feed(&p, &st, data + skip, len - skip, name, e);
cleanup:
    if (have_parser)
        csv_free(&p);
    strvec_release(&st.row);
    if (ret < 0)
        sheet_release(sh);
    return ret;
}

/* ------------------------------------------------------ XLSX container */

struct xlsx {
    const char *name;  /* file name, for messages (borrowed) */
    zip_t *za;         /* the archive, reading from the caller's bytes */
    bool date1904;     /* workbookPr date1904: serials count from 1904-01-01 */
    char *rid;         /* r:id of the first <sheet> of the workbook */
    char *sheet_part;  /* zip path of the first sheet, from the workbook rels */
    char *sst_part;    /* zip path of the shared strings, NULL = default */
    char *styles_part; /* zip path of the styles, NULL = default */
    struct strvec sst; /* shared strings, NFC */
    bool *xf_date;     /* cellXfs index -> its number format is a date */
    size_t n_xf;
};

static void xlsx_release(struct xlsx *x)
{
    if (x->za)
        zip_discard(x->za);
    free(x->rid);
    free(x->sheet_part);
    free(x->sst_part);
    free(x->styles_part);
    strvec_release(&x->sst);
    free(x->xf_date);
}

__attribute__((format(printf, 3, 4))) static int xlsx_unreadable(const char *name, struct err *e,
                                                                 const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    if (detail[0] >= 'A' && detail[0] <= 'Z' && detail[1] >= 'a' && detail[1] <= 'z')
        detail[0] = (char)(detail[0] - 'A' + 'a');
    return err_set(e, ERR_INVALID, "'%s' is not a readable XLSX file (%s)", name, detail);
}

static int xlsx_open(struct xlsx *x, const char *data, size_t len, struct err *e)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (src) {
        x->za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
        if (!x->za)
            zip_source_free(src);
    }
    int ret = 0;
    if (!x->za)
        ret = xlsx_unreadable(x->name, e, "%s", zip_error_strerror(&zerr));
    zip_error_fini(&zerr);
    return ret;
}

/* Read exactly `size` bytes, then check the entry ends there (libzip checks the CRC at the end). */
static int zip_read_exact(zip_file_t *zf, char *bytes, zip_uint64_t size, const char *name,
                          const char *path, struct err *e)
{
    zip_uint64_t got = 0;
    char extra;
    while (got < size) {
        zip_int64_t n = zip_fread(zf, bytes + got, size - got);
        if (n <= 0)
            return xlsx_unreadable(name, e, "%s: %s", path,
                                   n < 0 ? zip_file_strerror(zf) : "data ends early");
        got += (zip_uint64_t)n;
    }
    zip_int64_t n = zip_fread(zf, &extra, 1);
    if (n != 0)
        return xlsx_unreadable(name, e, "%s: %s", path,
                               n < 0 ? zip_file_strerror(zf) : "longer than its stated size");
    return 0;
}

/*
 * Read part `path` into a newly allocated NUL-terminated buffer (*out, free
 * with free()). A missing part is an error unless `optional`, when *out is
 * left NULL.
 */
static int xlsx_read_part(const struct xlsx *x, const char *path, bool optional, char **out,
                          size_t *out_len, struct err *e)
{
    zip_file_t *zf = NULL;
    char *bytes = NULL;
    zip_stat_t st;
    int ret = 0;

    zip_int64_t idx = zip_name_locate(x->za, path, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (!optional)
            ret = xlsx_unreadable(x->name, e, "%s is missing", path);
        goto cleanup;
    }
    zip_stat_init(&st);
    if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
        ret = xlsx_unreadable(x->name, e, "%s: %s", path, zip_strerror(x->za));
        goto cleanup;
    }
    if (st.size > SHEET_XLSX_PART_MAX) {
        ret = err_set(e, ERR_INVALID, "'%s' is too large to import (%s is over %zu MiB)", x->name,
                      path, SHEET_XLSX_PART_MAX >> 20);
        goto cleanup;
    }
    zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
    if (!zf) {
        ret = xlsx_unreadable(x->name, e, "%s: %s", path, zip_strerror(x->za));
        goto cleanup;
    }
    bytes = xmalloc((size_t)st.size + 1);
    ret = zip_read_exact(zf, bytes, st.size, x->name, path, e);
    if (ret == 0) {
        bytes[st.size] = '\0';
        *out_len = (size_t)st.size;
        *out = bytes;
        bytes = NULL;
    }
cleanup:
    if (zf)
        zip_fclose(zf);
    free(bytes);
    return ret;
}

/* ---------------------------------------------------- XLSX XML driver */

struct xml_job;

/* What a part's parser does on each event; element names come without prefix. */
struct xml_ops {
    void (*start)(struct xml_job *job, const char *el, const char **atts);
    void (*end)(struct xml_job *job, const char *el);
    void (*text)(struct xml_job *job, const char *s, size_t len); /* NULL: ignore text */
};

struct xml_job {
    const char *name; /* file name, for messages */
    const char *part; /* zip path of the part, for messages */
    const struct xml_ops *ops;
    void *state; /* the part's own state, given to ops */
    XML_Parser parser;
    struct err *e;
    int ret; /* first error recorded by a handler, 0 while none */
};

static const char *xml_local(const char *qname)
{
    const char *colon = strrchr(qname, ':');
    return colon ? colon + 1 : qname;
}

/* Value of the attribute whose local name is `local`, or NULL. */
static const char *xml_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(xml_local(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

/* Record an error at the parser's current line and stop parsing. */
__attribute__((format(printf, 3, 4))) static void xml_fail(struct xml_job *job, bool too_big,
                                                           const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    if (job->ret)
        return;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    unsigned long line = (unsigned long)XML_GetCurrentLineNumber(job->parser);
    job->ret = err_set(job->e, ERR_INVALID, "'%s' %s (%s line %lu: %s)", job->name,
                       too_big ? "is too large to import" : "is not a readable XLSX file",
                       job->part, line, detail);
    XML_StopParser(job->parser, XML_FALSE);
}

static void XMLCALL xml_on_start(void *data, const XML_Char *el, const XML_Char **atts)
{
    struct xml_job *job = data;
    if (!job->ret)
        job->ops->start(job, xml_local(el), atts);
}

static void XMLCALL xml_on_end(void *data, const XML_Char *el)
{
    struct xml_job *job = data;
    if (!job->ret)
        job->ops->end(job, xml_local(el));
}

static void XMLCALL xml_on_text(void *data, const XML_Char *s, int len)
{
    struct xml_job *job = data;
    if (!job->ret && len > 0)
        job->ops->text(job, s, (size_t)len);
}

/* No part of an XLSX file has a DTD; refusing them rules out entity bombs. */
static void XMLCALL xml_on_doctype(void *data, const XML_Char *doctype, const XML_Char *sysid,
                                   const XML_Char *pubid, int has_internal_subset)
{
    (void)doctype, (void)sysid, (void)pubid, (void)has_internal_subset;
    xml_fail(data, false, "a document type declaration is not allowed");
}

static int xml_run(struct xml_job *job, const char *bytes, size_t len)
{
    job->parser = XML_ParserCreate(NULL);
    if (!job->parser)
        return err_set(job->e, ERR_INTERNAL, "cannot create an XML parser");
    XML_SetUserData(job->parser, job);
    XML_SetElementHandler(job->parser, xml_on_start, xml_on_end);
    if (job->ops->text)
        XML_SetCharacterDataHandler(job->parser, xml_on_text);
    XML_SetStartDoctypeDeclHandler(job->parser, xml_on_doctype);
    ASSERT(len <= SHEET_XLSX_PART_MAX);
    if (XML_Parse(job->parser, bytes, (int)len, XML_TRUE) == XML_STATUS_ERROR && !job->ret)
        job->ret = xlsx_unreadable(job->name, job->e, "%s line %lu: %s", job->part,
                                   (unsigned long)XML_GetCurrentLineNumber(job->parser),
                                   XML_ErrorString(XML_GetErrorCode(job->parser)));
    XML_ParserFree(job->parser);
    job->parser = NULL;
    return job->ret;
}

/* Parse part `path` with `ops`; a missing optional part leaves `state` untouched. */
static int xlsx_parse_part(const struct xlsx *x, const char *path, bool optional,
                           const struct xml_ops *ops, void *state, struct err *e)
{
    char *bytes = NULL;
    size_t len = 0;
    int ret = xlsx_read_part(x, path, optional, &bytes, &len, e);
    if (ret == 0 && bytes) {
        struct xml_job job = { .name = x->name, .part = path, .ops = ops, .state = state, .e = e };
        ret = xml_run(&job, bytes, len);
    }
    free(bytes);
    return ret;
}

/* ------------------------------------------------ XLSX workbook parts */

static void workbook_start(struct xml_job *job, const char *el, const char **atts)
{
    struct xlsx *x = job->state;
    if (strcmp(el, "workbookPr") == 0) {
        const char *v = xml_attr(atts, "date1904");
        x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(el, "sheet") == 0 && !x->rid) {
        const char *id = xml_attr(atts, "id");
        if (!id)
            xml_fail(job, false, "<sheet> has no r:id");
        else
            x->rid = xstrdup(id);
    }
}

static void xml_ignore_end(struct xml_job *job, const char *el)
{
    (void)job, (void)el;
}

static const struct xml_ops workbook_ops = { workbook_start, xml_ignore_end, NULL };

/* Zip path of a relationship target of xl/workbook.xml. */
static void rels_set_target(char **slot, const char *target)
{
    if (!*slot)
        *slot = target[0] == '/' ? xstrdup(target + 1) : xasprintf("xl/%s", target);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void rels_start(struct xml_job *job, const char *el, const char **atts)
{
    struct xlsx *x = job->state;
    const char *id = xml_attr(atts, "Id"), *type = xml_attr(atts, "Type");
    const char *target = xml_attr(atts, "Target");
    if (strcmp(el, "Relationship") != 0 || !id || !type || !target || !*target)
        return;
    if (strcmp(id, x->rid) == 0)
        rels_set_target(&x->sheet_part, target);
    else if (ends_with(type, "/sharedStrings"))
        rels_set_target(&x->sst_part, target);
    else if (ends_with(type, "/styles"))
        rels_set_target(&x->styles_part, target);
}

static const struct xml_ops rels_ops = { rels_start, xml_ignore_end, NULL };

static int xlsx_find_sheet(struct xlsx *x, struct err *e)
{
    int ret = xlsx_parse_part(x, "xl/workbook.xml", false, &workbook_ops, x, e);
    if (ret == 0 && !x->rid)
        ret = xlsx_unreadable(x->name, e, "xl/workbook.xml lists no sheet");
    if (ret == 0)
        ret = xlsx_parse_part(x, "xl/_rels/workbook.xml.rels", false, &rels_ops, x, e);
    if (ret == 0 && !x->sheet_part)
        ret = xlsx_unreadable(x->name, e, "no relationship for the first sheet '%s'", x->rid);
    return ret;
}

struct styles_state {
    bool in_xfs;    /* inside <cellXfs> (not <cellStyleXfs>) */
    size_t *xf_fmt; /* numFmtId of each cellXfs <xf> */
    size_t n_xf, cap_xf;
    size_t *date_fmt; /* custom numFmtIds whose code is a date */
    size_t n_date, cap_date;
};

/* True if a format code shows a date: d, m or y outside quotes, brackets and escapes. */
static bool fmt_code_is_date(const char *code)
{
    for (const char *p = code; *p; p++) {
        if (*p == '"' || *p == '[') {
            p = strchr(p + 1, *p == '"' ? '"' : ']');
            if (!p)
                return false;
        } else if ((*p == '\\' || *p == '_' || *p == '*') && p[1]) {
            p++;
        } else if (strchr("dDmMyY", *p)) {
            return true;
        }
    }
    return false;
}

static void styles_start(struct xml_job *job, const char *el, const char **atts)
{
    struct styles_state *st = job->state;
    size_t id = 0;
    if (strcmp(el, "numFmt") == 0) {
        const char *code = xml_attr(atts, "formatCode");
        if (parse_uint(xml_attr(atts, "numFmtId"), SIZE_MAX, &id) && code &&
            fmt_code_is_date(code)) {
            ALLOC_GROW(st->date_fmt, st->n_date + 1, st->cap_date);
            st->date_fmt[st->n_date++] = id;
        }
    } else if (strcmp(el, "cellXfs") == 0) {
        st->in_xfs = true;
    } else if (strcmp(el, "xf") == 0 && st->in_xfs) {
        parse_uint(xml_attr(atts, "numFmtId"), SIZE_MAX, &id);
        ALLOC_GROW(st->xf_fmt, st->n_xf + 1, st->cap_xf);
        st->xf_fmt[st->n_xf++] = id;
    }
}

static void styles_end(struct xml_job *job, const char *el)
{
    struct styles_state *st = job->state;
    if (strcmp(el, "cellXfs") == 0)
        st->in_xfs = false;
}

static const struct xml_ops styles_ops = { styles_start, styles_end, NULL };

static bool numfmt_is_date(const struct styles_state *st, size_t id)
{
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
        return true;
    for (size_t i = 0; i < st->n_date; i++)
        if (st->date_fmt[i] == id)
            return true;
    return false;
}

static int xlsx_load_styles(struct xlsx *x, struct err *e)
{
    struct styles_state st = { 0 };
    const char *path = x->styles_part ? x->styles_part : "xl/styles.xml";
    int ret = xlsx_parse_part(x, path, true, &styles_ops, &st, e);
    if (ret == 0) {
        x->xf_date = xcalloc(st.n_xf, sizeof(*x->xf_date));
        x->n_xf = st.n_xf;
        for (size_t i = 0; i < st.n_xf; i++)
            x->xf_date[i] = numfmt_is_date(&st, st.xf_fmt[i]);
    }
    free(st.xf_fmt);
    free(st.date_fmt);
    return ret;
}

/* Text of <t> runs, inside <si> (shared strings) or <is> (inline), phonetic runs left out. */
struct runs {
    bool in_t;
    size_t rph_depth; /* > 0 inside <rPh>, whose <t> is a reading aid, not text */
    struct buf text;  /* capped at SHEET_XLSX_CELL_MAX */
};

static void runs_start(struct runs *r, const char *el)
{
    if (strcmp(el, "t") == 0)
        r->in_t = true;
    else if (strcmp(el, "rPh") == 0)
        r->rph_depth++;
}

static void runs_end(struct runs *r, const char *el)
{
    if (strcmp(el, "t") == 0)
        r->in_t = false;
    else if (strcmp(el, "rPh") == 0 && r->rph_depth > 0)
        r->rph_depth--;
}

static void cell_text_add(struct xml_job *job, struct buf *b, const char *s, size_t len)
{
    buf_add(b, s, len);
    if (!buf_ok(b))
        xml_fail(job, true, "a cell is longer than %zu MiB", SHEET_XLSX_CELL_MAX >> 20);
}

struct sst_state {
    struct strvec *sst;
    bool in_si;
    struct runs runs;
};

static void sst_start(struct xml_job *job, const char *el, const char **atts)
{
    struct sst_state *st = job->state;
    (void)atts;
    if (strcmp(el, "si") == 0) {
        if (st->sst->n >= SHEET_XLSX_CELLS_MAX) {
            xml_fail(job, true, "more than %zu shared strings", SHEET_XLSX_CELLS_MAX);
            return;
        }
        st->in_si = true;
        buf_reset(&st->runs.text);
    } else if (st->in_si) {
        runs_start(&st->runs, el);
    }
}

static void sst_end(struct xml_job *job, const char *el)
{
    struct sst_state *st = job->state;
    if (strcmp(el, "si") == 0 && st->in_si) {
        strvec_push_take(st->sst, text_nfc(st->runs.text.data));
        st->in_si = false;
    } else if (st->in_si) {
        runs_end(&st->runs, el);
    }
}

static void sst_text(struct xml_job *job, const char *s, size_t len)
{
    struct sst_state *st = job->state;
    if (st->in_si && st->runs.in_t && st->runs.rph_depth == 0)
        cell_text_add(job, &st->runs.text, s, len);
}

static const struct xml_ops sst_ops = { sst_start, sst_end, sst_text };

static int xlsx_load_strings(struct xlsx *x, struct err *e)
{
    struct sst_state st = { .sst = &x->sst };
    buf_init(&st.runs.text, SHEET_XLSX_CELL_MAX);
    const char *path = x->sst_part ? x->sst_part : "xl/sharedStrings.xml";
    int ret = xlsx_parse_part(x, path, true, &sst_ops, &st, e);
    buf_release(&st.runs.text);
    return ret;
}

/* ----------------------------------------------------- XLSX worksheet */

enum cell_type { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STR, CELL_BOOL, CELL_DATE };

struct ws_state {
    const struct xlsx *x;
    struct sheet *sh;
    struct strvec row; /* cells of the current row, gaps as "" */
    bool in_row, in_cell, in_v, in_is;
    size_t row_num;      /* r of the current row, 1-based */
    size_t col;          /* 0-based column of the current cell */
    size_t next_col;     /* column of a cell that has no r */
    size_t style;        /* s of the current cell: index into cellXfs */
    enum cell_type type; /* t of the current cell */
    bool has_value;      /* the current cell has a <v> or an <is> */
    struct runs runs;    /* <v> text, or the <t> runs of <is> */
    size_t n_cells;      /* cells built so far, gaps included */
};

#define XLSX_MAX_ROW ((size_t)1048576)
#define XLSX_MAX_COL ((size_t)16384)

/* 0-based column of a reference such as "C7"; false if malformed or past XFD. */
static bool parse_col_ref(const char *ref, size_t *col)
{
    size_t c = 0, i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
        c = c * 26 + (size_t)(ref[i] - 'A' + 1);
        if (c > XLSX_MAX_COL)
            return false;
    }
    if (i == 0 || ref[i] < '0' || ref[i] > '9')
        return false;
    *col = c - 1;
    return true;
}

static enum cell_type parse_cell_type(const char *t)
{
    static const struct {
        const char *name;
        enum cell_type type;
    } types[] = {
        { "n", CELL_NUMBER }, { "s", CELL_SHARED }, { "inlineStr", CELL_INLINE },
        { "b", CELL_BOOL },   { "d", CELL_DATE },
    };
    for (size_t i = 0; t && i < sizeof(types) / sizeof(types[0]); i++)
        if (strcmp(t, types[i].name) == 0)
            return types[i].type;
    return t ? CELL_STR : CELL_NUMBER; /* "str" (formula text), "e" (error) */
}

static void ws_row_start(struct xml_job *job, struct ws_state *w, const char **atts)
{
    const char *r = xml_attr(atts, "r");
    size_t num = w->row_num + 1;
    if (r && (!parse_uint(r, XLSX_MAX_ROW, &num) || num == 0)) {
        xml_fail(job, false, "bad row number '%s'", r);
        return;
    }
    w->row_num = num;
    w->in_row = true;
    w->next_col = 0;
}

static void ws_cell_start(struct xml_job *job, struct ws_state *w, const char **atts)
{
    const char *r = xml_attr(atts, "r");
    const char *s = xml_attr(atts, "s");
    w->col = w->next_col;
    if (r && !parse_col_ref(r, &w->col)) {
        xml_fail(job, false, "bad cell reference '%s'", r);
        return;
    }
    if (w->col >= XLSX_MAX_COL) {
        xml_fail(job, false, "a cell lies past column XFD");
        return;
    }
    w->style = 0;
    if (s && !parse_uint(s, SIZE_MAX, &w->style))
        w->style = 0;
    w->type = parse_cell_type(xml_attr(atts, "t"));
    w->in_cell = true;
    w->has_value = false;
    buf_reset(&w->runs.text);
}

static void ws_start(struct xml_job *job, const char *el, const char **atts)
{
    struct ws_state *w = job->state;
    if (strcmp(el, "row") == 0) {
        ws_row_start(job, w, atts);
    } else if (strcmp(el, "c") == 0 && w->in_row) {
        ws_cell_start(job, w, atts);
    } else if (w->in_cell && strcmp(el, "v") == 0) {
        w->in_v = w->has_value = true;
    } else if (w->in_cell && strcmp(el, "is") == 0) {
        w->in_is = w->has_value = true;
    } else if (w->in_is) {
        runs_start(&w->runs, el);
    }
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    /* Howard Hinnant's days_from_civil inverse; z counts days from 1970-01-01. */
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* "dd/mm/yyyy" of an Excel serial, or NULL when it is no date Excel would show. */
static char *serial_date(double serial, bool date1904)
{
    if (!(serial >= (date1904 ? 0 : 1) && serial < 2958466))
        return NULL;
    long days = (long)serial; /* the time of day is dropped */
    if (!date1904 && days == 60)
        return xstrdup("29/02/1900"); /* Excel keeps Lotus 1-2-3's leap-year bug */
    /* Days from 1970-01-01: serial 0 is 1904-01-01 or, before the bug, 1899-12-31. */
    long z = date1904 ? days - 24107 : days - (days < 60 ? 25568 : 25569);
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    if (y > 9999)
        return NULL;
    return xasprintf("%02d/%02d/%04d", d, m, y);
}

/* Excel's number text: no ".0" on integers, 15 significant digits otherwise. */
static char *number_text(const char *v, bool is_date, bool date1904)
{
    char *end = NULL;
    double d = strtod(v, &end); /* assumes the C locale for LC_NUMERIC */
    if (end == v || *end || !isfinite(d))
        return text_nfc(v);
    char *date = is_date ? serial_date(d, date1904) : NULL;
    if (date)
        return date;
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
        return xasprintf("%lld", (long long)d);
    return xasprintf("%.15g", d);
}

/* "dd/mm/yyyy" of an ISO 8601 date cell (t="d"); other text is kept. */
static char *iso_date_text(const char *v)
{
    bool ok = strlen(v) >= 10 && v[4] == '-' && v[7] == '-';
    for (size_t i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || (v[i] >= '0' && v[i] <= '9');
    if (!ok)
        return text_nfc(v);
    return xasprintf("%.2s/%.2s/%.4s", v + 8, v + 5, v);
}

/* Text of the cell just closed, newly allocated; NULL after xml_fail(). */
static char *ws_cell_text(struct xml_job *job, const struct ws_state *w)
{
    const char *v = w->runs.text.data;
    size_t idx;
    switch (w->type) {
    case CELL_SHARED:
        if (!parse_uint(v, SIZE_MAX, &idx) || idx >= w->x->sst.n) {
            xml_fail(job, false, "shared string '%s' does not exist", v);
            return NULL;
        }
        return xstrdup(w->x->sst.items[idx]);
    case CELL_BOOL:
        return xstrdup(strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v);
    case CELL_NUMBER:
        return number_text(v, w->style < w->x->n_xf && w->x->xf_date[w->style], w->x->date1904);
    case CELL_DATE:
        return iso_date_text(v);
    default:
        return text_nfc(v);
    }
}

/* Put the cell's text at its column, filling the gap before it with "" cells. */
static void ws_cell_end(struct xml_job *job, struct ws_state *w)
{
    w->in_cell = false;
    w->next_col = w->col + 1;
    char *text = w->has_value ? ws_cell_text(job, w) : NULL;
    if (!text || !*text) {
        free(text);
        return;
    }
    size_t grow = w->col >= w->row.n ? w->col + 1 - w->row.n : 0;
    if (w->n_cells + grow > SHEET_XLSX_CELLS_MAX) {
        free(text);
        xml_fail(job, true, "more than %zu cells", SHEET_XLSX_CELLS_MAX);
        return;
    }
    w->n_cells += grow;
    while (w->row.n < w->col)
        strvec_push(&w->row, "");
    if (w->col < w->row.n) {
        free(w->row.items[w->col]);
        w->row.items[w->col] = text;
    } else {
        strvec_push_take(&w->row, text);
    }
}

static void ws_end(struct xml_job *job, const char *el)
{
    struct ws_state *w = job->state;
    if (strcmp(el, "row") == 0) {
        sheet_add_row(w->sh, w->row_num, &w->row);
        w->in_row = false;
    } else if (strcmp(el, "c") == 0 && w->in_cell) {
        ws_cell_end(job, w);
    } else if (strcmp(el, "v") == 0) {
        w->in_v = false;
    } else if (strcmp(el, "is") == 0) {
        w->in_is = false;
    } else if (w->in_is) {
        runs_end(&w->runs, el);
    }
}

static void ws_text(struct xml_job *job, const char *s, size_t len)
{
    struct ws_state *w = job->state;
    if (w->in_v || (w->in_is && w->runs.in_t && w->runs.rph_depth == 0))
        cell_text_add(job, &w->runs.text, s, len);
}

static const struct xml_ops ws_ops = { ws_start, ws_end, ws_text };

static int xlsx_load_sheet(const struct xlsx *x, struct sheet *sh, struct err *e)
{
    struct ws_state w = { .x = x, .sh = sh, .row = STRVEC_INIT };
    buf_init(&w.runs.text, SHEET_XLSX_CELL_MAX);
    int ret = xlsx_parse_part(x, x->sheet_part, false, &ws_ops, &w, e);
    strvec_release(&w.row);
    buf_release(&w.runs.text);
    return ret;
}

int sheet_read_xlsx(struct sheet *sh, const char *data, size_t len, const char *name, struct err *e)
{
    struct xlsx x = { .name = name, .sst = STRVEC_INIT };
    int ret;

    sheet_release(sh);
    if (len == 0)
        ret = err_set(e, ERR_INVALID, "'%s': file is empty", name);
    else
        ret = xlsx_open(&x, data, len, e);
    if (ret == 0)
        ret = xlsx_find_sheet(&x, e);
    if (ret == 0)
        ret = xlsx_load_styles(&x, e);
    if (ret == 0)
        ret = xlsx_load_strings(&x, e);
    if (ret == 0)
        ret = xlsx_load_sheet(&x, sh, e);
    xlsx_release(&x);
    if (ret < 0)
        sheet_release(sh);
    return ret;
}
