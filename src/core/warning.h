/*
 * warning: early warnings (cảnh báo sớm, issue #15) as of a date, each with
 * the reason it holds and the date since which it holds. Core, no I/O:
 * computed from the statistics reports and indicator boards the caller
 * built, so a warning list as of a past date is reproduced exactly.
 *
 * Rules (thresholds in struct warning_settings; warning_defaults()):
 *   overdue          an assignment of a counted task is overdue: since the
 *                    day after its due date. Severity cao.
 *   due_soon         an assignment in progress is due within `days` (14)
 *                    days, today included: since due - days. trung_binh.
 *   no_report        an assignment not completed has had no progress
 *                    report for `days` (30) days or more (counted from its
 *                    latest report, else from the task's document date):
 *                    since that date + days. thap.
 *   indicator_red    an indicator is red: since the date of the
 *                    measurement that makes it so (else the as-of date). cao.
 *   indicator_worse  an indicator's status is worse than a month earlier
 *                    (green > amber > red): since the as-of date of the
 *                    comparison. trung_binh.
 *   unit_rate        a unit with assignments due whose on-time completion
 *                    rate is below `threshold` (50) percent, or fell since
 *                    a month earlier. trung_binh.
 * Keys and severities are the contract of `giamsat warnings --format json`
 * and GET /api/v1/warnings: "rule", "severity" (cao, trung_binh, thap).
 */
#ifndef GIAMSAT_WARNING_H
#define GIAMSAT_WARNING_H

#include "indicator_board.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>

enum warning_rule {
    WARN_OVERDUE,
    WARN_DUE_SOON,
    WARN_NO_REPORT,
    WARN_INDICATOR_RED,
    WARN_INDICATOR_WORSE,
    WARN_UNIT_RATE,
    N_WARNING_RULES
};

enum warning_severity { WARN_HIGH, WARN_MEDIUM, WARN_LOW, N_WARNING_SEVERITIES };

/* One rule's setting: off, or on with its severity and threshold. */
struct warning_rule_setting {
    bool enabled;
    enum warning_severity severity;
    long days;      /* due_soon, no_report: the window in days */
    long threshold; /* unit_rate: on-time percent below which a unit is warned */
};

struct warning_settings {
    struct warning_rule_setting rule[N_WARNING_RULES];
};

struct warning {
    enum warning_rule rule;
    enum warning_severity severity;
    size_t task;      /* index into the programme's tasks, or PROG_NONE */
    long indicator;   /* index into the board's indicators, or -1 */
    size_t agency;    /* index into the programme's agencies, or PROG_NONE */
    const char *unit; /* the unit's canonical name (borrowed), "" when none */
    char *reason;     /* Vietnamese, owned */
    struct date since;
};

struct warning_list {
    struct warning *v; /* by severity, then unit (Vietnamese order), rule, task */
    size_t n, cap;
};

#define WARNING_LIST_INIT { NULL, 0, 0 }

/* What the warnings are computed from: all borrowed, kept alive by the caller. */
struct warning_input {
    const struct report *now;        /* as of the date, every unit (agency PROG_NONE) */
    const struct report *month_ago; /* the same as of a month earlier, or NULL */
    const struct indicator_board *board;           /* as of the date, or NULL */
    const struct indicator_board *board_month_ago; /* a month earlier, or NULL */
};

/** The defaults described above, every rule on. */
struct warning_settings warning_defaults(void);

/** "overdue", "due_soon", ... and the rule whose key is key (-1: none). */
const char *warning_rule_key(enum warning_rule r);
int warning_rule_parse(const char *key);
/** Vietnamese name of a rule ("Quá hạn", "Sắp đến hạn", ...). */
const char *warning_rule_label(enum warning_rule r);
/** "cao", "trung_binh", "thap" and their Vietnamese labels. */
const char *warning_severity_key(enum warning_severity s);
const char *warning_severity_label(enum warning_severity s);

/**
 * The warnings of in as of in->now's date under settings s, into *out
 * (WARNING_LIST_INIT; free with warning_list_release()). With agency (an
 * index, PROG_NONE: all) only that unit's; with rule >= 0 only that rule's.
 */
void warnings_build(const struct warning_input *in, const struct warning_settings *s,
                    size_t agency, int rule, struct warning_list *out);

/**
 * The warnings of task (an index into the programme's tasks) alone, as
 * warnings_build() lists them: its assignments' rules, without walking the
 * rest of the programme (a task's page asks for them on every view).
 */
void warnings_build_task(const struct warning_input *in, const struct warning_settings *s,
                         size_t task, struct warning_list *out);

void warning_list_release(struct warning_list *l);

#endif
