/*
 * xml: escaping text for XML and (polyglot) HTML — text and double- or
 * single-quoted attribute values alike. & < > " ' become entities; C0
 * control characters other than tab, line feed and carriage return are
 * dropped, since XML 1.0 cannot carry them; the three kept ones are
 * written as themselves or as a space (enum xml_space). Runs of plain
 * bytes are copied at once (pages escape a lot of text).
 *
 * Renderers with their own needs keep their own: render/html.c turns line
 * breaks into <br/>, export/docx_xml.c also repairs invalid UTF-8.
 */
#ifndef GIAMSAT_XML_H
#define GIAMSAT_XML_H

#include "buf.h"

#include <stddef.h>

enum xml_space {
    XML_SPACE_KEEP,  /* tab, LF, CR written as themselves */
    XML_SPACE_BLANK, /* each written as one space (labels drawn on one line) */
};

/** Append the first len bytes of s (stopping at a NUL) escaped; s may be NULL. */
void xml_escape_n(struct buf *b, const char *s, size_t len, enum xml_space space);
/** xml_escape_n() of the whole string. */
void xml_escape(struct buf *b, const char *s, enum xml_space space);

#endif
