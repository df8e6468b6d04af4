/*
 * page_audit: Nhật ký thao tác (/admin/audit) — the latest audit lines,
 * newest first, for the steering office and administrators. The log is
 * append-only: this page only reads it.
 *
 * Each line reads as a Vietnamese sentence ("Quản trị viên admin đã thêm
 * tên gọi khác “BNV” cho đơn vị Bộ Nội vụ"), at its local time in Vietnam
 * (Asia/Ho_Chi_Minh: UTC+7, no daylight saving; dd/mm/yyyy HH:MM), with
 * its before/after texts as a small table (Trường / Trước / Sau).
 *
 * The one table of actions is actions[] below: every action the code
 * writes (grep app_audit( and ".action =" in src/) has its label (the
 * filter) and its sentence templates. A template names the actor {actor},
 * the entity's id {id}, and fields of the after (else before) text {key};
 * the first template whose fields are all present is used. An action not
 * in the table still reads as a sentence naming its code. The before and
 * after texts are read in the forms the code writes them: a JSON object,
 * "key: value" lines or "key: value; key: value" pairs, else plain text:
 * the one field plain_fields[] names for the action (user.create: the role).
 * Everything shown is escaped.
 */
#include "handlers.h"

#include "page_admin.h"

#include "app.h"
#include "core/access.h"
#include "page.h"
#include "store/store_auth.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_LINES 200      /* lines on the audit page */
#define AUDIT_SHOWN 300      /* bytes of a value shown before "more" */
#define AUDIT_FIELDS 48      /* fields of a before/after text shown */

/* ---- the actions ------------------------------------------------------------------------ */

