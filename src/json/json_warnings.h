/*
 * json_warnings: early warnings as JSON (issue #15), the contract of
 * `giamsat warnings --format json` and GET /api/v1/warnings. One item:
 *   {"rule":"overdue|due_soon|no_report|indicator_red|indicator_worse|unit_rate",
 *    "severity":"cao|trung_binh|thap","task":ID|null,"indicator":"CODE"|null,
 *    "unit":"canonical name","reason":"…","since":"YYYY-MM-DD",
 *    "task_name":"…"|null,"rule_label":"…"}
 * Every function returns a newly allocated JSON text; free it with free().
 */
#ifndef GIAMSAT_JSON_WARNINGS_H
#define GIAMSAT_JSON_WARNINGS_H

#include "core/warning.h"

/** [item, ...] (indented), for the command line. p and b are those the list was built from. */
char *json_warning_list(const struct warning_list *l, const struct programme *p,
                        const struct indicator_board *b);

/**
 * {"as_of","total","limit","offset","items":[item, ...]} (indented), the page
 * [offset, offset + limit) of l, for the API.
 */
char *json_warning_page(const struct warning_list *l, const struct programme *p,
                        const struct indicator_board *b, struct date as_of, long limit,
                        long offset);

#endif
