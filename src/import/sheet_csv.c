/*
 * sheet_csv: sheet_read_csv(), RFC 4180 CSV bytes to rows of NFC text with
 * libcsv; see sheet.h. The only file of giamsat that includes csv.h.
 */
#include "sheet.h"
#include "sheet_internal.h"

#include "util/strvec.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

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
    sheet_add_row(st->sh, st->rec_line, &st->row, NULL);
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
        return err_set(e, ERR_INVALID, "Tệp “%s” trống", name);
    if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
        ((unsigned char)data[1] ^ (unsigned char)data[0]) == 0x01)
        return err_set(e, ERR_INVALID, "Tệp “%s” là văn bản mã UTF-16, không phải UTF-8: hãy lưu lại dạng CSV UTF-8",
                       name);
    const char *nul = memchr(data, '\0', len);
    if (nul)
        return err_set(e, ERR_INVALID,
                       "Tệp “%s” là dữ liệu nhị phân, không phải văn bản CSV (byte NUL ở dòng %zu, byte %zu)", name,
                       csv_line_of(data, (size_t)(nul - data)), (size_t)(nul - data));
    if (!text_is_utf8(data + skip, len - skip, &bad))
        return err_set(e, ERR_INVALID,
                       "Tệp “%s” không phải văn bản mã UTF-8 (dòng %zu, byte %zu): hãy lưu lại"
                       " dạng CSV UTF-8; tệp mã Windows-1258 hay mã khác phải được chuyển sang"
                       " UTF-8 trước",
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
                           "Tệp “%s”: dấu ngoặc kép đặt sai ở dòng %zu (dấu ngoặc kép phải mở"
                           " đầu ô, và được viết đôi khi nằm trong ô)",
                           name, line);
        for (size_t i = pos; i < end; i++)
            quoted ^= s[i] == '"';
    }
    if (csv_fini(p, csv_field_cb, csv_record_cb, st) != 0)
        return err_set(e, ERR_INVALID,
                       "Tệp “%s”: dấu ngoặc kép không được đóng trong dòng bắt đầu ở dòng %zu", name,
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
        ret = err_set(e, ERR_INTERNAL, "không khởi tạo được bộ đọc CSV cho tệp “%s”", name);
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