static const struct action {
    const char *key, *label;
    const char *templates[3]; /* tried in order; NULL ends */
} actions[] = {
    { "login", "Đăng nhập", { "{actor} đã đăng nhập" } },
    { "user.create",
      "Tạo tài khoản",
      { "{actor} đã tạo tài khoản {username}",
        "{actor} đã tạo tài khoản số {id} với vai trò {role}",
        "{actor} đã tạo tài khoản số {id}" } },
    { "user.reset_password",
      "Đặt lại mật khẩu",
      { "{actor} đã đặt lại mật khẩu của tài khoản {username}",
        "{actor} đã đặt lại mật khẩu của tài khoản số {id}" } },
    { "user.enable",
      "Mở khóa tài khoản",
      { "{actor} đã mở khóa tài khoản {username}", "{actor} đã mở khóa tài khoản số {id}" } },
    { "user.disable",
      "Khóa tài khoản",
      { "{actor} đã khóa tài khoản {username}", "{actor} đã khóa tài khoản số {id}" } },
    { "user.email",
      "Đổi địa chỉ thư nhận thông báo",
      { "{actor} đã đặt địa chỉ thư nhận thông báo của tài khoản số {id} là {email}",
        "{actor} đã đổi địa chỉ thư nhận thông báo của tài khoản số {id}" } },
    { "token.create",
      "Tạo mã truy cập API",
      { "{actor} đã tạo mã truy cập API “{name}”", "{actor} đã tạo mã truy cập API “{token}”",
        "{actor} đã tạo mã truy cập API số {id}" } },
    { "token.revoke", "Thu hồi mã truy cập API", { "{actor} đã thu hồi mã truy cập API số {id}" } },
    { "alias.add",
      "Thêm tên gọi khác của đơn vị",
      { "{actor} đã thêm tên gọi khác “{alias}” cho đơn vị {unit}",
        "{actor} đã thêm một tên gọi khác cho đơn vị số {id}" } },
    { "group.rule",
      "Đổi quy tắc nhóm đơn vị",
      { "{actor} đã đổi quy tắc của nhóm đơn vị số {id} thành “{rule}”",
        "{actor} đã đổi quy tắc của nhóm đơn vị số {id}" } },
    { "task.due",
      "Đổi thời hạn nhiệm vụ",
      { "{actor} đã đổi thời hạn của nhiệm vụ số {id} thành {due}",
        "{actor} đã bỏ thời hạn của nhiệm vụ số {id}" } },
    { "progress.add",
      "Ghi báo cáo tiến độ",
      { "{actor} đã ghi báo cáo tiến độ ngày {Ngày báo cáo} của {Đơn vị}",
        "{actor} đã ghi báo cáo tiến độ số {id}" } },
    { "progress.import",
      "Nhập báo cáo tiến độ từ tệp",
      { "{actor} đã nhập từ tệp báo cáo tiến độ ngày {Ngày báo cáo} của {Đơn vị}",
        "{actor} đã nhập từ tệp báo cáo tiến độ số {id}" } },
    { "progress.denied",
      "Bị từ chối ghi báo cáo tiến độ",
      { "{actor} bị từ chối khi ghi báo cáo tiến độ cho nhiệm vụ số {task}: {reason}",
        "{actor} bị từ chối khi ghi báo cáo tiến độ" } },
    { "import", "Nhập tệp dữ liệu", { "{actor} đã nhập một tệp dữ liệu (lần nhập số {id})" } },
    { "measurement.add",
      "Nhập số đo chỉ tiêu",
      { "{actor} đã nhập số đo chỉ tiêu “{measurement}”",
        "{actor} đã nhập số đo chỉ tiêu số {id}" } },
    { "measurement.denied",
      "Bị từ chối nhập số đo",
      { "{actor} bị từ chối khi nhập số đo cho chỉ tiêu {indicator}: {reason}",
        "{actor} bị từ chối khi nhập số đo cho chỉ tiêu số {indicator}",
        "{actor} bị từ chối khi nhập số đo" } },
    { "indicator.baseline",
      "Đặt mốc cơ sở chỉ tiêu",
      { "{actor} đã đặt mốc cơ sở của chỉ tiêu số {id} là {baseline}",
        "{actor} đã đặt mốc cơ sở của chỉ tiêu số {id}" } },
    { "progress.approve",
      "Lãnh đạo đơn vị duyệt báo cáo",
      { "{actor} đã duyệt báo cáo tiến độ số {id} ngày {on}",
        "{actor} đã duyệt báo cáo tiến độ số {id}" } },
    { "progress.reject",
      "Lãnh đạo đơn vị trả lại báo cáo",
      { "{actor} đã trả lại báo cáo tiến độ số {id} ngày {on}",
        "{actor} đã trả lại báo cáo tiến độ số {id}" } },
    { "progress.accept",
      "Văn phòng chấp nhận báo cáo",
      { "{actor} đã chấp nhận báo cáo tiến độ số {id} ngày {on}",
        "{actor} đã chấp nhận báo cáo tiến độ số {id}" } },
    { "progress.return",
      "Văn phòng trả lại báo cáo",
      { "{actor} đã trả lại báo cáo tiến độ số {id} ngày {on}",
        "{actor} đã trả lại báo cáo tiến độ số {id}" } },
    { "progress.change_accepted",
      "Thay đổi hoàn thành đã được chấp nhận",
      { "{actor} đã ghi báo cáo ngày {Ngày báo cáo} của {Đơn vị} thay đổi hoàn thành đã được"
        " chấp nhận",
        "{actor} đã ghi báo cáo số {id} thay đổi hoàn thành đã được chấp nhận" } },
    { "progress.review.denied",
      "Bị từ chối duyệt báo cáo",
      { "{actor} bị từ chối khi duyệt báo cáo tiến độ số {id}" } },
    { "approval.require",
      "Đổi yêu cầu duyệt báo cáo của đơn vị",
      { "{actor} đã đổi yêu cầu lãnh đạo duyệt báo cáo của đơn vị số {id}" } },
    { "count_policy.set",
      "Đổi quy tắc tính báo cáo",
      { "{actor} đã đổi quy tắc tính báo cáo thành “{policy}”" } },
    { "warning_rule.set",
      "Đổi quy tắc cảnh báo",
      { "{actor} đã đổi quy tắc cảnh báo “{rule}”", "{actor} đã đổi một quy tắc cảnh báo" } },
    { "request.add",
      "Gửi yêu cầu giải trình",
      { "{actor} đã gửi yêu cầu giải trình số {id}, hạn trả lời {due}",
        "{actor} đã gửi yêu cầu giải trình số {id}" } },
    { "request.answer",
      "Trả lời yêu cầu giải trình",
      { "{actor} đã trả lời yêu cầu giải trình số {id}" } },
    { "request.accept",
      "Chấp nhận giải trình",
      { "{actor} đã chấp nhận giải trình của yêu cầu số {id}" } },
    { "request.return",
      "Yêu cầu giải trình lại",
      { "{actor} đã yêu cầu giải trình lại (yêu cầu số {id})" } },
    { "access.denied",
      "Bị từ chối truy cập",
      { "{actor} bị từ chối truy cập {path}: {reason}", "{actor} bị từ chối truy cập" } },
};

