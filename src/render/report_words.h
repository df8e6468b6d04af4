/*
 * report_words: the sentences and the units' table of the statistics
 * report worded as the steering office writes them (seed 004, issue #14),
 * for report_doc.c to place in its sections:
 *
 *   "Theo số liệu trên hệ thống, tổng số nhiệm vụ giao từ đầu năm đến ngày
 *    24/12/2025 là 1.298, trong đó: 779 nhiệm vụ đã hoàn thành (chiếm 60%),
 *    ..."; one paragraph per directive document ("Tại Phiên họp thứ hai của
 *    Ban Chỉ đạo, ngày 04/3/2025, ... đã giao 47 nhiệm vụ ... Hiện đã có
 *    34/47 nhiệm vụ hoàn thành (24 đúng hạn; 10 quá hạn); 04 ..."); where
 *    the remaining and the overdue tasks concentrate; the units' table by
 *    khối; the parts of the report on document sets, the units' issues and
 *    the assignments without a recent report.
 *
 * Numbers follow core/figures.h (thousands with a dot, small counts
 * zero-padded, headline percentages summing to 100). Every function copies
 * what it needs: the report is borrowed.
 */
#ifndef GIAMSAT_REPORT_WORDS_H
#define GIAMSAT_REPORT_WORDS_H

#include "core/report.h"
#include "core/report_notes.h"
#include "rdoc.h"

#include <stddef.h>

/** The headline sentence of I. Tổng hợp chung; newly allocated. */
char *report_words_summary(const struct report *r);

/** "Trọng tâm từ nay đến ngày D2 là hoàn thành N nhiệm vụ ..."; newly allocated. */
char *report_words_focus(const struct report *r);

/**
 * The opening sentence of a document set's part (seed 004: "Tỷ lệ hoàn thành
 * đạt 49% (131/267) ... Tổng số đã giao 273 nhiệm vụ cho 103 đơn vị, trong đó
 * có 06 nhiệm vụ nhắc lại ..."); newly allocated.
 */
char *report_words_set_summary(const struct report *r);

/**
 * Append to s the sentences saying in which fields the tasks not done and
 * the overdue tasks concentrate (figures_concentration(): the fewest
 * fields, at most 3, holding at least half), or that they are spread out.
 * Tasks with no field are left out of both counts. Nothing when none.
 */
void report_words_concentration(const struct report *r, struct rsection *s);

/**
 * Append to s document row k (1-based) of r as the office writes it: an
 * item "(k) name", then its paragraph (the meeting and its date when the
 * document has them, its summary, and the counts).
 */
void report_words_document(const struct report *r, const struct report_document_row *row, size_t k,
                           struct rsection *s);

/**
 * Append to s the units' table (core report_unit_table(): only units with
 * something to report, by khối): STT, Đơn vị, Khối, overdue, in progress
 * due by D2. A sentence instead when there is none.
 */
void report_words_unit_table(const struct report *r, struct rsection *s);

#endif
