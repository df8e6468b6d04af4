/* page_groups: group rules and unit aliases; see page_groups.h. */
#include "page_groups.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "store/store_admin.h"
#include "util/strparse.h"
#include "util/text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static void group_row(const struct req *rq, struct buf *b, const struct registry *r, size_t i)
{
    size_t *members = NULL, n = 0;
    registry_expand(r, i, &members, &n);
    free(members);
    buf_adds(b, "<tr><td>");
    page_text(b, r->groups[i].name);
    buf_addf(b, "</td><td><form method=\"post\" action=\"/admin/groups/%ld\">", r->groups[i].id);
    page_csrf(rq, b);
    buf_addf(b, "<label for=\"rule-%ld\">Quy tắc của nhóm</label><input id=\"rule-%ld\""
                " name=\"rule\" maxlength=\"2000\" value=\"",
             r->groups[i].id, r->groups[i].id);
    page_attr(b, r->groups[i].rule);
    buf_addf(b, "\"/> <button type=\"submit\" class=\"secondary\">Lưu quy tắc</button></form>"
                "</td><td class=\"num\">%zu</td></tr>",
             n);
}

void page_admin_groups(const struct req *rq, struct buf *b, const struct registry *r)
{
    buf_adds(b, "<section id=\"nhom\"><h2>Nhóm đơn vị</h2><p class=\"hint\">Quy tắc gồm các"
                " điều kiện nối bằng dấu +: <code>kind:bo_nganh</code> (theo khối),"
                " <code>tag:…</code> (theo nhãn), <code>unit:Tên đơn vị</code>. Lưu quy tắc"
                " sẽ mở rộng lại mọi nhiệm vụ do nhóm chủ trì: đơn vị mới được giao, đơn vị"
                " không còn trong nhóm bị rút (giữ lịch sử báo cáo).</p><table><thead><tr>"
                "<th scope=\"col\">Nhóm</th><th scope=\"col\">Quy tắc</th>"
                "<th scope=\"col\" class=\"num\">Số đơn vị</th></tr></thead><tbody>");
    for (size_t i = 0; i < r->n_groups; i++)
        group_row(rq, b, r, i);
    buf_adds(b, "</tbody></table></section>");
}

/* POST /admin/groups/:id: a new rule for the group, re-expanded on its tasks, audited. */
int h_admin_group_rule(struct req *rq, struct resp *rs)
{
    long id = 0;
    const char *rule = req_form(rq, "rule");
    if (strparse_long(rq->params[0], 1, LONG_MAX, &id))
        return resp_error(rq, rs, 404, "Không có nhóm đơn vị này.");
    if (!rule)
        return resp_error(rq, rs, 400, "Biểu mẫu thiếu trường “Quy tắc”.");
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct registry reg = REGISTRY_INIT;
    struct audit_entry a = app_audit(rq, "group.rule");
    struct err e = ERR_INIT;
    int ret = store_load_registry(db, &reg, &e);
    if (!ret)
        ret = store_group_set_rule(db, &reg, id, rule, &a, &e);
    registry_release(&reg);
    if (ret)
        return resp_err(rq, rs, &e);
    return resp_redirect(rs, "/admin?saved=group#nhom");
}

/* ---- alias: map a name to a unit ----------------------------------------------------- */


/* The alias form is on the import page and the admin page: back goes to the one used. */
static int alias_error(struct req *rq, struct resp *rs, int status, const char *msg,
                       const char *back)
{
    return page_error(rq, rs, status, "Không thêm được tên gọi",
                      strcmp(back, "/import") ? "admin" : "import", msg, back, "Quay lại");
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
        err_set(&e, ERR_CONFLICT, "the name '%s' already belongs to '%s'", alias,
                is_group ? r->groups[owner].name : r->agencies[owner].name);
        return alias_error(rq, rs, 409, e.msg, back);
    }
    strvec_push(&r->agencies[idx].aliases, alias);
    if (registry_build_index(r, &e) == 0)
        return 0;
    return alias_error(rq, rs, 409, e.msg, back);
}

int h_admin_alias(struct req *rq, struct resp *rs)
{
    const char *back = access_can_admin(rq->who.role) ? "/admin#don-vi" : "/import";
    const char *alias = req_form(rq, "alias"), *unit = req_form(rq, "agency");
    long agency_id = 0;
    if (!unit || strparse_long(unit, 1, LONG_MAX, &agency_id))
        return alias_error(rq, rs, 400, "Hãy chọn đơn vị.", back);
    if (!alias || text_is_blank(alias) || strlen(alias) > 300)
        return alias_error(rq, rs, 400, "Hãy nhập tên gọi (tối đa 300 ký tự).", back);
    struct db *db = app_db(rq, rs);
    struct registry *reg = db ? app_registry_load(rq, rs, db) : NULL;
    long idx = reg ? agency_index(reg, agency_id) : -1;
    if (!reg)
        return -1;
    if (idx < 0)
        return alias_error(rq, rs, 404, "Không có đơn vị này.", back);
    size_t active = registry_active(reg, (size_t)idx);
    if (check_alias(rq, rs, reg, (size_t)idx, alias, back))
        return -1;
    struct audit_entry a = app_audit(rq, "alias.add");
    size_t n_linked = 0;
    struct err e = ERR_INIT;
    if (store_alias_add(db, agency_id, reg->agencies[active].id, alias, &a, &n_linked, &e))
        return http_status_of(e.kind) >= 500 ? resp_err(rq, rs, &e)
                                             : alias_error(rq, rs, http_status_of(e.kind), e.msg, back);
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
