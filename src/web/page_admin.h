/*
 * page_admin: the administration pages (Quản trị) — what other pages need
 * of them: the navigation between the sub-pages (the audit log shows it
 * too) and a sub-page drawn again after one of its forms was refused
 * (page_alias.c). Everything else of page_admin.c is reached through its
 * routes (handlers.h).
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
 * sub-page of that form drawn again (a "user" form /admin/users, "token"
 * /admin/tokens, "alias" /admin/units): the error summary on top, af's
 * form filled with what was typed, HTTP status `status`. Returns -1, as
 * after an error response.
 */
int page_admin_refused(struct req *rq, struct resp *rs, struct admin_form *af, int status,
                       const char *field, const char *msg);

/**
 * The navigation between the admin sub-pages (/admin, /admin/users,
 * /admin/tokens, /admin/aliases, /admin/units, /admin/groups,
 * /admin/audit), the one whose path is `here` marked aria-current. Written
 * only for an administrator (others reach none of them but the audit log).
 */
void page_admin_nav(const struct req *rq, struct buf *b, const char *here);

#endif
