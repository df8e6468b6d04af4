/*
 * indicator: an indicator (chỉ tiêu) with its measurements, and the rule
 * that gives it a status as of a date D. Core layer: no I/O; the store
 * fills struct indicator, front-ends show the result.
 *
 * The status, clause by clause of the target (core/target.h), from the
 * latest measurement of that clause dated on or before D:
 *
 *   green  (đạt)            the value meets the clause;
 *   amber  (đúng lộ trình)  it does not yet, but it is on or beyond the
 *                           straight path from the baseline to the goal
 *                           at 31/12 of the horizon year, taken at the
 *                           date of the measurement;
 *   red    (chậm)           below that path, or D is past the horizon and
 *                           the goal is not met;
 *   grey                    no measurement yet, or a text target waiting
 *                           for a person's judgement.
 *
 * The baseline is, in this order: the one stored on the indicator; the
 * starting point the target names ("từ 1,8 MW (năm 2024)"), or for "tăng
 * 04 bậc ... (xếp thứ 63)" rank 67 at the end of the year before the
 * horizon; otherwise the first measurement.
 *
 * A judgement decides as a person said it: "đạt" green, "đúng lộ trình"
 * amber (red once past the horizon), "chưa đạt" red. It is how a text
 * target is judged, and it may stand in for a figure on any target.
 *
 * Several clauses (two scales, a whole target and its blocs): each is
 * judged on its own measurements (those naming its scale or bloc), and
 * the indicator is green only when every clause is. Otherwise red wins,
 * then grey (a clause not measured means "not known to be on track"),
 * then amber. A floor with a stretch ("tối thiểu 50%, phấn đấu đạt 70%")
 * is green on the floor; the rule says whether the stretch is reached.
 *
 * Every status comes with a rule: one Vietnamese sentence that says why
 * ("Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt").
 */
#ifndef GIAMSAT_INDICATOR_H
#define GIAMSAT_INDICATOR_H

#include "date.h"
#include "target.h"

#include <stdbool.h>
#include <stddef.h>

enum indicator_status { IND_GREY, IND_GREEN, IND_AMBER, IND_RED };

enum judgement { JUDGE_NONE, JUDGE_MET, JUDGE_ON_TRACK, JUDGE_NOT_MET };

/* One measurement as stored; every string owned (NULL where said). */
struct measurement {
    long id;        /* 0 before it is stored; orders measurements of one date */
    struct date on; /* measured on */
    bool has_value;
    double value;             /* when has_value */
    enum judgement judgement; /* when !has_value */
    char *bloc;               /* the scale or bloc (target clause label), NULL for the whole */
    long unit_id;             /* the agency measured (a per-unit breakdown), 0 for the whole */
    char *unit_name;          /* its canonical name, or NULL */
    char *text;               /* the value as written ("0,72", "82%", "đạt") */
    char *source;             /* report, agency or document named; "" when none */
    char *entered_via;        /* "cli", "web", "api", "import" */
    char *entered_by;         /* actor ("cli", a username, "token:NAME") */
    char *entered_at;         /* UTC timestamp */
};

/* An indicator with its measurements (by date, then entry order). */
struct indicator {
    long id;
    char *code;        /* "11.1", "KH2025.4" */
    char *parent_code; /* "11", or NULL */
    char *name;
    char *unit;        /* unit column ("%", "Thứ bậc"), "" when none */
    char *target_text; /* as written */
    char *agency;      /* monitoring agency (canonical, or as written), "" when none */
    char *document;    /* source document's name, or NULL */
    char *field;       /* group ("Chính phủ số"), "" when none */
    long agency_id;    /* 0 when not resolved */
    int horizon;       /* year the target is due (31/12), 0 when unknown */
    bool has_baseline;
    double baseline;
    struct date baseline_on;
    struct measurement *m;
    size_t n_m, cap_m;
};

/* A value as a person typed it, read. */
struct measure_reading {
    bool has_value;
    double value;
    bool percent;             /* written with '%' */
    bool rank;                /* written as a rank ("thứ 5") */
    enum judgement judgement; /* when !has_value */
};

/* The status of one clause (or of a text or empty target: clause NULL). */
struct indicator_part {
    const struct target_clause *clause; /* borrowed from the target */
    enum indicator_status status;
    const struct measurement *latest; /* borrowed from the indicator, or NULL */
    char *rule;                       /* owned */
};

