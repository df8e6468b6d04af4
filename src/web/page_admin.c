/*
 * page_admin: Quản trị — accounts, API tokens, units with their aliases,
 * the names imports could not resolve, and the group rules, each on its
 * own sub-page (/admin/users, /admin/tokens, /admin/aliases, /admin/units,
 * /admin/groups) under a navigation that marks the current one; /admin
 * is an overview linking to them (its old section anchors are kept on the
 * links). The audit log (/admin/audit) is in page_audit.c.
 *
 * The unit list for mapping an unresolved name starts empty (nothing is
 * chosen by accident) and offers the units whose names are nearest the
 * name first (core/similar.h similar_nearest()), then all the others.
 *
 * Every write here is one store call that commits the change together
 * with its audit line. Secrets (a generated password, an API token) are
 * shown once on the page that answers the POST and never stored in
 * clear. The alias forms post to /admin/aliases (h_admin_alias in
 * page_alias.c), which re-links what an import could not resolve.
 *
 * A refused form draws the page again (its status 400/404/409) with the
 * error summary at the top, the message beside the field and what was
 * typed (never a password). "Khóa" and "Đặt lại mật khẩu" ask first: the
 * first POST answers with a confirmation page whose button posts
 * confirm=1.
 */
#include "handlers.h"

#include "page_admin.h"
#include "page_groups.h"

#include "app.h"
#include "core/similar.h"
#include "form.h"
#include "page.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_query.h"
#include "store/store_registry.h"
#include "util/crypto.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWORD_LEN 14 /* generated passwords */
#define PASSWORD_MIN 10 /* chosen passwords */

/* Everything the administration page lists, released with the request. */
struct admin_data {
    struct user_record *users;
    size_t n_users;
    struct token_record *tokens;
    size_t n_tokens;
    struct agency_view *agencies;
    size_t n_agencies;
    struct unresolved_view *unresolved;
    size_t n_unresolved;
    struct registry reg;
    /* the names of the active units (canonical and aliases) as match keys, for suggestions */
    char **keys;
    size_t *key_unit; /* index into agencies of keys[i] */
    size_t n_keys;
};

/* The sub-pages, in the order of the admin navigation. */
enum admin_part { PART_HOME, PART_USERS, PART_TOKENS, PART_NAMES, PART_UNITS, PART_GROUPS };

static const struct admin_tab {
    const char *href, *label, *anchor; /* anchor: the section's id on the one-page admin */
} tabs[] = {
    [PART_HOME] = { "/admin", "Tổng quan", NULL },
    [PART_USERS] = { "/admin/users", "Tài khoản", "nguoi-dung" },
    [PART_TOKENS] = { "/admin/tokens", "Mã truy cập API", "ma-api" },
    [PART_NAMES] = { "/admin/aliases", "Tên chưa xác định", "chua-xac-dinh" },
    [PART_UNITS] = { "/admin/units", "Đơn vị", "don-vi" },
    [PART_GROUPS] = { "/admin/groups", "Nhóm đơn vị", "nhom" },
};

#define N_SUGGESTED 5 /* units offered first for an unresolved name */

static int admin_page(struct req *rq, struct resp *rs, const struct admin_form *af,
                      enum admin_part part);

static void admin_data_free_cb(void *p)
{
    struct admin_data *d = p;
    user_records_free(d->users, d->n_users);
    token_records_free(d->tokens, d->n_tokens);
    agency_views_free(d->agencies, d->n_agencies);
    unresolved_views_free(d->unresolved, d->n_unresolved);
    registry_release(&d->reg);
    for (size_t i = 0; i < d->n_keys; i++)
        free(d->keys[i]);
    free(d->keys);
    free(d->key_unit);
}

static struct audit_entry audit_of(const struct req *rq, const char *action, const char *entity,
                                   const char *before, const char *after)
{
    struct audit_entry a = app_audit(rq, action);
    a.entity = entity;
    a.before = before;
    a.after = after;
    return a;
}

/* A page with an error summary and a link back to the administration page. */
static int error_page(struct req *rq, struct resp *rs, int status, const char *msg)
{
    return page_error(rq, rs, status, "Quản trị", "admin", msg, "/admin",
                      "Quay lại trang quản trị");
}

void page_admin_nav(const struct req *rq, struct buf *b, const char *here)
{
    if (!access_can_admin(rq->who.role))
        return;
    buf_adds(b, "<nav class=\"subnav\" aria-label=\"Các mục quản trị\"><ul>");
    for (size_t i = 0; i < sizeof(tabs) / sizeof(*tabs); i++)
        buf_addf(b, "<li><a href=\"%s\"%s>%s</a></li>", tabs[i].href,
                 !strcmp(here, tabs[i].href) ? " aria-current=\"page\"" : "", tabs[i].label);
    buf_addf(b, "<li><a href=\"/admin/audit\"%s>Nhật ký thao tác</a></li></ul></nav>",
             !strcmp(here, "/admin/audit") ? " aria-current=\"page\"" : "");
}

