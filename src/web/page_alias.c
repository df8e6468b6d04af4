/*
 * page_alias: POST /admin/aliases — a name (from the unresolved names of an
 * import, or typed on the admin page) made an alias of a unit, and every
 * mention of it re-linked (store_alias_add, with its audit line). A name
 * that already belongs to another unit or a group is refused: an
 * administrator gets the admin units page again with the error beside the
 * field and what was typed (page_admin.h); the steering office, coming
 * from the import page, a page with the reason and a link back. After a
 * success the link back leads to where the form was: /admin/aliases (the
 * unresolved names, which post from=names), /admin/units or /import.
 */
#include "handlers.h"

#include "app.h"
#include "form.h"
#include "page.h"
#include "page_admin.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "util/strparse.h"
#include "util/text.h"

#include <limits.h>
#include <string.h>

/*
 * The alias form is on the import page and the admin page: an administrator
 * gets the admin page again with the error beside the field and what was
 * typed; anyone else (the import page) a page with the reason and a link back.
 */
static int alias_error(struct req *rq, struct resp *rs, int status, const char *field,
                       const char *msg, const char *back)
{
    if (access_can_admin(rq->who.role)) {
        struct admin_form af = { .which = "alias", .alias = req_form(rq, "alias") };
        const char *unit = req_form(rq, "agency");
        if (!unit || strparse_long(unit, 1, LONG_MAX, &af.agency_id))
            af.agency_id = 0;
        form_init(&af.errors, "alias");
        return page_admin_refused(rq, rs, &af, status, field, msg);
    }
    return page_error(rq, rs, status, "Lỗi: không thêm được tên gọi", "import", msg, back,
                      "Quay lại");
}

/* Index of the agency with database id `id`, or -1. */
static long agency_index(const struct registry *r, long id)
{
    for (size_t i = 0; i < r->n_agencies; i++)
        if (r->agencies[i].id == id)
            return (long)i;
    return -1;
}

/* 0 when alias can name agency idx without making the registry ambiguous; else 409. */
static int check_alias(struct req *rq, struct resp *rs, struct registry *r, size_t idx,
                       const char *alias, const char *back)
{
    struct err e = ERR_INIT;
    bool is_group = false;
    long owner = registry_lookup(r, alias, &is_group);
    if (owner >= 0 && (is_group || (size_t)owner != idx)) {
        const char *msg =
            arena_printf(rq->arena, "Tên “%s” đã là tên của %s “%s”", alias,
                         is_group ? "nhóm" : "đơn vị",
                         is_group ? r->groups[owner].name : r->agencies[owner].name);
        return alias_error(rq, rs, 409, "alias", msg, back);
    }
    strvec_push(&r->agencies[idx].aliases, alias);
    if (registry_build_index(r, &e) == 0)
        return 0;
    return alias_error(rq, rs, 409, "alias",
                       arena_printf(rq->arena, "Không thêm được tên “%s”: %s", alias, e.msg),
                       back);
}

/* The store's refusal of an alias, in Vietnamese. */
static const char *alias_store_msg(struct req *rq, const char *alias, const struct err *e)
{
    if (e->kind == ERR_CONFLICT)
        return arena_printf(rq->arena, "Tên “%s” đã là tên của một đơn vị khác", alias);
    if (e->kind == ERR_NOT_FOUND)
        return "Không có đơn vị đã chọn; chọn lại đơn vị";
    return arena_printf(rq->arena, "Không thêm được tên “%s”", alias);
}

/* Where the form was: /import, /admin/aliases (the unresolved names post from=names), /admin/units. */
static const char *back_of(const struct req *rq)
{
    const char *from = req_form(rq, "from");
    if (!access_can_admin(rq->who.role))
        return "/import";
    return from && !strcmp(from, "names") ? "/admin/aliases" : "/admin/units";
}

int h_admin_alias(struct req *rq, struct resp *rs)
{
    const char *back = back_of(rq);
    const char *alias = req_form(rq, "alias"), *unit = req_form(rq, "agency");
    long agency_id = 0;
    if (!unit || strparse_long(unit, 1, LONG_MAX, &agency_id))
        return alias_error(rq, rs, 400, "agency", "Chọn đơn vị", back);
    if (!alias || text_is_blank(alias) || strlen(alias) > 300)
        return alias_error(rq, rs, 400, "alias", "Nhập tên gọi khác (tối đa 300 ký tự)", back);
    struct db *db = app_db(rq, rs);
    struct registry *reg = db ? app_registry_load(rq, rs, db) : NULL;
    long idx = reg ? agency_index(reg, agency_id) : -1;
    if (!reg)
        return -1;
    if (idx < 0)
        return alias_error(rq, rs, 404, "agency", "Không có đơn vị đã chọn; chọn lại đơn vị", back);
    size_t active = registry_active(reg, (size_t)idx);
    if (check_alias(rq, rs, reg, (size_t)idx, alias, back))
        return -1;
    struct audit_entry a = app_audit(rq, "alias.add");
    size_t n_linked = 0;
    struct err e = ERR_INIT;
    if (store_alias_add(db, agency_id, reg->agencies[active].id, alias, &a, &n_linked, &e))
        return http_status_of(e.kind) >= 500 ? resp_err(rq, rs, &e)
                                             : alias_error(rq, rs, http_status_of(e.kind), "alias",
                                                           alias_store_msg(rq, alias, &e), back);
    struct buf *b = &rs->body;
    page_begin(rq, rs, "Đã thêm tên gọi", "admin");
    buf_adds(b, "<div class=\"notice\" role=\"status\"><p>Tên gọi “");
    page_text(b, alias);
    buf_adds(b, "” nay chỉ đơn vị ");
    page_text(b, reg->agencies[idx].name);
    buf_addf(b,
             ". Đã gắn lại <strong id=\"linked\">%zu</strong> lượt nêu tên trong các nhiệm vụ."
             "</p></div><p><a href=\"",
             n_linked);
    page_attr(b, back);
    buf_adds(b, "\">Quay lại</a></p>");
    page_end(rq, rs);
    return 0;
}
