/*
 * docx_internal: shared by docx.c (document body, zip package) and
 * docx_xml.c (XML escaping and the fixed parts). Not for other modules.
 *
 * Every function appends to a caller-owned struct buf; the caller checks
 * buf_ok() once when the part is complete.
 */
#ifndef GIAMSAT_DOCX_INTERNAL_H
#define GIAMSAT_DOCX_INTERNAL_H

#include "render/rdoc.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

#define DOCX_XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* Page geometry, twips: A4 and the margins of Nghị định 30/2020/NĐ-CP (top and
 * bottom 20 mm, left 30 mm, right 15 mm), in either orientation. */
#define DOCX_PAGE_SHORT 11906
#define DOCX_PAGE_LONG 16838
#define DOCX_MARGIN_TOP 1134
#define DOCX_MARGIN_RIGHT 850
#define DOCX_MARGIN_BOTTOM 1134
#define DOCX_MARGIN_LEFT 1701
#define DOCX_TEXT_W(landscape)                                                                   \
    ((size_t)((landscape) ? DOCX_PAGE_LONG : DOCX_PAGE_SHORT) - DOCX_MARGIN_LEFT -               \
     DOCX_MARGIN_RIGHT)

/* The body being written and the footnotes it refers to (docx.c, docx_frame.c). */
struct docx_body {
    struct buf *b;
    const struct rdoc *d;
    size_t *refs; /* refs[k]: the rdoc footnote of Word footnote k + 1 */
    size_t n_refs, cap_refs;
    bool landscape;    /* orientation of the Word section being written */
    bool section_open; /* something was written since the last section break */
    bool first_section; /* no section break written yet (its first page has no number) */
};

/**
 * Append a paragraph in style (a styleId of docx_styles()) with alignment jc
 * (NULL: the style's), its text in one run with run properties rpr (NULL:
 * none), then a reference to rdoc footnote fn (0: none).
 */
void docx_para(struct docx_body *w, const char *style, const char *jc, const char *text,
               const char *rpr, size_t fn);

/**
 * The administrative frame of w->d (rdoc.frame, which must be on): the
 * heading (issuer, number, national motto, place and date, kind) before the
 * title, and the closing ("Nơi nhận:" beside the signature) after the body.
 */
void docx_frame_head(struct docx_body *w);
void docx_frame_close(struct docx_body *w);

/**
 * Append s[0..len) as XML character data: & < > " ' escaped; invalid UTF-8
 * and code points XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) dropped.
 */
void docx_xml_escape(struct buf *b, const char *s, size_t len);

/**
 * Append one run (w:r) holding text; rpr is the content of its w:rPr
 * ("<w:b/><w:bCs/>") or NULL. Line breaks become <w:br/>, tabs <w:tab/>.
 */
void docx_run(struct buf *b, const char *text, const char *rpr);

/** The parts that do not depend on the body; docx_core()'s title may be NULL. */
void docx_content_types(struct buf *b);
void docx_package_rels(struct buf *b);
void docx_document_rels(struct buf *b);
/** word/footer1.xml: the page number, centred. */
void docx_footer(struct buf *b);
void docx_styles(struct buf *b);
void docx_settings(struct buf *b);
void docx_core(struct buf *b, const char *title);
void docx_app(struct buf *b);

/**
 * word/footnotes.xml: the separator (-1) and continuation separator (0),
 * then footnote k (1-based) with the text of rdoc footnote refs[k - 1].
 */
void docx_footnotes(struct buf *b, const struct rdoc *d, const size_t *refs, size_t n_refs);

#endif