static int error_from(struct req *rq, struct resp *rs, const struct err *e)
{
    return error_page(rq, rs, http_status_of(e->kind), e->msg);
}

int page_admin_refused(struct req *rq, struct resp *rs, struct admin_form *af, int status,
                       const char *field, const char *msg)
{
    form_error(&af->errors, field, msg);
    buf_reset(&rs->body);
    rs->n_headers = 0;
    enum admin_part part = !strcmp(af->which, "user")    ? PART_USERS
                           : !strcmp(af->which, "token") ? PART_TOKENS
                                                         : PART_UNITS;
    if (admin_page(rq, rs, af, part))
        return -1;
    rs->status = status;
    return -1;
}

/* The form's own fields when it was the one refused, else an empty form with its prefix. */
static const struct form *errors_of(const struct admin_form *af, const char *which,
                                    struct form *none)
{
    form_init(none, which);
    return af && af->which && !strcmp(af->which, which) ? &af->errors : none;
}

/* A typed value of the refused form `which`, or NULL. */
static const char *typed(const struct admin_form *af, const char *which, const char *value)
{
    return af && af->which && !strcmp(af->which, which) ? value : NULL;
}

/* One table cell holding text s, escaped. */
static void cell(struct buf *b, const char *s)
{
    buf_adds(b, "<td>");
    page_text(b, s);
    buf_adds(b, "</td>");
}

/* ---- form pieces --------------------------------------------------------------------- */

/* The active units (no successor), for a select named "agency" (chosen selected). */
static void unit_select(struct buf *b, const struct form *f, const char *label,
                        const struct admin_data *d, bool blank, long chosen)
{
    form_select_open(b, f, &(struct form_field){ .name = "agency", .label = label });
    if (blank)
        form_option(b, "", "— Không gắn đơn vị —", chosen == 0);
    for (size_t i = 0; i < d->n_agencies; i++) {
        if (d->agencies[i].successor)
            continue;
        char id[32];
        snprintf(id, sizeof(id), "%ld", d->agencies[i].id);
        form_option(b, id, d->agencies[i].name, d->agencies[i].id == chosen);
    }
    form_select_close(b);
}

