/*
 * page_document: on a directive document's page (/documents/:id), the
 * steering office's form for what the statistics report says of the
 * document (issue #14): the meeting where its tasks were given, the
 * meeting's date and a summary; and POST /documents/:id/info, which saves
 * them (CSRF-checked by the router, office roles only, audited).
 */
#ifndef GIAMSAT_PAGE_DOCUMENT_H
#define GIAMSAT_PAGE_DOCUMENT_H

#include "form.h"
#include "http.h"

#include "core/programme.h"

/* What the form shows: the document's fields, or what was typed when refused. */
struct document_form {
    struct form errors;                           /* prefix "doc"; empty unless refused */
    const char *meeting, *meeting_date, *summary; /* typed; NULL: the stored value */
};

/**
 * Append to b the form for document doc of p (nothing unless the user is
 * of the steering office): open when form holds errors.
 */
void page_document_form(const struct req *rq, struct buf *b, const struct prog_document *doc,
                        const struct document_form *form);

/**
 * The page of the document of the path (/documents/:id), with form's
 * errors and typed values when not NULL (h_document() passes NULL).
 * Implemented in page_units.c with the page.
 */
int page_document_show(struct req *rq, struct resp *rs, const struct document_form *form);

/** POST /documents/:id/info: save the fields, or show the page again with the errors (422). */
int h_document_info(struct req *rq, struct resp *rs);

#endif
