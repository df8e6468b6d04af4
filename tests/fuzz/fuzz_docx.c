/*
 * Fuzz target: the DOCX reader (import/sheet.h sheet_read_docx: libzip, expat, the
 * main part through _rels/.rels, tables on their grid, merged cells, repeated headers,
 * nested tables). A document it accepts is checked against the invariants of sheet.h
 * (rows, NFC cells, lines increasing, no tab or line break inside a cell) and its text
 * form must be valid UTF-8; sheet_looks_like_docx() must not crash either.
 *
 * An input that is no zip ("PK\3\4") is the word/document.xml of a package built
 * here (stored, so its CRC is right): mutations of the XML reach the reader's
 * document events instead of failing the zip's checksum.
 */
#include "fuzz_common.h"
#include "fuzz_sheet.h"

#include "import/sheet.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <zip.h>

/* A zip holding data as word/document.xml, newly allocated (*len bytes), or NULL. */
static char *wrap_document(const uint8_t *data, size_t size, size_t *len)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &zerr);
    zip_t *za = out ? zip_open_from_source(out, ZIP_TRUNCATE, &zerr) : NULL;
    char *bytes = NULL;
    zip_source_keep(out);
    zip_source_t *src = za ? zip_source_buffer(za, data, size, 0) : NULL;
    if (!src || zip_file_add(za, "word/document.xml", src, 0) < 0 ||
        zip_set_file_compression(za, 0, ZIP_CM_STORE, 0) < 0) {
        zip_source_free(src);
        zip_discard(za);
    } else if (zip_close(za) == 0) {
        zip_stat_t st;
        if (zip_source_stat(out, &st) == 0 && zip_source_open(out) == 0) {
            bytes = xmalloc(st.size + 1);
            *len = (size_t)zip_source_read(out, bytes, st.size);
            zip_source_close(out);
        }
    } else {
        zip_discard(za);
    }
    zip_source_free(out);
    zip_error_fini(&zerr);
    return bytes;
}

static void check_docx(const char *data, size_t size)
{
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    char *text = NULL;
    (void)sheet_looks_like_docx(data, size);
    if (sheet_read_docx(&sh, &text, data, size, "fuzz.docx", &e)) {
        if (sh.n || sh.rows || text)
            abort(); /* the contract: *sh left empty and no text on failure */
        return;
    }
    if (!text || !text_is_utf8(text, strlen(text), NULL) || sh.numeric)
        abort();
    size_t last = 0;
    for (size_t i = 0; i < sh.n; i++) {
        const struct sheet_row *r = &sh.rows[i];
        fuzz_check_row(r);
        if (r->line <= last)
            abort(); /* lines strictly increase */
        last = r->line;
        for (size_t j = 0; j < r->n; j++)
            if (strpbrk(r->cells[j], "\t\n\r"))
                abort(); /* tabs and line breaks only separate cells and lines */
    }
    free(text);
    sheet_release(&sh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        check_docx((const char *)data, size);
        return 0;
    }
    size_t len = 0;
    char *zip = wrap_document(data, size, &len);
    if (zip)
        check_docx(zip, len);
    free(zip);
    return 0;
}
