/*
 * rank: the ranking of units by on-time completion (issue #13), one rule
 * for the statistics report (its ranking annex and JSON "rank"), the page
 * Đơn vị and a unit's page. Pure functions; no I/O.
 *
 * The rule (docs/COUNTING.md, "Bảng thuật ngữ"): a unit's assignments
 * that are due as of the date are those done (on time or late) and those
 * overdue; its rate is done on time / due, in whole percent rounded half
 * up as every table shows it (percent_round()), so a reader can check a
 * rank from the columns beside it. Units are ordered by that rate, then by
 * more assignments done on time, then by fewer overdue. Units equal on all three share a
 * rank and the next rank skips (standard competition ranking: 1, 2, 2,
 * 4); within a shared rank they are listed by name. A unit with nothing
 * due is not ranked (rank 0, "chưa có nhiệm vụ đến hạn") and is listed
 * after the ranked ones, by name. The result does not depend on the order
 * the units are given in.
 */
#ifndef GIAMSAT_RANK_H
#define GIAMSAT_RANK_H

#include "status.h"

#include <stddef.h>

/* What ranking reads of one unit. */
struct rank_key {
    long on_time; /* assignments done on time */
    long due;     /* done on time + done late + overdue */
    long overdue; /* overdue, not done */
    const char *name; /* for the order within a rank only */
};

/** The key of a unit with bucket counts c (name borrowed). */
struct rank_key rank_key_of(const struct bucket_counts *c, const char *name);

/** Assignments due as of the date among c: done (on time or late) + overdue. */
long rank_due(const struct bucket_counts *c);

/**
 * Rank the n units k[0..n): rank[i] receives unit i's rank (1 = best, 0 =
 * nothing due, not ranked); order[0..n) receives the unit indexes, ranked
 * best first then the unranked, as described above.
 */
void rank_units(const struct rank_key *k, size_t n, long *rank, size_t *order);

/** The rule in one sentence, for the pages and the report. */
extern const char rank_rule_text[];

#endif
