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

#include <stddef.h>

#define DOCX_XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

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