/* The role and unit fields of the user and token forms (role, agency: as typed, or NULL). */
static void role_unit_fields(struct buf *b, const struct form *f, const struct admin_data *d,
                             const char *role, long agency_id)
{
    enum role chosen = role ? role_parse(role) : ROLE_UNIT;
    form_select_open(b, f, &(struct form_field){ .name = "role", .label = "Vai trò" });
    for (int r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
        form_option(b, role_name((enum role)r), role_label((enum role)r), r == (int)chosen);
    form_select_close(b);
    unit_select(b, f, "Đơn vị (cho vai trò Đơn vị)", d, true, agency_id);
}

/* ---- users --------------------------------------------------------------------------- */

static void user_action(const struct req *rq, struct buf *b, const struct user_record *u,
                        const char *action, const char *label)
{
    buf_addf(b, "<form method=\"post\" action=\"/admin/users/%ld\">", u->id);
    page_csrf(rq, b);
    buf_addf(b,
             "<input type=\"hidden\" name=\"action\" value=\"%s\"/><button type=\"submit\""
             " class=\"secondary\" aria-label=\"%s: ",
             action, label);
    page_attr(b, u->username);
    buf_addf(b, "\">%s</button></form>", label);
}

static void user_row(const struct req *rq, struct buf *b, const struct user_record *u)
{
    buf_adds(b, "<tr>");
    cell(b, u->username);
    cell(b, u->display);
    cell(b, role_label(role_parse(u->role)));
    cell(b, u->agency);
    buf_addf(b, "<td>%s</td><td>", u->active ? "Đang hoạt động" : "Đã khóa");
    user_action(rq, b, u, "reset", "Đặt lại mật khẩu");
    if (!u->active)
        user_action(rq, b, u, "enable", "Mở khóa");
    else if (u->id != rq->who.user_id)
        user_action(rq, b, u, "disable", "Khóa");
    buf_adds(b, "</td></tr>");
}

static void users_section(const struct req *rq, struct buf *b, const struct admin_data *d,
                          const struct admin_form *af)
{
    struct form none;
    const struct form *f = errors_of(af, "user", &none);
    buf_adds(b, "<section id=\"nguoi-dung\"><h2>Tài khoản</h2><table><thead><tr>"
                "<th>Tên đăng nhập</th><th>Tên hiển thị</th><th>Vai trò</th><th>Đơn vị</th>"
                "<th>Trạng thái</th><th>Thao tác</th></tr></thead><tbody>");
    for (size_t i = 0; i < d->n_users; i++)
        user_row(rq, b, &d->users[i]);
    buf_adds(b, "</tbody></table><h3 id=\"them-tai-khoan\">Thêm tài khoản</h3><form"
                " method=\"post\" action=\"/admin/users\">");
    page_csrf(rq, b);
    form_input(b, f, "text",
               &(struct form_field){ .name = "username", .label = "Tên đăng nhập",
                                     .hint = "Chữ cái không dấu, chữ số, . _ - @",
                                     .value = typed(af, "user", af ? af->username : NULL),
                                     .required = true,
                                     .raw_attrs = " maxlength=\"64\" autocomplete=\"off\"" });
    form_input(b, f, "text",
               &(struct form_field){ .name = "display", .label = "Tên hiển thị",
                                     .value = typed(af, "user", af ? af->display : NULL),
                                     .raw_attrs = " maxlength=\"200\"" });
    role_unit_fields(b, f, d, typed(af, "user", af ? af->role : NULL),
                     typed(af, "user", "") ? af->agency_id : 0);
    form_input(b, f, "password",
               &(struct form_field){ .name = "password", .label = "Mật khẩu",
                                     .hint = "Để trống để hệ thống tạo mật khẩu (chỉ hiện một"
                                             " lần); nếu tự đặt, ít nhất 10 ký tự.",
                                     .raw_attrs = " autocomplete=\"new-password\"" });
    buf_adds(b, "<button type=\"submit\">Thêm tài khoản</button></form></section>");
}

/* ---- API tokens ---------------------------------------------------------------------- */

static void token_row(const struct req *rq, struct buf *b, const struct token_record *t)
{
    buf_addf(b, "<tr><td class=\"num\">%ld</td>", t->id);
    cell(b, t->name);
    cell(b, role_label(role_parse(t->role)));
    cell(b, t->agency);
    cell(b, t->created_at);
    buf_addf(b, "<td>%s</td><td>", t->revoked ? "Đã thu hồi" : "Đang dùng");
    if (!t->revoked) {
        buf_addf(b, "<form method=\"post\" action=\"/admin/tokens/%ld/revoke\">", t->id);
        page_csrf(rq, b);
        buf_adds(b, "<button type=\"submit\" class=\"secondary\" aria-label=\"Thu hồi mã ");
        page_attr(b, t->name);
        buf_adds(b, "\">Thu hồi</button></form>");
    }
    buf_adds(b, "</td></tr>");
}

static void tokens_section(const struct req *rq, struct buf *b, const struct admin_data *d,
                           const struct admin_form *af)
{
    struct form none;
    const struct form *f = errors_of(af, "token", &none);
    buf_adds(b, "<section id=\"ma-api\"><h2>Mã truy cập API</h2><p>Hệ thống khác gửi mã trong"
                " tiêu đề <code>Authorization: Bearer …</code>. Mã chỉ hiện một lần khi tạo;"
                " chỉ bản băm được lưu.</p><table><thead><tr><th class=\"num\">Số</th><th>Tên</th>"
                "<th>Vai trò</th><th>Đơn vị</th><th>Tạo lúc</th><th>Trạng thái</th>"
                "<th>Thao tác</th></tr></thead><tbody>");
    for (size_t i = 0; i < d->n_tokens; i++)
        token_row(rq, b, &d->tokens[i]);
    buf_adds(b, "</tbody></table><h3 id=\"tao-ma\">Tạo mã truy cập</h3><form method=\"post\""
                " action=\"/admin/tokens\">");
    page_csrf(rq, b);
    form_input(b, f, "text",
               &(struct form_field){ .name = "name", .label = "Tên (hệ thống sử dụng)",
                                     .value = typed(af, "token", af ? af->name : NULL),
                                     .required = true, .raw_attrs = " maxlength=\"100\"" });
    role_unit_fields(b, f, d, typed(af, "token", af ? af->role : NULL),
                     typed(af, "token", "") ? af->agency_id : 0);
    buf_adds(b, "<button type=\"submit\">Tạo mã</button></form></section>");
}

/* ---- units, aliases, unresolved names, groups ---------------------------------------- */

static void agency_row(struct buf *b, const struct agency_view *a)
{
    buf_adds(b, "<tr>");
    cell(b, a->name);
    cell(b, agency_kind_label(a->kind));
    buf_adds(b, "<td>");
    for (size_t k = 0; k < a->aliases.n; k++) {
        if (k)
            buf_adds(b, "; ");
        page_text(b, a->aliases.items[k]);
    }
    buf_adds(b, "</td>");
    cell(b, a->successor ? a->successor : "");
    buf_addf(b, "<td class=\"num\">%ld</td></tr>", a->lead_tasks);
}

static void alias_form(const struct req *rq, struct buf *b, const struct admin_data *d,
                       const struct admin_form *af)
{
    struct form none;
    const struct form *f = errors_of(af, "alias", &none);
    buf_adds(b, "<h3>Thêm tên gọi khác cho một đơn vị</h3><form method=\"post\""
                " action=\"/admin/aliases\">");
    page_csrf(rq, b);
    unit_select(b, f, "Đơn vị", d, false, typed(af, "alias", "") ? af->agency_id : 0);
    form_input(b, f, "text",
               &(struct form_field){ .name = "alias", .label = "Tên gọi khác",
                                     .value = typed(af, "alias", af ? af->alias : NULL),
                                     .required = true, .raw_attrs = " maxlength=\"300\"" });
    buf_adds(b, "<button type=\"submit\">Thêm tên gọi</button></form>");
}

static void units_section(const struct req *rq, struct buf *b, const struct admin_data *d,
                          const struct admin_form *af)
{
    buf_adds(b, "<section id=\"don-vi\"><h2>Đơn vị và tên gọi khác</h2>");
    alias_form(rq, b, d, af);
    buf_adds(b, "<table><thead><tr><th>Đơn vị</th><th>Khối</th><th>Tên gọi khác</th>"
                "<th>Nay thuộc</th><th class=\"num\">Nhiệm vụ chủ trì</th></tr></thead><tbody>");
    for (size_t i = 0; i < d->n_agencies; i++)
        agency_row(b, &d->agencies[i]);
    buf_adds(b, "</tbody></table></section>");
}

/* Index i of d->agencies is an active unit (no successor). */
static bool is_active(const struct admin_data *d, size_t i)
{
    return !d->agencies[i].successor;
}

/* The match keys of every active unit's names, once per request. */
static void prepare_keys(struct admin_data *d)
{
    size_t cap = 0, cap_unit = 0;
    for (size_t i = 0; i < d->n_agencies; i++) {
        if (!is_active(d, i))
            continue;
        for (size_t k = 0; k <= d->agencies[i].aliases.n; k++) {
            const char *name = k ? d->agencies[i].aliases.items[k - 1] : d->agencies[i].name;
            size_t at = d->n_keys++;
            ALLOC_GROW(d->keys, d->n_keys, cap);
            ALLOC_GROW(d->key_unit, d->n_keys, cap_unit);
            d->keys[at] = text_match_key(name);
            d->key_unit[at] = i;
        }
    }
}

/* The units nearest text (indices into d->agencies, best first, each once); returns how many. */
static size_t nearest_units(const struct admin_data *d, const char *text, size_t *out)
{
    size_t hits[4 * N_SUGGESTED], n_out = 0;
    char *key = text_match_key(text);
    size_t n = similar_nearest(key, (const char *const *)d->keys, d->n_keys, SIMILAR_OFFER,
                               sizeof(hits) / sizeof(*hits), hits);
    free(key);
    for (size_t i = 0; i < n && n_out < N_SUGGESTED; i++) {
        size_t unit = d->key_unit[hits[i]], j = 0;
        while (j < n_out && out[j] != unit)
            j++;
        if (j == n_out)
            out[n_out++] = unit;
    }
    return n_out;
}

static void unit_option(struct buf *b, const struct agency_view *a)
{
    char id[32];
    snprintf(id, sizeof(id), "%ld", a->id);
    form_option(b, id, a->name, false);
}

/* The unit list for mapping text: empty first, then the nearest units, then the others. */
static void mapping_select(struct buf *b, const struct form *f, const struct admin_data *d,
                           const char *text)
{
    size_t near[N_SUGGESTED];
    size_t n_near = nearest_units(d, text, near);
    form_select_open(b, f, &(struct form_field){ .name = "agency", .label = "Đơn vị",
                                                 .required = true });
    form_option(b, "", "— Chọn đơn vị —", true);
    if (n_near) {
        form_raw(b, "<optgroup label=\"Gần giống nhất\">");
        for (size_t i = 0; i < n_near; i++)
            unit_option(b, &d->agencies[near[i]]);
        form_raw(b, "</optgroup><optgroup label=\"Các đơn vị khác\">");
    }
    for (size_t i = 0; i < d->n_agencies; i++) {
        size_t j = 0;
        while (j < n_near && near[j] != i)
            j++;
        if (is_active(d, i) && j == n_near)
            unit_option(b, &d->agencies[i]);
    }
    if (n_near)
        form_raw(b, "</optgroup>");
    form_select_close(b);
}

/* One distinct unresolved text (rows [from, to) of d->unresolved) with its mapping form. */
static void unresolved_item(const struct req *rq, struct buf *b, const struct admin_data *d,
                            size_t from, size_t to)
{
    const struct unresolved_view *v = d->unresolved;
    buf_adds(b, "<tr>");
    cell(b, v[from].text);
    buf_adds(b, "<td>");
    for (size_t i = from; i < to; i++)
        buf_addf(b, "%s<a href=\"/tasks/%ld\">nhiệm vụ %ld</a> (dòng %ld, %s)",
                 i > from ? "; " : "", v[i].task_id, v[i].task_id, v[i].line,
                 v[i].lead ? "chủ trì" : "phối hợp");
    buf_adds(b, "</td><td><form method=\"post\" action=\"/admin/aliases\">");
    page_csrf(rq, b);
    buf_adds(b, "<input type=\"hidden\" name=\"alias\" value=\"");
    page_attr(b, v[from].text);
    buf_adds(b, "\"/>");
    form_hidden(b, "from", "names");
    struct form f;
    form_init(&f, arena_printf(rq->arena, "map-%zu", from));
    mapping_select(b, &f, d, v[from].text);
    buf_adds(b, " <button type=\"submit\">Gắn</button></form></td></tr>");
}

static void unresolved_section(const struct req *rq, struct buf *b, const struct admin_data *d)
{
    buf_adds(b, "<section id=\"chua-xac-dinh\"><h2>Tên đơn vị chưa xác định</h2>");
    if (!d->n_unresolved) {
        buf_adds(b, "<p>Mọi tên đơn vị trong các lần nhập đều đã xác định.</p></section>");
        return;
    }
    buf_adds(b, "<p>Gắn mỗi tên với một đơn vị: tên đó được thêm làm tên gọi khác của đơn vị,"
                " và các nhiệm vụ nêu tên đó được giao cho đơn vị.</p><table><thead><tr>"
                "<th>Tên như trong tệp</th><th>Nhiệm vụ</th><th>Gắn với đơn vị</th></tr></thead>"
                "<tbody>");
    for (size_t from = 0, to; from < d->n_unresolved; from = to) {
        for (to = from + 1; to < d->n_unresolved; to++)
            if (strcmp(d->unresolved[to].text, d->unresolved[from].text))
                break;
        unresolved_item(rq, b, d, from, to);
    }
    buf_adds(b, "</tbody></table></section>");
}


static int load_admin(struct db *db, struct admin_data *d, struct err *e)
{
    if (store_users(db, &d->users, &d->n_users, e) ||
        store_tokens(db, &d->tokens, &d->n_tokens, e) ||
        store_agencies(db, &d->agencies, &d->n_agencies, e) ||
        store_unresolved(db, &d->unresolved, &d->n_unresolved, e) ||
        store_load_registry(db, &d->reg, e))
        return e->kind;
    return 0;
}

/* One line of the overview: the sub-page's link (with its old anchor as id) and what it holds. */
static void overview_item(struct buf *b, enum admin_part part, const char *what)
{
    buf_addf(b, "<li id=\"%s\"><a href=\"%s\">%s</a>: ", tabs[part].anchor, tabs[part].href,
             tabs[part].label);
    page_text(b, what);
    buf_adds(b, "</li>");
}

/* /admin: what each sub-page holds, with its size. */
static void overview(struct req *rq, struct buf *b, const struct admin_data *d)
{
    size_t names = 0, active = 0;
    for (size_t i = 0; i < d->n_unresolved; i++)
        names += !i || strcmp(d->unresolved[i].text, d->unresolved[i - 1].text);
    for (size_t i = 0; i < d->n_agencies; i++)
        active += is_active(d, i);
    buf_adds(b, "<ul class=\"admin-overview\">");
    overview_item(b, PART_USERS, arena_printf(rq->arena, "%zu tài khoản; thêm tài khoản, đặt lại"
                                                         " mật khẩu, khóa", d->n_users));
    overview_item(b, PART_TOKENS, arena_printf(rq->arena, "%zu mã cho hệ thống khác; tạo, thu hồi",
                                               d->n_tokens));
    overview_item(b, PART_NAMES,
                  names ? arena_printf(rq->arena, "%zu tên đơn vị trong các lần nhập cần gắn với"
                                                  " một đơn vị", names)
                        : "mọi tên đơn vị đều đã xác định");
    overview_item(b, PART_UNITS, arena_printf(rq->arena, "%zu đơn vị đang hoạt động và tên gọi khác"
                                                         " của chúng", active));
    overview_item(b, PART_GROUPS, arena_printf(rq->arena, "%zu nhóm đơn vị và quy tắc của nhóm",
                                               d->reg.n_groups));
    buf_adds(b, "<li><a href=\"/admin/audit\">Nhật ký thao tác</a>: mọi thao tác ghi, không sửa"
                " xóa được</li></ul>");
}

/* The notice after a group rule was saved (/admin/groups?saved=group). */
static void saved_notice(const struct req *rq, struct buf *b)
{
    const char *saved = req_query(rq, "saved");
    if (saved && !strcmp(saved, "group"))
        buf_adds(b, "<div class=\"notice\" role=\"status\" id=\"saved\"><p>Đã lưu quy tắc của"
                    " nhóm.</p></div>");
}

/* Sub-page `part` of Quản trị, with the refused form af (or NULL) filled and its errors. */
static int admin_page(struct req *rq, struct resp *rs, const struct admin_form *af,
                      enum admin_part part)
{
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct admin_data *d = arena_calloc(rq->arena, 1, sizeof(*d));
    arena_defer(rq->arena, admin_data_free_cb, d);
    struct err e = ERR_INIT;
    if (load_admin(db, d, &e))
        return resp_err(rq, rs, &e);
    struct buf *b = &rs->body;
    const struct form *errors = af ? &af->errors : NULL;
    const char *title = part == PART_HOME
                            ? "Quản trị"
                            : arena_printf(rq->arena, "Quản trị: %s", tabs[part].label);
    form_page_begin(rq, rs, title, "admin", errors);
    form_error_summary(b, errors);
    page_admin_nav(rq, b, tabs[part].href);
    switch (part) {
    case PART_HOME:
        overview(rq, b, d);
        break;
    case PART_USERS:
        users_section(rq, b, d, af);
        break;
    case PART_TOKENS:
        tokens_section(rq, b, d, af);
        break;
    case PART_NAMES:
        prepare_keys(d);
        unresolved_section(rq, b, d);
        break;
    case PART_UNITS:
        units_section(rq, b, d, af);
        break;
    case PART_GROUPS:
        saved_notice(rq, b);
        page_admin_groups(rq, b, &d->reg);
        break;
    }
    page_end(rq, rs);
    return 0;
}

/* GET /admin and each sub-page: the part whose path the request names. */
int h_admin(struct req *rq, struct resp *rs)
{
    enum admin_part part = PART_HOME;
    for (size_t i = 0; i < sizeof(tabs) / sizeof(*tabs); i++)
        if (!strcmp(rq->path, tabs[i].href))
            part = (enum admin_part)i;
    return admin_page(rq, rs, NULL, part);
}

/* ---- writes -------------------------------------------------------------------------- */

/* The fields of a user or token form as typed (which: "user" or "token"). */
static struct admin_form form_typed(const struct req *rq, const char *which)
{
    struct admin_form af = { .which = which,
                             .username = req_form(rq, "username"),
                             .display = req_form(rq, "display"),
                             .name = req_form(rq, "name"),
                             .role = req_form(rq, "role") };
    const char *unit = req_form(rq, "agency");
    if (!unit || strparse_long(unit, 1, LONG_MAX, &af.agency_id))
        af.agency_id = 0;
    form_init(&af.errors, which);
    return af;
}

/* The role (and unit, for a unit role) of a user or token form; -1 after the page again. */
static int role_and_unit(struct req *rq, struct resp *rs, struct db *db, struct admin_form *af,
                         const char **role, char **unit_name)
{
    enum role r = role_parse(af->role);
    *unit_name = NULL;
    if (r == ROLE_NONE)
        return page_admin_refused(rq, rs, af, 400, "role", "Chọn một vai trò trong danh sách");
    *role = role_name(r);
    if (!role_is_unit(r)) {
        af->agency_id = 0;
        return 0;
    }
    if (!af->agency_id)
        return page_admin_refused(rq, rs, af, 400, "agency",
                       "Chọn đơn vị cho tài khoản hoặc mã có vai trò Đơn vị");
    struct err e = ERR_INIT;
    if (store_agency_name(db, af->agency_id, unit_name, &e))
        return page_admin_refused(rq, rs, af, 400, "agency", "Không có đơn vị đã chọn; chọn lại đơn vị");
    return 0;
}

static bool is_username(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@", s[i]))
            return false;
    return true;
}

/* A page that shows a secret once: the new password or API token. */
static void secret_page(struct req *rq, struct resp *rs, const char *title, const char *what,
                        const char *label, const char *id, const char *secret, enum admin_part back)
{
    struct buf *b = &rs->body;
    page_begin(rq, rs, title, "admin");
    buf_adds(b, "<div class=\"notice\" role=\"status\"><p>");
    page_text(b, what);
    buf_adds(b, "</p>");
    if (secret) {
        buf_addf(b, "<p>%s (chỉ hiện một lần, hãy lưu lại ngay): <code id=\"%s\">", label, id);
        page_text(b, secret);
        buf_adds(b, "</code></p>");
    }
    buf_addf(b, "</div><p><a href=\"%s\">Quay lại trang %s</a></p>", tabs[back].href,
             tabs[back].label);
    page_end(rq, rs);
}

/* Hash password and add the user of the form; -1 after an error page or the page again. */
static int add_user(struct req *rq, struct resp *rs, struct db *db, struct admin_form *af,
                    struct user_record *u, const char *password, const char *unit_name)
{
    struct err e = ERR_INIT;
    char *hash = crypto_password_hash(password, &e);
    if (!hash)
        return error_from(rq, rs, &e);
    u->password_hash = hash;
    const char *after = arena_printf(rq->arena, "username: %s; role: %s; unit: %s", u->username,
                                     u->role, unit_name ? unit_name : "");
    struct audit_entry a = audit_of(rq, "user.create", "app_user", NULL, after);
    long id = 0;
    int ret = store_user_add(db, u, &a, &id, &e);
    free(hash);
    if (!ret)
        return 0;
    if (e.kind == ERR_CONFLICT)
        return page_admin_refused(rq, rs, af, 409, "username",
                       arena_printf(rq->arena, "Tên đăng nhập “%s” đã có người dùng; chọn tên"
                                               " khác", u->username));
    return error_from(rq, rs, &e);
}

int h_admin_user_add(struct req *rq, struct resp *rs)
{
    struct admin_form af = form_typed(rq, "user");
    const char *username = af.username, *display = af.display;
    const char *given = req_form(rq, "password"), *role = NULL;
    if (!is_username(username))
        return page_admin_refused(rq, rs, &af, 400, "username",
                       "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - @"
                       " (tối đa 64 ký tự)");
    if (given && *given && strlen(given) < PASSWORD_MIN)
        return page_admin_refused(rq, rs, &af, 400, "password",
                       "Mật khẩu tự đặt cần ít nhất 10 ký tự (hoặc để trống để hệ thống tạo)");
    struct db *db = app_db(rq, rs);
    char *unit_name = NULL;
    if (!db || role_and_unit(rq, rs, db, &af, &role, &unit_name))
        return -1;
    struct user_record u = { .username = (char *)username,
                             .role = (char *)role,
                             .agency_id = af.agency_id,
                             .display =
                                 display && !text_is_blank(display) ? (char *)display : NULL };
    char *generated = given && *given ? NULL : crypto_password_new(PASSWORD_LEN);
    int ret = add_user(rq, rs, db, &af, &u, generated ? generated : given, unit_name);
    if (!ret)
        secret_page(rq, rs, "Đã tạo tài khoản",
                    arena_printf(rq->arena, "Đã tạo tài khoản “%s” (%s).", username,
                                 role_label(role_parse(role))),
                    "Mật khẩu", "password", generated, PART_USERS);
    free(generated);
    free(unit_name);
    return ret;
}

/* The user with this id, into *out (release with user_record_release()); -1 after 404. */
static int find_user(struct req *rq, struct resp *rs, struct db *db, long id,
                     struct user_record *out)
{
    struct user_record *all = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_users(db, &all, &n, &e))
        return error_from(rq, rs, &e);
    int ret = -1;
    for (size_t i = 0; i < n; i++)
        if (all[i].id == id) {
            *out = all[i];
            all[i] = (struct user_record){ 0 };
            ret = 0;
        }
    user_records_free(all, n);
    return ret ? error_page(rq, rs, 404, "Không có tài khoản này.") : 0;
}

