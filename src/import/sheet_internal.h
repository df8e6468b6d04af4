/*
 * sheet_internal: what the files of the sheet module share and nobody else
 * sees. Include only from src/import/sheet*.c.
 *
 * The module is split by format:
 *  - sheet.c: the rows of a struct sheet (release, append) and small parsing
 *    helpers shared by the readers;
 *  - sheet_csv.c: sheet_read_csv(), the only file that includes csv.h;
 *  - sheet_ooxml.c: the Office Open XML package of XLSX and DOCX files: the
 *    zip archive (libzip) and an event-driven XML driver (expat) that parses
 *    one part of it; the only file that includes zip.h and expat.h;
 *  - sheet_xlsx_style.c: the styles part: what each cell style's number
 *    format makes of a number (xlsx_load_styles());
 *  - sheet_xlsx.c: sheet_read_xlsx(): what the workbook, relationship,
 *    shared strings and worksheet parts mean, and how a number is written
 *    (sheet_number_vi());
 *  - sheet_docx.c: sheet_read_docx(): the tables and the text of a Word
 *    document.
 *
 * No library header is included here: struct ooxml names libzip's archive
 * by its struct tag, and struct xml_job is opaque outside sheet_ooxml.c.
 */
#ifndef GIAMSAT_SHEET_INTERNAL_H
#define GIAMSAT_SHEET_INTERNAL_H

#include "sheet.h"

#include "util/err.h"
#include "util/strvec.h"

#include <stdbool.h>
#include <stddef.h>

/* ------------------------------------------------------ rows (sheet.c) */

/**
 * Append the strings of v as a row numbered `line`, unless all of them are
 * blank. Takes ownership of v's strings in both cases and leaves v empty
 * (STRVEC_INIT), ready for the next row.
 * - numeric: NULL, or v->n flags (owned, freed if the row is not kept):
 *   which cells are XLSX plain numbers (sheet.h).
 */
void sheet_add_row(struct sheet *sh, size_t line, struct strvec *v, bool *numeric);

/**
 * Parse a decimal number of at most `max` into *out.
 * Returns false, leaving *out untouched, unless s is non-NULL, non-empty,
 * all ASCII digits and its value is <= max.
 */
bool sheet_parse_uint(const char *s, size_t max, size_t *out);

/* ------------------------------------ OOXML package (sheet_ooxml.c) */

struct zip; /* libzip's zip_t */

/* An open XLSX or DOCX package. The reader owns it on its stack. */
struct ooxml {
    const char *name;   /* file name, for messages (borrowed) */
    const char *format; /* "XLSX" or "DOCX", for messages (static) */
    struct zip *za;     /* the archive, reading from the caller's bytes; NULL until opened */
};

/** Close p's archive (if open); name and format are left alone. */
void ooxml_close(struct ooxml *p);

/**
 * Open the zip archive held in data[0..len) (borrowed: it must outlive p).
 * Returns 0, or ERR_INVALID "'NAME' is not a readable FORMAT file (...)"
 * when libzip cannot read it.
 */
int ooxml_open(struct ooxml *p, const char *data, size_t len, struct err *e);

/** True when the open package p has a part named `path` (ignoring case). */
bool ooxml_has_part(const struct ooxml *p, const char *path);

/**
 * Record ERR_INVALID "'NAME' is not a readable FORMAT file (DETAIL)" in e,
 * DETAIL being fmt formatted (cut at 511 bytes, first letter lower-cased).
 * Returns the (negative) error kind, for `return ooxml_unreadable(...)`.
 */
int ooxml_unreadable(const struct ooxml *p, struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** The parse of one part; opaque, handed to the callbacks of struct xml_ops. */
struct xml_job;

/*
 * What a part's parser does on each XML event. Element and attribute names
 * come without their namespace prefix. The callbacks are not called after
 * xml_fail().
 */
struct xml_ops {
    void (*start)(struct xml_job *job, const char *el, const char **atts);
    void (*end)(struct xml_job *job, const char *el);
    void (*text)(struct xml_job *job, const char *s, size_t len); /* NULL: ignore text */
};

/**
 * Parse part `path` of the open package p, calling ops with `state`.
 * - optional: a missing part is no error; state is then left untouched.
 * Returns 0, or ERR_INVALID when the part is missing (and not optional),
 * over SHEET_XLSX_PART_MAX bytes, unreadable, not well-formed XML, has a
 * DTD, or when a callback called xml_fail(); the message names the part and
 * the line.
 */
int ooxml_parse_part(const struct ooxml *p, const char *path, bool optional,
                     const struct xml_ops *ops, void *state, struct err *e);

/** The `state` given to ooxml_parse_part() (borrowed). */
void *xml_state(struct xml_job *job);

/**
 * Value of the attribute of atts (expat's NULL-terminated name/value list)
 * whose local name is `local`, or NULL. Borrowed; valid during the callback.
 */
const char *xml_attr(const char **atts, const char *local);

/**
 * Fail the parse: record ERR_INVALID "'NAME' is not a readable FORMAT file
 * (PART line N: DETAIL)", or "'NAME' is too large to import (...)" when
 * too_big, and stop the parser. Only the first failure is kept.
 */
void xml_fail(struct xml_job *job, bool too_big, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** An end callback that does nothing, for parts that only look at start tags. */
void xml_ignore_end(struct xml_job *job, const char *el);

/* ------------------------------------------ XLSX (sheet_xlsx*.c) */

/*
 * What the number format of a cell style (a cellXfs <xf>) makes of a number,
 * weakest first: a format that is both (a malformed file) counts as the later.
 */
enum xf_kind {
    XF_NUMBER,  /* anything else: the number itself */
    XF_PERCENT, /* a percent (built-in 9, 10, or '%' in the code) */
    XF_DATE,    /* a date (built-in 14-22, 45-47, or d, m, y in the code) */
};

/*
 * One workbook being read. sheet_read_xlsx() owns it on its stack; it opens
 * the package and the part parsers of sheet_xlsx.c fill the rest.
 */
struct xlsx {
    struct ooxml pkg;  /* the package ("XLSX") */
    bool date1904;     /* workbookPr date1904: serials count from 1904-01-01 */
    char *rid;         /* r:id of the first <sheet> of the workbook */
    char *sheet_part;  /* zip path of the first sheet, from the workbook rels */
    char *sst_part;    /* zip path of the shared strings, NULL = default */
    char *styles_part; /* zip path of the styles, NULL = default */
    struct strvec sst; /* shared strings, NFC */
    enum xf_kind *xf;  /* cellXfs index -> what its number format shows */
    size_t n_xf;       /* entries of xf, at most SHEET_XLSX_STYLES_MAX */
};


/**
 * Read the styles part (x->styles_part, else xl/styles.xml; a missing one is
 * no error) into x->xf and x->n_xf. Returns 0, or ERR_INVALID when the part
 * is unreadable (ooxml_parse_part()) or has more than SHEET_XLSX_STYLES_MAX
 * cell styles or custom number formats ("too large to import").
 */
int xlsx_load_styles(struct xlsx *x, struct err *e);

#endif
