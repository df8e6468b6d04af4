/* request: requests for explanation and their lifecycle; see request.h. */
#include "request.h"

#include <stdlib.h>
#include <string.h>

static const char *const step_keys[N_STEP_KINDS] = { "answer", "accept", "return" };

static const struct {
    const char *key, *label;
} states[N_REQUEST_STATES] = {
    [REQ_OPEN] = { "open", "Đang chờ trả lời" },
    [REQ_OVERDUE] = { "overdue", "Quá hạn trả lời" },
    [REQ_ANSWERED] = { "answered", "Đã trả lời" },
    [REQ_ACCEPTED] = { "accepted", "Đã chấp nhận" },
};

const char *request_step_key(enum request_step_kind k)
{
    return step_keys[k];
}

int request_step_parse(const char *key)
{
    for (int k = 0; key && k < N_STEP_KINDS; k++)
        if (!strcmp(key, step_keys[k]))
            return k;
    return -1;
}

const char *request_state_key(enum request_state s)
{
    return states[s].key;
}

const char *request_state_label(enum request_state s)
{
    return states[s].label;
}

int request_state_parse(const char *key)
{
    for (int s = 0; key && s < N_REQUEST_STATES; s++)
        if (!strcmp(key, states[s].key))
            return s;
    return -1;
}

struct request_status request_replay(struct date issued, struct date due,
                                     const struct request_step *steps, size_t n,
                                     struct date as_of)
{
    (void)issued;
    struct request_status st = { REQ_OPEN, 1, due, DATE_NONE, false, 0 };
    for (size_t i = 0; i < n && date_cmp(steps[i].on, as_of) <= 0; i++) {
        const struct request_step *s = &steps[i];
        if (s->kind == STEP_ANSWER) {
            st.state = REQ_ANSWERED;
            st.answered_on = s->on;
            st.answered_late = date_cmp(s->on, st.due) > 0;
            st.late_answers += st.answered_late;
        } else if (s->kind == STEP_ACCEPT) {
            st.state = REQ_ACCEPTED;
        } else {
            st.state = REQ_OPEN;
            st.round++;
            st.answered_on = DATE_NONE;
            st.answered_late = false;
            if (date_is_set(s->new_due))
                st.due = s->new_due;
        }
    }
    if (st.state == REQ_OPEN && date_cmp(as_of, st.due) > 0)
        st.state = REQ_OVERDUE;
    return st;
}

const char *request_step_refusal(struct date issued, struct date due,
                                 const struct request_step *steps, size_t n,
                                 const struct request_step *next)
{
    if (date_cmp(next->on, issued) < 0)
        return "ngày này trước ngày gửi yêu cầu";
    if (n && date_cmp(next->on, steps[n - 1].on) < 0)
        return "ngày này trước bước đã ghi gần nhất của yêu cầu";
    struct request_status st = request_replay(issued, due, steps, n, next->on);
    if (st.state == REQ_ACCEPTED)
        return "yêu cầu đã được chấp nhận, không ghi thêm";
    if (next->kind == STEP_ANSWER && st.state == REQ_ANSWERED)
        return "đơn vị đã trả lời; chờ Văn phòng chấp nhận hoặc yêu cầu giải trình lại";
    if (next->kind != STEP_ANSWER && st.state != REQ_ANSWERED)
        return "đơn vị chưa trả lời yêu cầu này";
    if (next->kind == STEP_ANSWER && !date_is_set(next->new_due))
        return "câu trả lời cần ngày hoàn thành mới mà đơn vị cam kết";
    return NULL;
}

void request_summary_release(struct request_summary *s)
{
    for (size_t i = 0; i < s->n_open; i++) {
        free(s->open[i].unit);
        free(s->open[i].subject);
        free(s->open[i].content);
    }
    free(s->open);
    *s = (struct request_summary)REQUEST_SUMMARY_INIT;
}

const struct request_summary *request_summary_any(const struct request_summary *s)
{
    for (int i = 0; i < N_REQUEST_STATES; i++)
        if (s->count[i])
            return s;
    return NULL;
}
