/* xml: escaping for XML and HTML; see xml.h. */
#include "xml.h"

#include <stdbool.h>
#include <string.h>

/* True for a byte written as itself. */
static bool is_plain(char c)
{
    return (unsigned char)c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
}

/* What a byte that is not plain becomes ("" for a control XML cannot carry). */
static const char *replacement(char c, enum xml_space space)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    case '\n':
        return space == XML_SPACE_KEEP ? "\n" : " ";
    case '\r':
        return space == XML_SPACE_KEEP ? "\r" : " ";
    case '\t':
        return space == XML_SPACE_KEEP ? "\t" : " ";
    default:
        return "";
    }
}

void xml_escape_n(struct buf *b, const char *s, size_t len, enum xml_space space)
{
    size_t i = 0;
    while (s && i < len && s[i]) {
        size_t run = 0;
        while (i + run < len && is_plain(s[i + run]))
            run++;
        buf_add(b, s + i, run);
        i += run;
        if (i < len && s[i])
            buf_adds(b, replacement(s[i++], space));
    }
}

void xml_escape(struct buf *b, const char *s, enum xml_space space)
{
    if (s)
        xml_escape_n(b, s, strlen(s), space);
}
