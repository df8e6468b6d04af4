/*
 * request_letter: the letter "Công văn đề nghị giải trình" (issue #15) that
 * carries a request for explanation to a unit, laid out as an rdoc so it
 * goes to DOCX (export/docx.h) like the other documents. Render layer: the
 * caller hands the request's texts over in struct request_letter.
 */
#ifndef GIAMSAT_REQUEST_LETTER_H
#define GIAMSAT_REQUEST_LETTER_H

#include "core/date.h"
#include "rdoc.h"

/* What the letter says; every string borrowed. */
struct request_letter {
    long id;
    const char *unit;    /* the unit asked, canonical name */
    const char *subject; /* "nhiệm vụ “…”" or "chỉ tiêu 11.1 “…”" */
    const char *content; /* what is to be explained */
    const char *number;  /* the letter's number and symbol, or NULL */
    struct date issued_on, due;
};

/**
 * Lay the letter l out into *d (RDOC_INIT; free with rdoc_release()):
 * number and date, "Kính gửi", the request, what the answer must hold
 * (explanation, remedy, new committed date) and the response deadline.
 * Text is copied.
 */
void request_letter_build(const struct request_letter *l, struct rdoc *d);

#endif
