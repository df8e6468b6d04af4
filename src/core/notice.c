/* notice: notification kinds, texts, keys and the mail back-off; see notice.h. */
#include "notice.h"

#include "util/err.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key, *label;
} kinds[N_NOTICE_KINDS] = {
    [NOTICE_REQUEST] = { "request", "Yêu cầu giải trình" },
    [NOTICE_ANSWERED] = { "answered", "Đơn vị đã giải trình" },
    [NOTICE_RETURNED] = { "returned", "Yêu cầu giải trình lại" },
    [NOTICE_DEADLINE] = { "deadline", "Sắp đến hạn" },
    [NOTICE_WARNING] = { "warning", "Cảnh báo mới" },
    [NOTICE_REPORT_RETURNED] = { "report_returned", "Báo cáo bị trả lại" },
    [NOTICE_DIGEST] = { "digest", "Thư đôn đốc hằng tuần" },
};

const char *notice_kind_key(enum notice_kind kind)
{
    ASSERT(kind < N_NOTICE_KINDS);
    return kinds[kind].key;
}

const char *notice_kind_label(enum notice_kind kind)
{
    ASSERT(kind < N_NOTICE_KINDS);
    return kinds[kind].label;
}

int notice_kind_parse(const char *s)
{
    for (int k = 0; s && k < N_NOTICE_KINDS; k++)
        if (!strcmp(s, kinds[k].key))
            return k;
    return -1;
}

void notice_set(struct notice *n, enum notice_kind kind, const char *item, struct date on,
                const char *title, const char *body, const char *link)
{
    char iso[DATE_ISO_LEN];
    date_iso(on, iso);
    n->kind = kind;
    n->key = xasprintf("%s|%s|%s", notice_kind_key(kind), item, iso);
    n->title = xstrdup(title);
    n->body = xstrdup(body ? body : "");
    n->link = xstrdup(link ? link : "");
}

void notice_release(struct notice *n)
{
    free(n->key);
    free(n->title);
    free(n->body);
    free(n->link);
    *n = (struct notice)NOTICE_INIT;
}

void notice_of_request(struct notice *n, enum notice_kind kind, const struct notice_request *r)
{
    char due[DATE_ISO_LEN], item[40];
    date_dmy(r->due, due);
    snprintf(item, sizeof(item), "request:%ld", r->id);
    char *title = NULL, *body = NULL;
    switch (kind) {
    case NOTICE_REQUEST:
        title = xasprintf("Yêu cầu giải trình số %ld về %s", r->id, r->subject);
        body = xasprintf("Văn phòng đề nghị %s giải trình về %s.\nNội dung: %s\n"
                         "Hạn trả lời: %s.",
                         r->unit, r->subject, r->content, due);
        break;
    case NOTICE_ANSWERED:
        title = xasprintf("%s đã trả lời yêu cầu giải trình số %ld", r->unit, r->id);
        body = xasprintf("%s đã giải trình về %s.\nGiải trình: %s\nNgày hoàn thành mới: %s.",
                         r->unit, r->subject, r->text ? r->text : "", due);
        break;
    case NOTICE_RETURNED:
        title = xasprintf("Yêu cầu giải trình số %ld được gửi lại", r->id);
        body = xasprintf("Văn phòng đề nghị %s giải trình lại về %s.\nÝ kiến: %s\n"
                         "Hạn trả lời: %s.",
                         r->unit, r->subject, r->text ? r->text : "", due);
        break;
    default:
        BUG("notice_of_request: kind %d", (int)kind);
    }
    notice_set(n, kind, item, r->on, title, body, r->link);
    free(title);
    free(body);
}

void notice_of_warning(struct notice *n, enum notice_kind kind, const struct notice_warning *w)
{
    char since[DATE_ISO_LEN];
    date_dmy(w->since, since);
    char *title = kind == NOTICE_DEADLINE ? xasprintf("Sắp đến hạn: %s", w->subject)
                                          : xasprintf("Cảnh báo mới (%s): %s", w->rule, w->subject);
    char *body = xasprintf("%s: %s.\n%s\nTừ ngày: %s.", w->rule, w->subject, w->reason, since);
    notice_set(n, kind, w->item, date_is_set(w->key_on) ? w->key_on : w->since, title, body,
               w->link);
    free(title);
    free(body);
}

void notice_of_digest(struct notice *n, long agency_id, const char *unit, struct date monday,
                      const char *letter)
{
    char from[DATE_ISO_LEN], item[40], link[40];
    date_dmy(monday, from);
    snprintf(item, sizeof(item), "unit:%ld", agency_id);
    snprintf(link, sizeof(link), "/units/%ld", agency_id);
    char *title = xasprintf("Thư đôn đốc tuần từ %s: %s", from, unit);
    notice_set(n, NOTICE_DIGEST, item, monday, title, letter, link);
    free(title);
}

void notice_of_request_due(struct notice *n, const struct notice_request *r, long days_left)
{
    char due[DATE_ISO_LEN], item[40];
    date_dmy(r->due, due);
    snprintf(item, sizeof(item), "request:%ld", r->id);
    char *title = xasprintf("Sắp đến hạn trả lời yêu cầu giải trình số %ld", r->id);
    char *body = xasprintf("Yêu cầu giải trình số %ld về %s hết hạn trả lời ngày %s (còn %ld"
                           " ngày).\nNội dung: %s",
                           r->id, r->subject, due, days_left, r->content);
    notice_set(n, NOTICE_DEADLINE, item, r->due, title, body, r->link);
    free(title);
    free(body);
}

const char *notice_email_check(const char *email)
{
    size_t len = strlen(email);
    const char *at = strchr(email, '@');
    if (len > 254)
        return "địa chỉ thư điện tử dài quá 254 ký tự";
    if (!at || at == email || strchr(at + 1, '@') || !strchr(at + 1, '.') || !at[1] ||
        email[len - 1] == '.')
        return "địa chỉ thư điện tử phải có dạng ten@coquan.gov.vn";
    for (const unsigned char *c = (const unsigned char *)email; *c; c++)
        if (*c <= ' ' || *c == 127 || strchr("<>,;\\\"()[]", *c))
            return "địa chỉ thư điện tử không được có dấu cách hay ký tự <>,;\"()[]";
    return NULL;
}

long notice_backoff(int attempts)
{
    long wait = 60;
    for (int i = 1; i < attempts && wait < 6 * 3600; i++)
        wait *= 2;
    return wait < 6 * 3600 ? wait : 6 * 3600;
}

int notice_weekday(struct date d)
{
    long days = date_to_days(d); /* 1970-01-01 was a Thursday (4) */
    long r = (days + 3) % 7;
    return (int)(r < 0 ? r + 7 : r) + 1;
}

struct date notice_week_start(struct date d)
{
    return date_add_days(d, 1 - notice_weekday(d));
}
