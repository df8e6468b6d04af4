/*
 * report_parts: the extra parts of the statistics report (issue #14),
 * laid out as rdoc sections after Đối soát:
 *
 *   nhom_K        a part per document set (seed 004's Part II): its
 *                 summary, a paragraph per document, its overdue tasks,
 *                 its tasks due by D2 and its units' table
 *   y_kien        the latest "vướng mắc, kiến nghị" of each assignment not
 *                 done (core/report_notes.h), with its unit and date
 *   chua_bao_cao  the assignments without a report for more than N days
 *
 * Everything is copied into the rdoc; r and x are borrowed.
 */
#ifndef GIAMSAT_REPORT_PARTS_H
#define GIAMSAT_REPORT_PARTS_H

#include "core/report_notes.h"
#include "rdoc.h"

/**
 * Append to d the parts x holds: one nhom_K section per x->sets[K-1], and
 * y_kien and chua_bao_cao when x->notes. r is the report they belong to.
 */
void report_parts_add(const struct report *r, const struct report_extras *x, struct rdoc *d);

#endif
