/*
 * page_audit: Nhật ký thao tác (/admin/audit) — the latest audit lines,
 * newest first, for the steering office and administrators. Before and
 * after texts are escaped and, when long, folded into <details>. The
 * log is append-only: this page only reads it.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "store/store.h"

#include <string.h>

#define AUDIT_LINES 200 /* lines on the audit page */
#define AUDIT_SHOWN 300 /* bytes of a before/after text shown before "more" */

/* One table cell holding text s, escaped. */
static void cell(struct buf *b, const char *s)
{
    buf_adds(b, "<td>");
    page_text(b, s);
    buf_adds(b, "</td>");
}

/* A before/after text: in full when short, else its start with the rest in <details>. */
static void long_text(struct req *rq, struct buf *b, const char *s)
{
    size_t len = strlen(s), cut = AUDIT_SHOWN;
    if (len <= AUDIT_SHOWN) {
        page_text(b, s);
        return;
    }
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--; /* never cut inside a UTF-8 sequence */
    buf_adds(b, "<details><summary>");
    page_text(b, arena_strndup(rq->arena, s, cut));
    buf_adds(b, "…</summary>");
    page_text(b, s);
    buf_adds(b, "</details>");
}

static void audit_row(struct req *rq, struct buf *b, const struct audit_view *v)
{
    buf_adds(b, "<tr>");
    cell(b, v->at);
    cell(b, v->actor);
    cell(b, v->action);
    buf_adds(b, "<td>");
    page_text(b, v->entity);
    if (v->entity_id)
        buf_addf(b, " #%ld", v->entity_id);
    buf_adds(b, "</td><td>");
    long_text(rq, b, v->before);
    buf_adds(b, "</td><td>");
    long_text(rq, b, v->after);
    buf_adds(b, "</td>");
    cell(b, v->client);
    buf_adds(b, "</tr>");
}

int h_admin_audit(struct req *rq, struct resp *rs)
{
    struct db *db = app_db(rq, rs);
    struct audit_view *v = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (!db)
        return -1;
    if (store_audit_list(db, AUDIT_LINES, &v, &n, &e))
        return resp_err(rq, rs, &e);
    struct buf *b = &rs->body;
    page_begin(rq, rs, "Nhật ký thao tác", "admin");
    buf_addf(b,
             "<p>%d thao tác gần nhất, mới nhất trước. Nhật ký chỉ được ghi thêm, không sửa"
             " hay xóa được.</p><table class=\"audit\"><thead><tr><th>Thời gian (UTC)</th>"
             "<th>Người thực hiện</th><th>Thao tác</th><th>Đối tượng</th><th>Trước</th>"
             "<th>Sau</th><th>Địa chỉ</th></tr></thead><tbody>",
             AUDIT_LINES);
    for (size_t i = 0; i < n; i++)
        audit_row(rq, b, &v[i]);
    buf_adds(b, "</tbody></table>");
    page_end(rq, rs);
    audit_views_free(v, n);
    return 0;
}