#define N_ACTIONS (sizeof(actions) / sizeof(*actions))

/* What a plain (not "key: value") before/after text of an action is; else "text". */
static const struct {
    const char *action, *key;
} plain_fields[] = {
    { "user.create", "role" },
    { "user.email", "email" },
    { "token.create", "token" },
    { "token.revoke", "token_state" },
    { "group.rule", "rule" },
    { "task.due", "due" },
    { "measurement.add", "measurement" },
    { "indicator.baseline", "baseline" },
};

static const char *plain_field(const char *action)
{
    for (size_t i = 0; i < sizeof(plain_fields) / sizeof(*plain_fields); i++)
        if (!strcmp(plain_fields[i].action, action))
            return plain_fields[i].key;
    return "text";
}

static const struct action *find_action(const char *key)
{
    for (size_t i = 0; key && i < N_ACTIONS; i++)
        if (!strcmp(actions[i].key, key))
            return &actions[i];
    return NULL;
}

/* Vietnamese names of the fields the code writes in before/after texts. */
static const struct {
    const char *key, *label;
} field_labels[] = {
    { "username", "Tên đăng nhập" },
    { "role", "Vai trò" },
    { "email", "Địa chỉ thư" },
    { "unit", "Đơn vị" },
    { "name", "Tên" },
    { "active", "Đang hoạt động" },
    { "alias", "Tên gọi khác" },
    { "linked", "Số dòng đã gắn" },
    { "method", "Phương thức" },
    { "path", "Địa chỉ" },
    { "route", "Trang" },
    { "status", "Mã trả lời" },
    { "reason", "Lý do" },
    { "task", "Nhiệm vụ số" },
    { "indicator", "Chỉ tiêu" },
    { "source", "Nguồn" },
    { "text", "Giá trị" },
    { "rule", "Quy tắc" },
    { "due", "Thời hạn" },
    { "measurement", "Số đo" },
    { "baseline", "Mốc cơ sở" },
    { "token", "Tên mã truy cập" },
    { "token_state", "Tình trạng mã" },
    { "rows", "Số dòng" },
    { "progress", "Báo cáo tiến độ" },
    { "added", "Đã thêm" },
    { "duplicates", "Trùng, bỏ qua" },
    { "completions", "Hoàn thành" },
    { "reopenings", "Mở lại" },
    { "written", "Đã ghi" },
    { "rejected", "Dòng bị từ chối" },
    { "warnings", "Cảnh báo" },
    { "skipped", "Dòng bỏ qua" },
    { "tasks", "Nhiệm vụ" },
    { "indicators", "Chỉ tiêu" },
    { "measurements", "Số đo" },
    { "suggestions", "Gợi ý" },
    { "format", "Loại tệp" },
    { "file", "Tệp" },
    { "document", "Văn bản" },
    { "skipped_headings", "Dòng tiêu đề bỏ qua" },
    { "matched_by_tt", "Khớp theo số TT" },
    { "tt_matches", "Khớp theo số TT" },
    { "completions_proposed", "Đề xuất hoàn thành" },
    { "proposed_completions", "Đề xuất hoàn thành" },
    { "ID", "Mã số" },
    { "subtasks", "Nhiệm vụ con" },
    { "groups", "Nhóm nhiệm vụ" },
    { "counted", "Được tính" },
    { "documents", "Văn bản" },
    { "agencies_resolved", "Đơn vị nhận ra" },
    { "groups_expanded", "Nhóm đơn vị đã mở rộng" },
    { "no_due_date", "Không có thời hạn" },
    { "unresolved", "Tên đơn vị chưa nhận ra" },
    { "duplicate_tasks", "Nhiệm vụ trùng" },
    { "repeats", "Nhiệm vụ nhắc lại" },
    { "repeats_near_checked", "Đã dò nhiệm vụ gần giống" },
    { "accepted", "Dòng được nhận" },
    { "code", "Mã" },
    { "date", "Ngày" },
    { "line", "Dòng" },
};

