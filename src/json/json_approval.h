/*
 * json_approval: the review of progress reports as JSON (issue #15), the
 * contract of `giamsat approval list --format json`. One item:
 *   {"report":ID,"task":ID,"task_name","unit","kind":"progress|done|reopen",
 *    "reported_on","needs_approval":bool,"state":"submitted|pending|rejected|
 *    accepted|returned","state_label",
 *    "steps":[{"step":"approve|reject|accept|return","on","comment","by"}]}
 * Functions return a newly allocated JSON text; free() it.
 */
#ifndef GIAMSAT_JSON_APPROVAL_H
#define GIAMSAT_JSON_APPROVAL_H

#include "store/store_approval.h"

/** One report's item, as in the list. */
char *json_review_item(const struct review_view *v);

/* What a client asks: POST /api/v1/progress/{id}/review {"step","comment"}. */
struct review_request {
    int step;      /* an enum review_step, or -1 when not given */
    char *comment; /* owned, or NULL */
};

/**
 * Read the body. ERR_INVALID, naming the field, for malformed JSON, an
 * unknown field, a missing or unknown step or a comment that is not a
 * string. Free out->comment.
 */
int json_read_review(const char *body, size_t len, struct review_request *out, struct err *e);

/** {"counting":"da_gui|da_chap_nhan|tat_ca","counting_label","reports":[item, ...]} */
char *json_review_list(const struct review_view *v, size_t n, enum count_policy policy);

#endif
