/*
 * sheet_ooxml: the Office Open XML package below sheet_xlsx.c and
 * sheet_docx.c: the zip archive (libzip) and an event-driven XML driver
 * (expat) that parses one part of it with a struct xml_ops; see
 * sheet_internal.h. The only file of giamsat that includes zip.h and
 * expat.h. Sections: container, XML driver.
 */
#include "sheet.h"
#include "sheet_internal.h"

#include "util/xalloc.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ----------------------------------------------------- OOXML container */

void ooxml_close(struct ooxml *p)
{
    if (p->za)
        zip_discard(p->za);
    p->za = NULL;
}

int ooxml_unreadable(const struct ooxml *p, struct err *e, const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    if (detail[0] >= 'A' && detail[0] <= 'Z' && detail[1] >= 'a' && detail[1] <= 'z')
        detail[0] = (char)(detail[0] - 'A' + 'a');
    const char *what = !strcmp(p->format, "DOCX") ? "một văn bản Word (.docx)"
                                                   : "một bảng tính Excel (.xlsx)";
    return err_set(e, ERR_INVALID, "Tệp “%s” không đọc được như %s: %s", p->name, what, detail);
}

/* Why libzip could not open the archive, in words a user can act on. */
static const char *zip_reason(zip_error_t *zerr)
{
    switch (zip_error_code_zip(zerr)) {
    case ZIP_ER_NOZIP:
        return "tệp không phải một tệp nén ZIP như tệp Office (có thể bị hỏng hoặc đổi đuôi)";
    case ZIP_ER_INCONS:
    case ZIP_ER_EOF:
        return "tệp nén bị hỏng hoặc bị cắt cụt (tải lên lại hoặc lưu lại từ Excel/Word)";
    case ZIP_ER_CRC:
        return "dữ liệu nén bị hỏng (sai mã kiểm tra CRC)";
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
        return "tệp được đặt mật khẩu: hãy bỏ mật khẩu rồi tải lên lại";
    default:
        return zip_error_strerror(zerr);
    }
}

int ooxml_open(struct ooxml *p, const char *data, size_t len, struct err *e)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (src) {
        p->za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
        if (!p->za)
            zip_source_free(src);
    }
    int ret = 0;
    if (!p->za)
        ret = ooxml_unreadable(p, e, "%s", zip_reason(&zerr));
    zip_error_fini(&zerr);
    return ret;
}

/* Read exactly `size` bytes, then check the entry ends there (libzip checks the CRC at the end). */
static int zip_read_exact(zip_file_t *zf, char *bytes, zip_uint64_t size,
                          const struct ooxml *p, const char *path, struct err *e)
{
    zip_uint64_t got = 0;
    char extra;
    while (got < size) {
        zip_int64_t n = zip_fread(zf, bytes + got, size - got);
        if (n <= 0)
            return ooxml_unreadable(p, e, "%s: %s", path,
                                    n < 0 ? zip_file_strerror(zf) : "dữ liệu bị cắt cụt");
        got += (zip_uint64_t)n;
    }
    zip_int64_t n = zip_fread(zf, &extra, 1);
    if (n != 0)
        return ooxml_unreadable(p, e, "%s: %s", path,
                                n < 0 ? zip_file_strerror(zf) : "dài hơn kích thước đã ghi");
    return 0;
}

bool ooxml_has_part(const struct ooxml *p, const char *path)
{
    return zip_name_locate(p->za, path, ZIP_FL_NOCASE) >= 0;
}

/*
 * Read part `path` into a newly allocated NUL-terminated buffer (*out, free
 * with free()). A missing part is an error unless `optional`, when *out is
 * left NULL.
 */
