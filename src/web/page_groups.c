/* page_groups: group rules and unit aliases; see page_groups.h. */
#include "page_groups.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_registry.h"
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
    return resp_redirect(rs, "/admin/groups?saved=group");
}