static const char *field_label(const char *key)
{
    for (size_t i = 0; i < sizeof(field_labels) / sizeof(*field_labels); i++)
        if (!strcmp(field_labels[i].key, key))
            return field_labels[i].label;
    return key;
}

/* ---- before/after texts as fields --------------------------------------------------------- */

struct fields {
    const char *key[AUDIT_FIELDS], *value[AUDIT_FIELDS]; /* arena strings */
    size_t n;
};

static void field_add(struct fields *f, const char *key, const char *value)
{
    if (f->n < AUDIT_FIELDS) {
        f->key[f->n] = key;
        f->value[f->n++] = value;
    }
}

static const char *json_value_text(struct req *rq, json_t *v);

/* An array: its items joined when they are all scalars, else how many there are. */
static const char *json_array_text(struct req *rq, json_t *v)
{
    size_t n = json_array_size(v);
    if (n == 0)
        return "không có";
    bool scalars = true;
    for (size_t i = 0; i < n; i++)
        scalars = scalars &&
                  (json_is_string(json_array_get(v, i)) || json_is_number(json_array_get(v, i)));
    if (!scalars)
        return arena_printf(rq->arena, "%zu mục", n);
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_adds(&b, ", ");
        buf_adds(&b, json_value_text(rq, json_array_get(v, i)));
    }
    const char *s = arena_strdup(rq->arena, b.data ? b.data : "");
    buf_release(&b);
    return s;
}

/* A JSON value as text: numbers and strings as written, booleans as có/không. */
static const char *json_value_text(struct req *rq, json_t *v)
{
    if (json_is_string(v))
        return arena_strdup(rq->arena, json_string_value(v));
    if (json_is_integer(v))
        return arena_printf(rq->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return arena_printf(rq->arena, "%.15g", json_real_value(v));
    if (json_is_true(v))
        return "có";
    if (json_is_false(v))
        return "không";
    if (json_is_null(v))
        return "—";
    if (json_is_array(v))
        return json_array_text(rq, v);
    char *dump = json_dumps(v, JSON_COMPACT);
    const char *s = arena_strdup(rq->arena, dump ? dump : "");
    free(dump);
    return s;
}

/* A JSON object's members, when s is one. */
static bool read_json(struct req *rq, const char *s, struct fields *f)
{
    if (*s != '{')
        return false;
    json_t *o = json_loads(s, 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return false;
    }
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        field_add(f, arena_strdup(rq->arena, k), json_value_text(rq, v));
    }
    json_decref(o);
    return true;
}

/* Whether s[0..len) is a field name: starts with a letter, no digit-led date or number. */
static bool is_key(const char *s, size_t len)
{
    if (len == 0 || len > 40 || isdigit((unsigned char)*s) || *s == ' ')
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n' || s[i] == ';' || s[i] == '{' || s[i] == '"')
            return false;
    return true;
}

/* "key: value" parts split at sep ('\n' or ';'); false unless every part is one. */
static bool read_pairs(struct req *rq, const char *s, char sep, struct fields *f)
{
    struct fields got = { .n = 0 };
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == sep)
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *colon = memchr(p, ':', len);
        if (!colon || !is_key(p, (size_t)(colon - p)))
            return false;
        const char *v = colon + 1;
        while (*v == ' ')
            v++;
        field_add(&got, arena_strndup(rq->arena, p, (size_t)(colon - p)),
                  arena_strndup(rq->arena, v, len - (size_t)(v - p)));
        p += len;
    }
    if (got.n == 0)
        return false;
    *f = got;
    return true;
}