static int reset_password(struct req *rq, struct resp *rs, struct db *db,
                          const struct user_record *u)
{
    struct err e = ERR_INIT;
    char *password = crypto_password_new(PASSWORD_LEN);
    char *hash = crypto_password_hash(password, &e);
    struct audit_entry a = audit_of(rq, "user.reset_password", "app_user", NULL,
                                    arena_printf(rq->arena, "username: %s", u->username));
    int ret = hash ? store_user_update(db, u->id, hash, -1, &a, &e) : e.kind;
    if (ret)
        error_from(rq, rs, &e);
    else
        secret_page(rq, rs, "Đã đặt lại mật khẩu",
                    arena_printf(rq->arena, "Đã đặt lại mật khẩu của '%s'.", u->username),
                    "Mật khẩu mới", "password", password, PART_USERS);
    free(hash);
    free(password);
    return ret ? -1 : 0;
}

static int set_active(struct req *rq, struct resp *rs, struct db *db, const struct user_record *u,
                      bool active)
{
    if (!active && u->id == rq->who.user_id)
        return error_page(rq, rs, 409, "Bạn không thể tự khóa tài khoản của mình.");
    struct err e = ERR_INIT;
    struct audit_entry a =
        audit_of(rq, active ? "user.enable" : "user.disable", "app_user",
                 arena_printf(rq->arena, "username: %s; active: %d", u->username, u->active),
                 arena_printf(rq->arena, "username: %s; active: %d", u->username, active));
    if (store_user_update(db, u->id, NULL, active, &a, &e))
        return error_from(rq, rs, &e);
    return resp_redirect(rs, "/admin/users");
}

