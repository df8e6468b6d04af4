/*
 * report_doc: the statistics report (core/report.h) worded as Vietnamese
 * offices write it (seed 004) and laid out as an rdoc, which every format
 * renders. Section keys, stable for `report --format csv --section KEY`:
 *
 *   tong_hop     I.   Tổng hợp chung (headline counts and percentages)
 *   van_ban      II.  Kết quả theo văn bản chỉ đạo
 *   qua_han      III. Nhiệm vụ quá hạn chưa hoàn thành (per document: how many, how
 *                     many overdue more than 90 days, the units not done)
 *   sap_den_han  IV.  Nhiệm vụ đang thực hiện có thời hạn đến ngày D2 (likewise)
 *   don_vi       V.   Kết quả theo đơn vị, and the ranking
 *   linh_vuc     VI.  Kết quả theo lĩnh vực
 *   chi_tieu     VII. Kết quả thực hiện các chỉ tiêu (the indicator board: headline,
 *                     counts per horizon, monitoring agency and group, every
 *                     counted indicator with its status and its rule)
 *   doi_soat     VIII. Đối soát số liệu (every total against its parts, the
 *                     indicator counts included)
 *   so_sanh, nhom_N, y_kien, chua_bao_cao   the extras (report_doc_build_with())
 *   phu_luc_don_vi  Phụ lục I: every unit's counts and the ranking
 *   phu_luc_qua_han, phu_luc_sap_den_han  Phụ lục II, III: every overdue task and
 *                     every task due by D2, one row each (III. and IV. point to
 *                     them), left out with x->lists_apart (a Word report to sign;
 *                     III. and IV. then say they are attached, and VII. lists the
 *                     indicators not evaluated by code, not a row each)
 *
 * The annexes come last, marked rsection.annex (a framed docx puts them after
 * the signature).
 *
 * V. lists only the units with something to report, by khối
 * (report_words_unit_table()); the full table moved to the annex.
 * Without an indicator board the chi_tieu section is left out and Đối soát
 * is VII, as before the indicators existed.
 */
#ifndef GIAMSAT_REPORT_DOC_H
#define GIAMSAT_REPORT_DOC_H

#include "core/indicator_board.h"
#include "core/report.h"
#include "core/report_compare.h"
#include "core/report_notes.h"
#include "rdoc.h"
#include "util/err.h"

#include <stddef.h>

/**
 * Lay out r and the indicator board b into *d (RDOC_INIT); free with
 * rdoc_release(). Text is copied: r and b must outlive nothing.
 *
 * - b: the indicators the report covers, evaluated as of r's date, or NULL
 *   to leave the chi_tieu section out. The caller scopes it: with a unit
 *   filter (r->opt.agency) it holds only the indicators that unit monitors
 *   (the section then says so); a document filter does not narrow it.
 */
void report_doc_build(const struct report *r, const struct indicator_board *b, struct rdoc *d);

/**
 * report_doc_build() with the extras x (NULL: none) placed after Đối soát
 * and before the annex: the comparison (x->compare, as
 * report_doc_add_compare()), a part per document set, the units' issues
 * and the stale assignments (report_parts.h).
 */
void report_doc_build_with(const struct report *r, const struct indicator_board *b,
                           const struct report_extras *x, struct rdoc *d);

/**
 * Append to s the table of the tasks items[idx[0..n)] of r (as III. and IV.
 * list them: name, documents, lead units, due date, units not done, with a
 * footnote naming those when some are done), or "Không có nhiệm vụ." when n is 0.
 */
void report_doc_task_table(const struct report *r, struct rdoc *d, struct rsection *s,
                           const size_t *idx, size_t n);

/**
 * Append to d (a report_doc_build() document of c->after) the section
 * "So với số liệu ngày D0" (key "so_sanh"): the headline figures as of D0
 * and D with the change, then the tasks that became overdue and those
 * completed since D0. c and its reports are borrowed.
 */
void report_doc_add_compare(const struct report_compare *c, struct rdoc *d);

/**
 * The lead units of a listed task as the report writes them: the names
 * when few, "N đơn vị" when many, followed by "(x/y đơn vị chưa hoàn
 * thành)" when some are done. Newly allocated.
 */
char *report_lead_text(const struct report *r, const struct report_task *it);

/** "Bộ A, Bộ B" — the units of it not done, newly allocated. */
char *report_not_done_text(const struct report *r, const struct report_task *it);

#endif
