/* request_write: issuing requests for explanation and taking their steps; see request_write.h. */
#include "request_write.h"

#include "app.h"
#include "page.h"
#include "core/access.h"
#include "store/store_auth.h"
#include "store/store_indicators.h"
#include "store/store_requests.h"

#include <string.h>

/* b's date, else today; ERR_INVALID for a date after today. */
static int step_date(const struct request_body *b, struct date *on, const char **field,
                     struct err *e)
{
    struct date today = page_today();
    *on = date_is_set(b->date) ? b->date : today;
    if (date_cmp(*on, today) > 0) {
        *field = "date";
        return err_set(e, ERR_INVALID, "ngày ghi (date) không được sau hôm nay");
    }
    return 0;
}

/* The task or indicator b names, into in. */
static int read_subject(struct db *db, const struct request_body *b, struct request_input *in,
                        const char **field, struct err *e)
{
    bool ind = b->indicator || b->indicator_id;
    if (!b->task == !ind) {
        *field = b->task ? "indicator" : "task";
        return err_set(e, ERR_INVALID,
                       "yêu cầu giải trình nói về một nhiệm vụ (task) hoặc một chỉ tiêu"
                       " (indicator), một trong hai");
    }
    in->task_id = b->task;
    in->indicator_id = b->indicator_id;
    if (b->indicator && store_indicator_find(db, b->indicator, b->document, &in->indicator_id, e)) {
        *field = "indicator";
        err_prefix(e, "chỉ tiêu (indicator)");
        return e->kind;
    }
    return 0;
}

int request_write_issue(struct req *rq, struct resp *rs, const struct request_body *b, long *id,
                        const char **field, struct err *e)
{
    *field = NULL;
    struct db *db = app_db(rq, rs);
    const struct registry *reg = db ? app_registry(rq, rs) : NULL;
    if (!reg)
        return err_set(e, ERR_STORAGE, "không mở được cơ sở dữ liệu");
    struct request_input in = { .content = b->content, .number = b->number, .due = b->due };
    if (read_subject(db, b, &in, field, e) || step_date(b, &in.issued_on, field, e))
        return e->kind;
    in.agency_id = b->unit ? registry_unit_id(reg, b->unit) : 0;
    if (!in.agency_id) {
        *field = "unit";
        return b->unit ? err_set(e, ERR_INVALID, "đơn vị (unit): không có đơn vị tên “%s”", b->unit)
                       : err_set(e, ERR_INVALID, "cần đơn vị được yêu cầu giải trình (unit)");
    }
    if (!date_is_set(b->due)) {
        *field = "due";
        return err_set(e, ERR_INVALID, "cần hạn trả lời (due)");
    }
    struct audit_entry a = app_audit(rq, "request.add");
    if (store_request_add(db, &in, &a, id, e)) {
        *field = e->kind == ERR_NOT_FOUND     ? (b->task ? "task" : "indicator")
                 : strstr(e->msg, "hạn")      ? "due"
                 : strstr(e->msg, "nội dung") ? "content"
                                              : "unit";
        return e->kind;
    }
    return 0;
}

bool request_can_answer(const struct req *rq, long agency_id)
{
    return rq->who.role == ROLE_UNIT && rq->who.agency_id == agency_id;
}

/* ERR_FORBIDDEN, audited, when rq's caller may not take step kind on v. */
static int check_right(struct req *rq, const struct request_view *v, enum request_step_kind kind,
                       struct err *e)
{
    bool ok = kind == STEP_ANSWER ? request_can_answer(rq, v->agency_id)
                                  : access_can_manage(rq->who.role);
    if (ok)
        return 0;
    const char *why =
        kind == STEP_ANSWER
            ? arena_printf(rq->arena, "chỉ đầu mối của %s được trả lời yêu cầu giải trình này",
                           v->unit)
            : "chỉ Văn phòng giám sát (quản trị, giám sát) được chấp nhận hoặc trả lại câu trả lời";
    struct audit_entry a = app_audit(rq, "request.denied");
    a.entity = "explanation_request";
    a.entity_id = v->id;
    a.after = arena_printf(rq->arena, "{\"step\":\"%s\"}", request_step_key(kind));
    struct err ae = ERR_INIT;
    if (app_audit_refusal(rq, &a, &ae))
        return err_set(e, ae.kind, "%s", ae.msg);
    return err_set(e, ERR_FORBIDDEN, "%s", why);
}

int request_write_step(struct req *rq, struct resp *rs, long id, enum request_step_kind kind,
                       const struct request_body *b, const char **field, struct err *e)
{
    static const char *const actions[N_STEP_KINDS] = { "request.answer", "request.accept",
                                                       "request.return" };
    *field = NULL;
    struct db *db = app_db(rq, rs);
    if (!db)
        return err_set(e, ERR_STORAGE, "không mở được cơ sở dữ liệu");
    struct request_view *v = NULL;
    if (store_request_get(db, id, &v, e))
        return e->kind;
    int ret = check_right(rq, v, kind, e);
    request_views_free(v, 1);
    struct request_step step = { kind, DATE_NONE, kind == STEP_ANSWER ? b->new_due : b->due };
    if (!ret)
        ret = step_date(b, &step.on, field, e);
    struct audit_entry a = app_audit(rq, actions[kind]);
    if (!ret && store_request_step(db, id, &step, b->explanation, b->remedy, b->comment, &a, e)) {
        ret = e->kind;
        *field = kind == STEP_RETURN ? "comment" : kind == STEP_ANSWER ? "explanation" : NULL;
    }
    return ret;
}
