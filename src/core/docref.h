/*
 * docref: references to directive documents (văn bản) as people write them.
 *
 * "Thông báo 56/TB-VPCP ngày 23/02/2025", "Thông báo số 56/TB-VPCP ngày
 * 23/02/2025", "Công điện số 103 ngày 30/6/2025" and "Công điện 103/CĐ-TTg
 * ngày 30/6/2025" must resolve to one record. A reference is read into its
 * kind (canonical spelling: "Công điện"), number ("103"), symbol ("CĐ-TTg",
 * may be absent) and date. Its identity key is kind + number without
 * leading zeros + date, so the symbol may be missing from some mentions.
 *
 * All char * fields are owned by the struct docref; docref_release() frees
 * them.
 */
#ifndef GIAMSAT_DOCREF_H
#define GIAMSAT_DOCREF_H

#include "date.h"
#include "util/err.h"

#include <stddef.h>

struct docref {
    char *kind;      /* canonical kind: "Chỉ thị", "Nghị quyết", ... */
    char *number;    /* digits as written: "07" */
    char *symbol;    /* "CT-TTg", or NULL when not written */
    char sep;        /* '/' or '-' between number and symbol ("57-NQ/TW") */
    struct date date;
    char *date_text; /* the date as written, in d/m/yyyy form: "14/3/2025" */
    char *original;  /* the reference text exactly as found */
};

#define DOCREF_INIT { NULL, NULL, NULL, '/', { 0, 0, 0 }, NULL, NULL }

/**
 * Parse one reference. Returns 0, or ERR_INVALID with a message naming the
 * text when no document kind and number can be read. On failure *out is
 * left released.
 */
int docref_parse(const char *text, struct docref *out, struct err *e);

/**
 * Parse a cell that names one or more documents, separated by ";" or by a
 * new document kind ("Chỉ thị số 07/CT-TTg ngày 14/3/2025; Nghị quyết 03/NQ-CP
 * ngày 09/01/2025"). Returns a newly allocated array of *n references
 * (free each with docref_release() and the array with free()); on failure
 * returns ERR_INVALID and *out is NULL.
 */
int docref_parse_list(const char *cell, struct docref **out, size_t *n, struct err *e);

/** The identity key ("chi thi|7|2025-03-14"); newly allocated. */
char *docref_key(const struct docref *r);

/** The canonical display name ("Chỉ thị số 07/CT-TTg ngày 14/3/2025"); newly allocated. */
char *docref_name(const struct docref *r);

/** Make a deep copy. */
void docref_copy(struct docref *dst, const struct docref *src);

void docref_release(struct docref *r);

#endif