static int ooxml_read_part(const struct ooxml *p, const char *path, bool optional, char **out,
                          size_t *out_len, struct err *e)
{
    zip_file_t *zf = NULL;
    char *bytes = NULL;
    zip_stat_t st;
    int ret = 0;

    zip_int64_t idx = zip_name_locate(p->za, path, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (!optional)
            ret = ooxml_unreadable(p, e, "thiếu phần %s", path);
        goto cleanup;
    }
    zip_stat_init(&st);
    if (zip_stat_index(p->za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
        ret = ooxml_unreadable(p, e, "%s: %s", path, zip_strerror(p->za));
        goto cleanup;
    }
    if (st.size > SHEET_XLSX_PART_MAX) {
        ret = err_set(e, ERR_INVALID, "Tệp “%s” quá lớn để nhập (%s vượt %zu MiB)", p->name,
                      path, SHEET_XLSX_PART_MAX >> 20);
        goto cleanup;
    }
    zf = zip_fopen_index(p->za, (zip_uint64_t)idx, 0);
    if (!zf) {
        ret = ooxml_unreadable(p, e, "%s: %s", path, zip_strerror(p->za));
        goto cleanup;
    }
    bytes = xmalloc((size_t)st.size + 1);
    ret = zip_read_exact(zf, bytes, st.size, p, path, e);
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

/* --------------------------------------------------- OOXML XML driver */

/* The parse of one part; see struct xml_ops and ooxml_parse_part(). */
struct xml_job {
    const struct ooxml *pkg; /* the package, for messages */
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

const char *xml_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(xml_local(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

void xml_fail(struct xml_job *job, bool too_big, const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    if (job->ret)
        return;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    unsigned long line = (unsigned long)XML_GetCurrentLineNumber(job->parser);
    if (too_big)
        job->ret = err_set(job->e, ERR_INVALID, "Tệp “%s” quá lớn để nhập (%s dòng %lu: %s)",
                           job->pkg->name, job->part, line, detail);
    else
        job->ret = ooxml_unreadable(job->pkg, job->e, "%s dòng %lu: %s", job->part, line, detail);
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

/* No part of an OOXML package has a DTD; refusing them rules out entity bombs. */
static void XMLCALL xml_on_doctype(void *data, const XML_Char *doctype, const XML_Char *sysid,
                                   const XML_Char *pubid, int has_internal_subset)
{
    (void)doctype, (void)sysid, (void)pubid, (void)has_internal_subset;
    xml_fail(data, false, "không được có khai báo kiểu tài liệu (DOCTYPE)");
}

static int xml_run(struct xml_job *job, const char *bytes, size_t len)
{
    job->parser = XML_ParserCreate(NULL);
    if (!job->parser)
        return err_set(job->e, ERR_INTERNAL, "không khởi tạo được bộ đọc XML");
    XML_SetUserData(job->parser, job);
    XML_SetElementHandler(job->parser, xml_on_start, xml_on_end);
    if (job->ops->text)
        XML_SetCharacterDataHandler(job->parser, xml_on_text);
    XML_SetStartDoctypeDeclHandler(job->parser, xml_on_doctype);
    ASSERT(len <= SHEET_XLSX_PART_MAX);
    if (XML_Parse(job->parser, bytes, (int)len, XML_TRUE) == XML_STATUS_ERROR && !job->ret)
        job->ret = ooxml_unreadable(job->pkg, job->e, "%s dòng %lu: %s", job->part,
                                    (unsigned long)XML_GetCurrentLineNumber(job->parser),
                                   XML_ErrorString(XML_GetErrorCode(job->parser)));
    XML_ParserFree(job->parser);
    job->parser = NULL;
    return job->ret;
}

int ooxml_parse_part(const struct ooxml *p, const char *path, bool optional,
                     const struct xml_ops *ops, void *state, struct err *e)
{
    char *bytes = NULL;
    size_t len = 0;
    int ret = ooxml_read_part(p, path, optional, &bytes, &len, e);
    if (ret == 0 && bytes) {
        struct xml_job job = { .pkg = p, .part = path, .ops = ops, .state = state, .e = e };
        ret = xml_run(&job, bytes, len);
    }
    free(bytes);
    return ret;
}

void *xml_state(struct xml_job *job)
{
    return job->state;
}

void xml_ignore_end(struct xml_job *job, const char *el)
{
    (void)job, (void)el;
}