static void read_fields(struct req *rq, const char *s, const char *plain, struct fields *f)
{
    f->n = 0;
    if (!s || !*s)
        return;
    if (read_json(rq, s, f) || (strchr(s, '\n') && read_pairs(rq, s, '\n', f)) ||
        (strstr(s, ": ") && read_pairs(rq, s, ';', f)))
        return;
    field_add(f, plain, s);
}

static const char *field_of(const struct fields *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->key[i], key))
            return f->value[i];
    return NULL;
}

/* A field's value as shown: roles and refusal reasons in Vietnamese. */
static const char *shown_value(const char *key, const char *value)
{
    if (!strcmp(key, "role") && role_parse(value) != ROLE_NONE)
        return role_label(role_parse(value));
    if (!strcmp(key, "reason"))
        return app_refusal_label(value);
    if (!strcmp(key, "token_state") && !strcmp(value, "revoked"))
        return "đã thu hồi";
    if (!strcmp(key, "active") && (!strcmp(value, "1") || !strcmp(value, "0")))
        return *value == '1' ? "có" : "không";
    return value;
}

/* ---- the sentence ------------------------------------------------------------------------- */

/* Who acted, in words: "Quản trị viên admin", "Mã truy cập API “x”", "Dòng lệnh máy chủ". */
static const char *actor_text(struct req *rq, const struct audit_view *v)
{
    if (!*v->actor)
        return "Người chưa đăng nhập";
    if (!strcmp(v->actor, "cli"))
        return "Dòng lệnh máy chủ";
    if (!strncmp(v->actor, "token:", 6))
        return arena_printf(rq->arena, "Mã truy cập API “%s”", v->actor + 6);
    static const struct {
        const char *role, *noun;
    } nouns[] = {
        { "admin", "Quản trị viên" },
        { "monitor", "Cán bộ giám sát" },
        { "unit", "Đầu mối đơn vị" },
        { "viewer", "Người xem" },
    };
    for (size_t i = 0; i < sizeof(nouns) / sizeof(*nouns); i++)
        if (!strcmp(v->role, nouns[i].role))
            return arena_printf(rq->arena, "%s %s", nouns[i].noun, v->actor);
    return arena_printf(rq->arena, "Người dùng %s", v->actor);
}

/* Expand template t into out (raw text, escaped later); false when a field is missing. */
static bool expand(struct req *rq, const char *t, const struct audit_view *v,
                   const struct fields *after, const struct fields *before, struct buf *out)
{
    buf_reset(out);
    for (const char *p = t; *p; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            buf_addch(out, *p);
            continue;
        }
        const char *key = arena_strndup(rq->arena, p + 1, (size_t)(close - p - 1));
        const char *val = NULL;
        if (!strcmp(key, "actor"))
            val = actor_text(rq, v);
        else if (!strcmp(key, "id"))
            val = v->entity_id ? arena_printf(rq->arena, "%ld", v->entity_id) : NULL;
        else
            val = field_of(after, key) ? field_of(after, key) : field_of(before, key);
        if (!val || !*val)
            return false;
        buf_adds(out, shown_value(key, val));
        p = close;
    }
    return true;
}

static void sentence(struct req *rq, struct buf *b, const struct audit_view *v,
                     const struct fields *after, const struct fields *before)
{
    const struct action *a = find_action(v->action);
    struct buf s = BUF_INIT;
    bool done = false;
    for (size_t i = 0; a && i < 3 && a->templates[i] && !done; i++)
        done = expand(rq, a->templates[i], v, after, before, &s);
    if (!done) {
        buf_reset(&s);
        buf_addf(&s, "%s đã thực hiện thao tác “%s”", actor_text(rq, v), v->action);
        if (v->entity_id)
            buf_addf(&s, " trên mục số %ld", v->entity_id);
    }
    page_text(b, s.data ? s.data : "");
    buf_release(&s);
}