/* "Khóa" and "Đặt lại mật khẩu" ask first: what will happen, and a button posting confirm=1. */
static int confirm_page(struct req *rq, struct resp *rs, const struct user_record *u,
                        const char *action)
{
    bool reset = !strcmp(action, "reset");
    if (!reset && u->id == rq->who.user_id)
        return error_page(rq, rs, 409, "Bạn không thể tự khóa tài khoản của mình.");
    struct buf *b = &rs->body;
    page_begin(rq, rs, reset ? "Xác nhận đặt lại mật khẩu" : "Xác nhận khóa tài khoản", "admin");
    buf_adds(b, "<div class=\"confirm-panel\" role=\"region\" tabindex=\"-1\""
                " autofocus=\"autofocus\" aria-labelledby=\"xac-nhan\"><h2 id=\"xac-nhan\">");
    buf_adds(b, reset ? "Đặt lại mật khẩu của tài khoản “" : "Khóa tài khoản “");
    page_text(b, u->username);
    buf_adds(b, "”?</h2><p>");
    buf_adds(b, reset ? "Mật khẩu hiện tại sẽ không dùng được nữa; hệ thống tạo mật khẩu mới và chỉ"
                        " hiện một lần để bạn gửi cho người dùng."
                      : "Người dùng sẽ không đăng nhập được cho đến khi được mở khóa; các báo cáo"
                        " đã ghi vẫn được giữ.");
    buf_addf(b, "</p><form method=\"post\" action=\"/admin/users/%ld\">", u->id);
    page_csrf(rq, b);
    form_hidden(b, "action", action);
    form_hidden(b, "confirm", "1");
    buf_addf(b, "<button type=\"submit\">%s</button> <a href=\"/admin/users\">Quay lại"
                "</a></form></div>",
             reset ? "Xác nhận đặt lại mật khẩu" : "Xác nhận khóa");
    page_end(rq, rs);
    return 0;
}

