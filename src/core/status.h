/*
 * status: the five buckets of DOMAIN.md "Counting" for one assignment
 * (task x lead unit) as of a date, computed by replaying its progress
 * reports. Pure functions; no allocation.
 *
 * Replay rule: only reports dated on or before the as-of date count, in
 * (report date, entry order). A completion report marks the assignment
 * done with its completion date; a reopening report marks it not done;
 * an ordinary progress report changes neither. So an assignment never
 * goes from done back to not done as the date advances unless a
 * reopening report says so.
 */
#ifndef GIAMSAT_STATUS_H
#define GIAMSAT_STATUS_H

#include "date.h"
#include "deadline.h"

#include <stdbool.h>
#include <stddef.h>

enum bucket {
    BUCKET_DONE_ON_TIME, /* hoàn thành đúng hạn */
    BUCKET_DONE_LATE,    /* hoàn thành quá hạn */
    BUCKET_IN_PROGRESS,  /* đang thực hiện trong hạn */
    BUCKET_RECURRING,    /* thường xuyên, chưa hoàn thành */
    BUCKET_OVERDUE,      /* quá hạn chưa hoàn thành */
    N_BUCKETS
};

struct bucket_counts {
    long n[N_BUCKETS];
};

enum progress_kind {
    PROGRESS_UPDATE, /* a report of progress: does not change completion */
    PROGRESS_DONE,   /* completion: states completed_on */
    PROGRESS_REOPEN, /* a completed assignment is open again */
};

/* What the replay needs of one progress report. */
struct progress_event {
    struct date reported_on;  /* ngày báo cáo */
    long seq;                 /* entry order among reports of the same date */
    enum progress_kind kind;
    struct date completed_on; /* PROGRESS_DONE only */
    /* Set by approval_window() for a report the statistics count only for a while
     * (awaiting approval, returned, ...): it counts as of D when counts_from <= D <
     * counts_until, in date_to_days() numbers (INT_MAX: never, or forever). */
    bool windowed;
    int counts_from, counts_until;
};

struct assignment_state {
    bool completed;
    struct date completed_on; /* when completed */
    bool reopened;            /* a reopening report counted at least once */
};

/*
 * The glossary (docs/COUNTING.md, "Bảng thuật ngữ"): the one Vietnamese
 * name of each count, used by every page, the report and the exports.
 * bucket_label() gives the bucket names. Macros, so formats can join them.
 */
#define BUCKET_LABEL_DONE_ON_TIME "Hoàn thành đúng hạn"
#define BUCKET_LABEL_DONE_LATE "Hoàn thành quá hạn"
#define BUCKET_LABEL_IN_PROGRESS "Đang thực hiện trong hạn" /* never "có thời hạn", "trong hạn" */
#define BUCKET_LABEL_RECURRING "Thường xuyên"
#define BUCKET_LABEL_OVERDUE "Quá hạn chưa hoàn thành"
#define COUNT_LABEL_TASKS "Tổng số nhiệm vụ"      /* counted tasks: bucket_total(tasks) */
#define COUNT_LABEL_DONE "Đã hoàn thành"          /* done on time + done late */
#define COUNT_LABEL_ON_TRACK "Đang thực hiện đúng hạn" /* in progress + recurring */
#define COUNT_LABEL_ASSIGNMENTS "Tổng số nhiệm vụ của đơn vị" /* a unit's counted assignments */
#define COUNT_LABEL_DUE "Đến hạn"                 /* done (on time or late) + overdue */
#define COUNT_LABEL_DUE_RATE "Tỷ lệ đúng hạn trong số đến hạn" /* done on time / due: the rank's */
#define COUNT_LABEL_ON_TIME_RATE "Tỷ lệ hoàn thành đúng hạn" /* done on time / total */
#define COUNT_LABEL_NOT_COUNTED "Không tính trong thống kê" /* groups and repeats */

/** Stable names for data and JSON: "done_on_time", ... */
const char *bucket_key(enum bucket b);
/** The bucket whose bucket_key() is key, or -1: every filter parses keys here. */
int bucket_parse(const char *key);
/** Vietnamese label as in the statistics report. */
const char *bucket_label(enum bucket b);

/*
 * The task-status filter, one rule for the task list (/tasks?status=),
 * the API (/api/v1/tasks?status=) and the command line (giamsat tasks
 * --status): a key names one bucket (bucket_key()) or one of the sums the
 * headline figures show, "in_progress_on_time" (COUNT_LABEL_ON_TRACK: in
 * progress and recurring) and "done" (COUNT_LABEL_DONE: on time and
 * late). A filter is a mask, bit (1u << bucket) per bucket kept; 0 keeps
 * every task.
 */
/** The filter named by key; 0 when key is NULL or not a filter key. */
unsigned status_filter_parse(const char *key);
/** True when a task in bucket b (N_BUCKETS: not counted) passes filter mask. */
bool status_filter_keeps(unsigned mask, enum bucket b);
/**
 * The i-th filter choice, in the order a list offers them: its key and
 * its Vietnamese label (static). False when i is past the last.
 */
bool status_filter_choice(size_t i, const char **key, const char **label);
/** Every filter key, joined with ", " (static), for a message naming them. */
const char *status_filter_keys(void);
/** "progress", "done", "reopen". */
const char *progress_kind_name(enum progress_kind k);
/** Parse a progress_kind_name(); returns 0, or -1 when unknown. */
int progress_kind_parse(const char *s, enum progress_kind *out);

/** Sort events into replay order (reported_on, then seq). */
void status_sort_events(struct progress_event *ev, size_t n);

/**
 * The date of the latest report on or before as_of, DATE_NONE when there
 * is none: how old the newest word from a unit is (issue #11).
 */
struct date status_last_report(const struct progress_event *ev, size_t n, struct date as_of);

/**
 * Replay events (in replay order) that are dated on or before as_of,
 * skipping those whose window does not hold as_of (approval.h).
 */
struct assignment_state status_replay(const struct progress_event *ev, size_t n,
                                      struct date as_of);

/**
 * The bucket of a unit of work due per (kind, due) in state st as of
 * as_of. Completed with no due date is done on time; not completed with
 * an undated, non-recurring deadline is in progress (a person must set
 * the date: see status_is_undated()).
 */
enum bucket status_bucket(enum deadline_kind kind, struct date due,
                          const struct assignment_state *st, struct date as_of);

/** True for an open item whose deadline phrase has no date and is not recurring. */
bool status_is_undated(enum deadline_kind kind, const struct assignment_state *st);

/** Sum of the five counts. */
long bucket_total(const struct bucket_counts *c);
/** a += b, bucket by bucket. */
void bucket_add(struct bucket_counts *a, const struct bucket_counts *b);

/** Whole percent of part in total, rounded half up; 0 when total is 0. */
long percent_round(long part, long total);

#endif