/* ---- cells -------------------------------------------------------------------------------- */

/* A value: in full when short, else its start with the rest in <details>. */
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

/* The before/after fields as a table: one row per field, in the order first seen. */
static void changes(struct req *rq, struct buf *b, const struct fields *before,
                    const struct fields *after)
{
    if (!before->n && !after->n)
        return;
    buf_adds(b, "<table class=\"changes\"><thead><tr><th scope=\"col\">Trường</th>"
                "<th scope=\"col\">Trước</th><th scope=\"col\">Sau</th></tr></thead><tbody>");
    const struct fields *both[2] = { before, after };
    for (int side = 0; side < 2; side++) {
        for (size_t i = 0; i < both[side]->n; i++) {
            const char *key = both[side]->key[i];
            if (side == 1 && field_of(before, key))
                continue; /* already a row */
            const char *was = field_of(before, key), *now = field_of(after, key);
            buf_adds(b, "<tr><th scope=\"row\">");
            page_text(b, field_label(key));
            buf_adds(b, "</th><td>");
            long_text(rq, b, was ? shown_value(key, was) : "");
            buf_adds(b, "</td><td>");
            long_text(rq, b, now ? shown_value(key, now) : "");
            buf_adds(b, "</td></tr>");
        }
    }
    buf_adds(b, "</tbody></table>");
}

static void audit_row(struct req *rq, struct buf *b, const struct audit_view *v)
{
    struct fields before, after;
    read_fields(rq, v->before, plain_field(v->action), &before);
    read_fields(rq, v->after, plain_field(v->action), &after);
    buf_adds(b, "<tr><td>");
    page_local_time(b, v->at);
    buf_adds(b, "</td><td>");
    sentence(rq, b, v, &after, &before);
    buf_adds(b, "</td><td>");
    changes(rq, b, &before, &after);
    buf_adds(b, "</td><td>");
    page_text(b, v->client);
    buf_adds(b, "</td></tr>");
}

/* The filter: one action, by its Vietnamese label. */
static void filter_form(struct buf *b, const char *current)
{
    buf_adds(b, "<form method=\"get\" class=\"filters\">");
    page_select_open(b, "action", "Thao tác");
    for (size_t i = 0; i < N_ACTIONS; i++)
        page_option(b, actions[i].key, actions[i].label,
                    current && !strcmp(current, actions[i].key));
    buf_adds(b, "</select></div> <button type=\"submit\">Lọc</button></form>");
}

int h_admin_audit(struct req *rq, struct resp *rs)
{
    const char *action = req_query_nonblank(rq, "action");
    if (action && !find_action(action))
        return resp_error(rq, rs, 400,
                          "Trường “Thao tác” không hợp lệ: hãy chọn trong danh sách của bộ lọc.");
    struct db *db = app_db(rq, rs);
    struct audit_view *v = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (!db)
        return -1;
    if (store_audit_list(db, AUDIT_LINES, action, &v, &n, &e))
        return resp_err(rq, rs, &e);
    struct buf *b = &rs->body;
    page_begin(rq, rs, "Nhật ký thao tác", "admin");
    page_admin_nav(rq, b, "/admin/audit");
    filter_form(b, action);
    if (action)
        buf_addf(b, "<p>%zu thao tác “%s” gần nhất (tối đa %d), mới nhất trước.", n,
                 find_action(action)->label, AUDIT_LINES);
    else
        buf_addf(b, "<p>%d thao tác gần nhất, mới nhất trước.", AUDIT_LINES);
    buf_adds(b, " Giờ Việt Nam (UTC+7). Nhật ký chỉ được ghi thêm, không sửa hay xóa được.</p>"
                "<table class=\"audit\"><thead><tr><th scope=\"col\">Thời gian</th>"
                "<th scope=\"col\">Thao tác</th><th scope=\"col\">Thay đổi</th>"
                "<th scope=\"col\">Địa chỉ máy</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        audit_row(rq, b, &v[i]);
    buf_adds(b, "</tbody></table>");
    page_end(rq, rs);
    audit_views_free(v, n);
    return 0;
}