int h_admin_user_update(struct req *rq, struct resp *rs)
{
    long id = 0;
    const char *action = req_form(rq, "action");
    if (strparse_long(rq->params[0], 1, LONG_MAX, &id))
        return error_page(rq, rs, 404, "Không có tài khoản này.");
    if (!action ||
        (strcmp(action, "reset") && strcmp(action, "disable") && strcmp(action, "enable")))
        return error_page(rq, rs, 400, "Thao tác không hợp lệ (reset, disable hoặc enable).");
    struct db *db = app_db(rq, rs);
    struct user_record u = { 0 };
    if (!db || find_user(rq, rs, db, id, &u))
        return -1;
    bool asks = strcmp(action, "enable") && !req_form(rq, "confirm");
    int ret = asks                        ? confirm_page(rq, rs, &u, action)
              : !strcmp(action, "reset") ? reset_password(rq, rs, db, &u)
                                         : set_active(rq, rs, db, &u, !strcmp(action, "enable"));
    user_record_release(&u);
    return ret;
}

int h_admin_token_add(struct req *rq, struct resp *rs)
{
    struct admin_form af = form_typed(rq, "token");
    const char *name = af.name, *role = NULL;
    if (!name || text_is_blank(name) || strlen(name) > 100)
        return page_admin_refused(rq, rs, &af, 400, "name", "Đặt tên cho mã (tối đa 100 ký tự)");
    struct db *db = app_db(rq, rs);
    char *unit_name = NULL;
    if (!db || role_and_unit(rq, rs, db, &af, &role, &unit_name))
        return -1;
    char token[CRYPTO_TOKEN_LEN], digest[CRYPTO_DIGEST_LEN];
    crypto_token(token);
    crypto_digest(token, digest);
    const char *after = arena_printf(rq->arena, "name: %s; role: %s; unit: %s", name, role,
                                     unit_name ? unit_name : "");
    free(unit_name);
    struct audit_entry a = audit_of(rq, "token.create", "api_token", NULL, after);
    struct err e = ERR_INIT;
    long id = 0;
    if (store_token_add(db, digest, name, role, af.agency_id, &a, &id, &e))
        return error_from(rq, rs, &e);
    secret_page(rq, rs, "Đã tạo mã truy cập",
                arena_printf(rq->arena, "Đã tạo mã truy cập số %ld “%s”.", id, name), "Mã", "token",
                token, PART_TOKENS);
    return 0;
}

int h_admin_token_revoke(struct req *rq, struct resp *rs)
{
    long id = 0;
    if (strparse_long(rq->params[0], 1, LONG_MAX, &id))
        return error_page(rq, rs, 404, "Không có mã này.");
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct audit_entry a = audit_of(rq, "token.revoke", "api_token", NULL, "revoked");
    struct err e = ERR_INIT;
    if (store_token_revoke(db, id, &a, &e))
        return error_from(rq, rs, &e);
    return resp_redirect(rs, "/admin/tokens");
}
