/*
 * page_admin: the administration page (Quản trị) drawn again after one of
 * its forms was refused — what page_alias.c needs of it. Everything else
 * of page_admin.c is reached through its routes (handlers.h).
 */
#ifndef GIAMSAT_PAGE_ADMIN_H
#define GIAMSAT_PAGE_ADMIN_H

#include "form.h"
#include "http.h"

/*
 * A refused admin form: which one, its errors and what was typed (never a
 * password), so the page is drawn again with the error beside the field.
 * Strings are borrowed from the request.
 */
struct admin_form {
    const char *which;  /* "user", "token", "alias"; NULL: no form was refused */
    struct form errors; /* its prefix is `which` (field ids "user-username") */
    const char *username, *display, *name, *alias, *role;
    long agency_id;     /* the unit chosen, 0 for none */
};

/**
 * Record msg against field of af (form_error()) and answer with the admin
 * page drawn again: the error summary on top, af's form filled with what
 * was typed, HTTP status `status`. Returns -1, as after an error response.
 */
int page_admin_refused(struct req *rq, struct resp *rs, struct admin_form *af, int status,
                       const char *field, const char *msg);

#endif