struct indicator_result {
    enum indicator_status status;
    char *rule;                       /* owned */
    const struct measurement *latest; /* the headline measurement (borrowed), or NULL */
    struct indicator_part *parts;     /* one per clause; one for a text or empty target */
    size_t n_parts;
};

/**
 * True when an indicator's stored baseline starts the path of clause c of
 * target t: the whole indicator, or a target with a single clause (a
 * scale or bloc of several has its own figures, not the indicator's).
 */
bool indicator_baseline_starts(const struct target *t, const struct target_clause *c);

/** Append an empty measurement (strings NULL) to x and return it. */
struct measurement *indicator_add_measurement(struct indicator *x);
void measurement_release(struct measurement *m);
/** Free x's strings and measurements (not x itself). */
void indicator_release(struct indicator *x);
/** indicator_release() each of x[0..n), then free(x); accepts NULL. */
void indicators_free(struct indicator *x, size_t n);

/** "green", "amber", "red", "grey". */
const char *indicator_status_key(enum indicator_status s);
/** The status whose indicator_status_key() is key ("green"...), or -1. */
int indicator_status_parse(const char *key);
/** "đạt", "đúng lộ trình", "chậm", "chưa đánh giá". */
const char *indicator_status_label(enum indicator_status s);
/** "met", "on_track", "not_met" (as stored), NULL for JUDGE_NONE. */
const char *judgement_key(enum judgement j);
/** "đạt", "đúng lộ trình", "chưa đạt". */
const char *judgement_label(enum judgement j);
/** The judgement of a stored key; JUDGE_NONE when unknown. */
enum judgement judgement_parse(const char *key);

/**
 * Read a value as typed: a number with a decimal comma or point ("0,72",
 * "81.400"), a percent ("82%"), a rank ("thứ 5", "hạng 5", or a bare
 * number), or a judgement ("đạt"/"có", "chưa đạt"/"không", "đúng lộ
 * trình"). Returns 0, or -1 with *reason (newly allocated, free()) quoting
 * the text.
 */
int measure_read(const char *text, struct measure_reading *out, char **reason);

/**
 * Check a reading before it is stored for x (target t parsed from x):
 * not dated after today; a number only for a numeric target, a percent
 * only for a unit in %, a share within 0..100, a rank a whole number from
 * 1, no negative value except for a rate per year; the scale or bloc
 * `part` (NULL when none given) one of t's labels, and given when t has no
 * whole clause. On success *label is the clause label `part` names
 * (borrowed from t) or NULL. Returns 0, or -1 with *reason (newly
 * allocated) and *field ("value", "date" or "part": what to fix).
 */
int indicator_check(const struct indicator *x, const struct target *t,
                    const struct measure_reading *r, const char *part, struct date on,
                    struct date today, const char **label, char **reason, const char **field);

/**
 * The status of x as of D (as_of), from the measurements of unit_id (0:
 * the indicator as a whole; an agency id: that unit's own measurements,
 * for a per-unit breakdown). t is x's target, parsed. *out is filled
 * (borrowing from x and t, which must outlive it); free with
 * indicator_result_release().
 */
void indicator_evaluate(const struct indicator *x, const struct target *t, struct date as_of,
                        long unit_id, struct indicator_result *out);
void indicator_result_release(struct indicator_result *r);

/** How many of x's measurements are dated on or before as_of (what a report of as_of counts). */
size_t indicator_count_until(const struct indicator *x, struct date as_of);

/* One unit of a per-unit breakdown: its status from its own measurements. */
struct indicator_unit {
    long unit_id;              /* the agency's id */
    const char *unit;          /* its canonical name ("" when unknown); borrowed from x */
    size_t n_measurements;     /* the unit's measurements dated on or before as_of */
    struct indicator_result r; /* indicator_evaluate(x, t, as_of, unit_id); r.latest: its latest */
};

/**
 * The per-unit breakdown of x as of as_of, the one the pages, the API and
 * the command line show: the units that x's measurements dated on or
 * before as_of name (measurements of the whole name none), in the order
 * they first appear, each evaluated on its own measurements. A unit
 * measured only after as_of is not listed. *out is newly allocated (NULL
 * when *n is 0) and borrows from x and t, which must outlive it; free with
 * indicator_units_free().
 */
void indicator_units(const struct indicator *x, const struct target *t, struct date as_of,
                     struct indicator_unit **out, size_t *n);
void indicator_units_free(struct indicator_unit *u, size_t n);

#endif
