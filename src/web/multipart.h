/*
 * multipart: a parser for multipart/form-data request bodies (RFC 7578,
 * with the framing of RFC 2046 section 5.1), the encoding browsers use to
 * upload a file. Pure: it reads a body already in memory and touches no
 * socket, so tests call it directly.
 *
 * The parser is strict where a lenient one would guess: delimiters and
 * header lines end with CRLF, the body must end with the closing
 * delimiter (a truncated upload is an error, never a shorter file), and
 * every part needs a Content-Disposition of form-data with a name. It is
 * bounded: at most MULTIPART_MAX_PARTS parts and MULTIPART_MAX_HEADER
 * bytes of headers per part.
 *
 * Ownership: the parts array and the name, filename and content-type
 * strings are allocated in the caller's arena; a part's data points into
 * the body (borrowed: valid as long as the body is). Data is binary and
 * may contain NUL bytes; use multipart_text() for a form field's text.
 */
#ifndef GIAMSAT_MULTIPART_H
#define GIAMSAT_MULTIPART_H

#include "util/arena.h"
#include "util/err.h"

#include <stddef.h>

#define MULTIPART_MAX_PARTS 32    /* parts per body */
#define MULTIPART_MAX_HEADER 8192 /* bytes of one part's header block */
#define MULTIPART_MAX_BOUNDARY 70 /* RFC 2046: 1 to 70 characters */

struct multipart_part {
    const char *name;         /* the form field's name (never empty) */
    const char *filename;     /* the file's name as sent, or NULL when not a file */
    const char *content_type; /* the part's Content-Type, "" when absent */
    const char *data;         /* the bytes, borrowed from the body; not NUL-terminated */
    size_t len;               /* bytes of data */
};

/**
 * The boundary parameter of a Content-Type header value
 * ("multipart/form-data; boundary=XYZ", optionally quoted), copied into
 * the arena as *out. ERR_INVALID when the type is not
 * multipart/form-data, or the boundary is missing, empty, longer than 70
 * characters or holds characters RFC 2046 does not allow.
 */
int multipart_boundary(struct arena *a, const char *content_type, const char **out, struct err *e);

/**
 * Split body[0..len) (borrowed) sent with content_type into its parts.
 * On success *parts (arena) holds *n parts in body order; *n may be 0
 * for a body with only the closing delimiter. ERR_INVALID with a message
 * saying what is wrong: no boundary, no opening delimiter, a header line
 * without CRLF, headers longer than MULTIPART_MAX_HEADER, a part without
 * a form-data name, more than MULTIPART_MAX_PARTS parts, or no closing
 * delimiter (truncated).
 */
int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
                    struct multipart_part **parts, size_t *n, struct err *e);

/** The first part named `name`, or NULL. */
const struct multipart_part *multipart_find(const struct multipart_part *parts, size_t n,
                                            const char *name);

/**
 * The data of the first part named `name` as text in the arena, into
 * *out; *out is NULL when there is no such part. Data that is not valid
 * UTF-8 or holds a NUL byte is ERR_INVALID, the message naming the field
 * (such text is refused, never emptied, as app_handle() does for
 * urlencoded fields).
 */
int multipart_text(struct arena *a, const struct multipart_part *parts, size_t n,
                   const char *name, const char **out, struct err *e);

#endif
