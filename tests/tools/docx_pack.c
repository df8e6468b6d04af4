/*
 * docx-pack: a test tool that builds a small Word document (.docx) from the
 * WordprocessingML written in a test, so shell tests can import DOCX files
 * without a word processor.
 *
 *   docx-pack OUT.docx < BODY
 *
 * BODY (standard input) is the content of <w:body> (paragraphs <w:p> and
 * tables <w:tbl>, the w: prefix bound to the WordprocessingML namespace);
 * when it starts with "<?xml" it is the whole word/document.xml instead.
 * The package gets [Content_Types].xml, _rels/.rels (officeDocument ->
 * word/document.xml) and word/document.xml, deflated. Exits 0, or 1 with a
 * message on stderr (2 on bad usage). The body is not checked: a test may
 * pack malformed XML on purpose.
 *
 * Test-only code: it is not linked into giamsat; it uses util/buf and
 * xalloc, and libzip.
 */
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static const char doc_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>";
static const char doc_tail[] = "</w:body></w:document>";

static int add(zip_t *za, const char *path, const char *text)
{
    zip_source_t *src = zip_source_buffer(za, text, strlen(text), 0);
    if (!src || zip_file_add(za, path, src, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(src);
        fprintf(stderr, "docx-pack: cannot add %s: %s\n", path, zip_strerror(za));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: docx-pack OUT.docx < BODY\n");
        return 2;
    }
    struct buf body = BUF_INIT, doc = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
        buf_add(&body, chunk, n);
    if (strncmp(body.data, "<?xml", 5) == 0) {
        buf_adds(&doc, body.data);
    } else {
        buf_adds(&doc, doc_head);
        buf_adds(&doc, body.data);
        buf_adds(&doc, doc_tail);
    }
    int err = 0, ret = 1;
    zip_t *za = zip_open(argv[1], ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za) {
        fprintf(stderr, "docx-pack: cannot create '%s' (libzip error %d)\n", argv[1], err);
    } else if (add(za, "[Content_Types].xml", content_types) || add(za, "_rels/.rels", rels) ||
               add(za, "word/document.xml", doc.data)) {
        zip_discard(za);
    } else if (zip_close(za) < 0) {
        fprintf(stderr, "docx-pack: cannot write '%s': %s\n", argv[1], zip_strerror(za));
        zip_discard(za);
    } else {
        ret = 0;
    }
    buf_release(&body);
    buf_release(&doc);
    return ret;
}
