/*
 * docx: render an rdoc as a Word document (Office Open XML
 * WordprocessingML, .docx), written with libzip.
 *
 * The package is the ECMA-376 minimum plus settings: [Content_Types].xml,
 * _rels/.rels, word/document.xml, word/styles.xml, word/settings.xml,
 * word/footnotes.xml, word/_rels/document.xml.rels, docProps/core.xml and
 * docProps/app.xml. The page follows Vietnamese administrative documents:
 * A4 portrait, margins 2 cm top and bottom, 1.5 cm right, 3 cm left, Times
 * New Roman 13 pt (also for complex-script and East Asian text; 12 pt in
 * tables, 10 pt in footnotes).
 *
 * Mapping of the rdoc:
 *  - title: centered bold ("Title" style); subtitle: centered italic;
 *  - section titles: "Heading1", or "Heading2" when the title starts with a
 *    digit ("1. Tổng hợp kết quả" sits under "II. ...");
 *  - paragraphs: justified, first line indented; list items: "- text";
 *  - tables: full width, single borders, the header row bold, shaded and
 *    repeated on every page, numbers and percents right-aligned, dates
 *    centered, the total row bold, rows never split across pages; column
 *    widths fill the text width: each column gets its longest word, and the
 *    room left is shared by how much longer each column's text is;
 *  - footnotes: real Word footnotes. Each reference (a cell's or a
 *    paragraph's footnote) becomes its own footnote after the text, because
 *    Word numbers footnotes by reference; rdoc footnotes that nothing refers
 *    to are listed at the end of the body as "(n) text" so no text is lost;
 *  - annexes (rsection.annex): after the body and the frame's signature,
 *    each from a new page, as an office attaches them.
 *
 * Text is escaped for XML, invalid UTF-8 and characters that XML 1.0 does
 * not allow are dropped, line breaks become <w:br/> and tabs <w:tab/>.
 */
#ifndef GIAMSAT_DOCX_H
#define GIAMSAT_DOCX_H

#include "render/rdoc.h"
#include "util/err.h"

/**
 * Write d as a .docx document to path, replacing any file there.
 *
 * - d: the document (borrowed, not modified).
 * - path: the output file; its folder must exist.
 * - e: receives the message on failure.
 *
 * Returns 0, or ERR_STORAGE when the file cannot be written ("cannot write
 * 'x.docx': <libzip message>"; ERR_INTERNAL if a part could not be
 * formatted, which the unbounded buffers make a bug). libzip writes a
 * temporary file next to path and renames it, so on failure an existing
 * file at path is left as it was.
 */
int docx_write(const struct rdoc *d, const char *path, struct err *e);

#endif
