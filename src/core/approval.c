/* approval: the review of progress reports; see approval.h. */
#include "approval.h"

#include <limits.h>
#include <string.h>

static const char *const state_keys[] = { "submitted", "pending", "rejected", "accepted",
                                          "returned" };
static const char *const state_labels[] = { "Đã gửi", "Chờ lãnh đạo đơn vị duyệt",
                                            "Lãnh đạo đơn vị trả lại", "Văn phòng đã chấp nhận",
                                            "Văn phòng trả lại" };
static const char *const step_keys[] = { "approve", "reject", "accept", "return" };
static const char *const policy_keys[] = { "da_gui", "da_chap_nhan", "tat_ca" };
static const char *const policy_labels[] = {
    ("Số liệu tính các báo cáo đã gửi (đã được lãnh đạo đơn vị duyệt nếu đơn vị yêu cầu duyệt)"
     " và các báo cáo Văn phòng đã chấp nhận; không tính báo cáo chờ duyệt hoặc bị trả lại."),
    "Số liệu chỉ tính các báo cáo Văn phòng đã chấp nhận.",
    "Số liệu tính mọi báo cáo đã nhập, kể cả báo cáo chờ duyệt hoặc bị trả lại.",
};

static int parse_key(const char *const *keys, int n, const char *key)
{
    for (int i = 0; key && i < n; i++)
        if (!strcmp(keys[i], key))
            return i;
    return -1;
}

const char *report_state_key(enum report_state s)
{
    return s < N_REPORT_STATES ? state_keys[s] : "";
}

int report_state_parse(const char *key)
{
    return parse_key(state_keys, N_REPORT_STATES, key);
}

const char *report_state_label(enum report_state s)
{
    return s < N_REPORT_STATES ? state_labels[s] : "";
}

const char *review_step_key(enum review_step s)
{
    return s < N_REVIEW_STEPS ? step_keys[s] : "";
}

int review_step_parse(const char *key)
{
    return parse_key(step_keys, N_REVIEW_STEPS, key);
}

bool review_step_by_unit(enum review_step s)
{
    return s == REVIEW_APPROVE || s == REVIEW_REJECT;
}

const char *count_policy_key(enum count_policy p)
{
    return p < N_COUNT_POLICIES ? policy_keys[p] : "";
}

int count_policy_parse(const char *key)
{
    return parse_key(policy_keys, N_COUNT_POLICIES, key);
}

const char *count_policy_label(enum count_policy p)
{
    return p < N_COUNT_POLICIES ? policy_labels[p] : "";
}

static enum report_state after_step(enum report_state s, enum review_step step)
{
    if (approval_refusal(s, step))
        return s; /* the store never writes such a step; a replay ignores it */
    static const enum report_state to[] = { REPORT_SUBMITTED, REPORT_REJECTED, REPORT_ACCEPTED,
                                            REPORT_RETURNED };
    return to[step];
}

enum report_state approval_state(bool needs_approval, const struct review *steps, size_t n,
                                 struct date as_of)
{
    enum report_state s = needs_approval ? REPORT_PENDING : REPORT_SUBMITTED;
    for (size_t i = 0; i < n; i++)
        if (date_cmp(steps[i].on, as_of) <= 0)
            s = after_step(s, steps[i].step);
    return s;
}

const char *approval_refusal(enum report_state now, enum review_step step)
{
    if (review_step_by_unit(step) && now != REPORT_PENDING)
        return now == REPORT_SUBMITTED || now == REPORT_ACCEPTED || now == REPORT_RETURNED
                   ? "báo cáo này đã được duyệt hoặc không cần duyệt"
                   : "báo cáo này đã bị lãnh đạo đơn vị trả lại";
    if (!review_step_by_unit(step) && now != REPORT_SUBMITTED)
        return now == REPORT_PENDING ? "báo cáo này còn chờ lãnh đạo đơn vị duyệt"
               : now == REPORT_REJECTED ? "báo cáo này đã bị lãnh đạo đơn vị trả lại"
                                        : "Văn phòng đã chấp nhận hoặc trả lại báo cáo này";
    return NULL;
}

static bool counted_in(enum count_policy policy, enum report_state s)
{
    switch (policy) {
    case COUNT_ALL:
        return true;
    case COUNT_ACCEPTED:
        return s == REPORT_ACCEPTED;
    default:
        return s == REPORT_SUBMITTED || s == REPORT_ACCEPTED;
    }
}

/*
 * A report's states follow one path (pending, then submitted, then accepted
 * or returned; or pending, then rejected), and every policy counts a run of
 * consecutive states on it, so the days it counts are one interval.
 */
void approval_window(enum count_policy policy, bool needs_approval, const struct review *steps,
                     size_t n, struct progress_event *ev)
{
    enum report_state s = needs_approval ? REPORT_PENDING : REPORT_SUBMITTED;
    int from = counted_in(policy, s) ? INT_MIN : INT_MAX, until = INT_MAX;
    for (size_t i = 0; i < n; i++) {
        enum report_state next = after_step(s, steps[i].step);
        bool was = counted_in(policy, s), is = counted_in(policy, next);
        int day = (int)date_to_days(steps[i].on);
        if (!was && is && from == INT_MAX)
            from = day;
        else if (was && !is && until == INT_MAX)
            until = day;
        s = next;
    }
    ev->windowed = from != INT_MIN || until != INT_MAX;
    ev->counts_from = from;
    ev->counts_until = until;
}
