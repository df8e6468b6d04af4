/*
 * store_api: the queries the /api/v1 endpoints need beyond store.h — the
 * national indicators as imported (Phụ lục I).
 *
 * Same contracts as store.h: functions return 0 or a negative err kind
 * with the message in *e; returned arrays are owned by the caller and
 * freed with the function named in their comment.
 */
#ifndef GIAMSAT_STORE_API_H
#define GIAMSAT_STORE_API_H

#include "store.h"

#include <stddef.h>

/* One indicator (chỉ tiêu) as imported; every string owned. */
struct indicator_view {
    long id;
    char *code;        /* "11.1" */
    char *parent_code; /* "11", or NULL for a top-level indicator */
    char *name;
    char *unit;        /* "%", "Thứ bậc", ... ("" when none) */
    char *target_text; /* as written: "≥ 80", "≤ 3 Đông Nam Á; ≤ 50 Thế giới" */
    int horizon;       /* 2030, 2045, or 0 when unknown */
    char *agency;      /* canonical monitoring agency, else the cell as written ("" if none) */
    char *document;    /* canonical name of the source document, or NULL */
};

/**
 * Every indicator, by source document then import order. *out is a newly
 * allocated array (NULL when *n is 0); free with indicator_views_free().
 */
int store_indicators(struct db *db, struct indicator_view **out, size_t *n, struct err *e);
void indicator_views_free(struct indicator_view *v, size_t n);

#endif
