/*
 * The approval of progress reports (core/approval.h, issue #15): the
 * states a report goes through, which steps may follow which, and the
 * window of dates in which each counting rule counts a report — so that a
 * completion approved on a day counts from that day and not before, and a
 * report as of a past date is unchanged by later steps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/approval.h"

#define D(y, m, d) ((struct date){ (y), (m), (d) })

static void states_follow_the_steps(void **state)
{
    (void)state;
    struct review steps[] = { { REVIEW_APPROVE, D(2025, 12, 10) },
                              { REVIEW_ACCEPT, D(2025, 12, 15) } };
    assert_int_equal(approval_state(true, steps, 2, D(2025, 12, 9)), REPORT_PENDING);
    assert_int_equal(approval_state(true, steps, 2, D(2025, 12, 10)), REPORT_SUBMITTED);
    assert_int_equal(approval_state(true, steps, 2, D(2025, 12, 14)), REPORT_SUBMITTED);
    assert_int_equal(approval_state(true, steps, 2, D(2025, 12, 15)), REPORT_ACCEPTED);
    assert_int_equal(approval_state(false, NULL, 0, D(2025, 12, 1)), REPORT_SUBMITTED);
    struct review reject = { REVIEW_REJECT, D(2025, 12, 3) };
    assert_int_equal(approval_state(true, &reject, 1, DATE_NONE), REPORT_REJECTED);
}

static void refusals_name_the_reason(void **state)
{
    (void)state;
    assert_null(approval_refusal(REPORT_PENDING, REVIEW_APPROVE));
    assert_null(approval_refusal(REPORT_PENDING, REVIEW_REJECT));
    assert_null(approval_refusal(REPORT_SUBMITTED, REVIEW_ACCEPT));
    assert_null(approval_refusal(REPORT_SUBMITTED, REVIEW_RETURN));
    assert_non_null(approval_refusal(REPORT_PENDING, REVIEW_ACCEPT));    /* leader first */
    assert_non_null(approval_refusal(REPORT_SUBMITTED, REVIEW_APPROVE)); /* nothing to approve */
    assert_non_null(approval_refusal(REPORT_ACCEPTED, REVIEW_RETURN));   /* final */
    assert_non_null(approval_refusal(REPORT_RETURNED, REVIEW_ACCEPT));
    assert_non_null(approval_refusal(REPORT_REJECTED, REVIEW_APPROVE));
}

/* Whether ev counts as of day (the replay's test). */
static int counts(const struct progress_event *ev, struct date day)
{
    struct assignment_state st = status_replay(ev, 1, day);
    return st.completed;
}

static struct progress_event completion(void)
{
    return (struct progress_event){ D(2025, 12, 5), 1, PROGRESS_DONE, D(2025, 12, 5) };
}

static void windows_per_rule(void **state)
{
    (void)state;
    struct review steps[] = { { REVIEW_APPROVE, D(2025, 12, 10) },
                              { REVIEW_RETURN, D(2025, 12, 20) } };
    struct progress_event ev = completion();
    /* da_gui: from the approval to the office's return */
    approval_window(COUNT_SUBMITTED, true, steps, 2, &ev);
    assert_false(counts(&ev, D(2025, 12, 9)));
    assert_true(counts(&ev, D(2025, 12, 10)));
    assert_true(counts(&ev, D(2025, 12, 19)));
    assert_false(counts(&ev, D(2025, 12, 20)));
    assert_false(counts(&ev, DATE_NONE));
    /* tat_ca: from its own date, whatever follows */
    ev = completion();
    approval_window(COUNT_ALL, true, steps, 2, &ev);
    assert_false(ev.windowed);
    assert_true(counts(&ev, D(2025, 12, 5)));
    assert_true(counts(&ev, D(2026, 1, 1)));
    /* da_chap_nhan: never, since it was returned, not accepted */
    ev = completion();
    approval_window(COUNT_ACCEPTED, true, steps, 2, &ev);
    assert_false(counts(&ev, D(2025, 12, 15)));
    assert_false(counts(&ev, D(2026, 1, 1)));
    /* ... and from the acceptance when accepted */
    struct review accepted[] = { { REVIEW_ACCEPT, D(2025, 12, 12) } };
    ev = completion();
    approval_window(COUNT_ACCEPTED, false, accepted, 1, &ev);
    assert_false(counts(&ev, D(2025, 12, 11)));
    assert_true(counts(&ev, D(2025, 12, 12)));
    assert_true(counts(&ev, DATE_NONE));
    /* a report that needs nothing has no window under the default rule */
    ev = completion();
    approval_window(COUNT_SUBMITTED, false, NULL, 0, &ev);
    assert_false(ev.windowed);
    /* a pending report never counts under the default rule, as of any date */
    ev = completion();
    approval_window(COUNT_SUBMITTED, true, NULL, 0, &ev);
    assert_false(counts(&ev, D(2030, 1, 1)));
}

static void keys_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < N_REPORT_STATES; s++)
        assert_int_equal(report_state_parse(report_state_key((enum report_state)s)), s);
    for (int s = 0; s < N_REVIEW_STEPS; s++)
        assert_int_equal(review_step_parse(review_step_key((enum review_step)s)), s);
    for (int p = 0; p < N_COUNT_POLICIES; p++)
        assert_int_equal(count_policy_parse(count_policy_key((enum count_policy)p)), p);
    assert_int_equal(count_policy_parse("all"), -1);
    assert_int_equal(review_step_parse(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(states_follow_the_steps),
        cmocka_unit_test(refusals_name_the_reason),
        cmocka_unit_test(windows_per_rule),
        cmocka_unit_test(keys_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
