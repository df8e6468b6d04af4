/*
 * json_indicators: the JSON forms of indicators with their status and of
 * measurements (issue #5), read by other systems and by our tests: the
 * command line's (`indicators --format json`, `measure list|add`) and
 * /api/v1/indicators', which wraps the very same objects. Built here so
 * that jansson stays in src/json/.
 *
 * Numbers are written with up to 15 significant digits (0,72 is 0.72, a
 * whole number has no decimal point). Every function returns a newly
 * allocated, NUL-terminated JSON text (indented, UTF-8); free it.
 */
#ifndef GIAMSAT_JSON_INDICATORS_H
#define GIAMSAT_JSON_INDICATORS_H

#include "core/indicator.h"

#include <stddef.h>

/**
 * The indicators x[0..n) with their parsed targets t[i] and statuses r[i]
 * as of as_of: an array of
 *   {"id","code","parent_code","name","unit","target_text","horizon",
 *    "agency","document","field","target":{"kind","form","lower_is_better",
 *    "note"},"baseline":{"value","date"}|null,"measurements":N,
 *    "latest":{"date","value","judgement","text","bloc","unit","source"}|null,
 *    "as_of","status":"green|amber|red|grey","status_label","rule",
 *    "parts":[{"label","status","rule","latest"}]}
 * ("measurements" counts those dated on or before as_of, so a report of a
 * past date reads the same later; "parts" only when the target has
 * several clauses; "value" is null for a judgement, "judgement" null for
 * a number).
 */
char *json_indicator_list(const struct indicator *x, const struct target *t,
                          const struct indicator_result *r, size_t n, struct date as_of);

/**
 * One indicator's measurements, oldest first: the "latest" object above
 * plus "entered_via", "entered_by", "entered_at".
 */
char *json_measurements(const struct indicator *x);

/** What `measure add --json` prints: {"id","code","date","status","status_label","rule"}. */
char *json_measurement_added(const struct indicator *x, long id, struct date on,
                             const struct indicator_result *r);

/* ---- the API's forms (GET/POST /api/v1/indicators, issue #5) ------------------- */

/**
 * One page of the indicator list, the tasks list's envelope:
 * {"items":[json_indicator_list() item],"total","limit","offset","as_of"}.
 * x, t, r hold the n items of the page; total counts every match.
 */
char *json_indicator_page(const struct indicator *x, const struct target *t,
                          const struct indicator_result *r, size_t n, struct date as_of, long total,
                          long limit, long offset);

/**
 * One indicator: the json_indicator_list() item plus "history" (every
 * measurement, as json_measurements()) and "by_unit" (u[0..n_u), as
 * indicator_units() gives them: one {"unit_id","unit","measurements",
 * "status","status_label","rule","latest"[,"parts"]} per unit the
 * measurements up to as_of name; [] when none).
 */
char *json_indicator_detail(const struct indicator *x, const struct target *t,
                            const struct indicator_result *r, struct date as_of,
                            const struct indicator_unit *u, size_t n_u);

/**
 * A measurement just stored (m, one of x's): json_measurement_added()'s
 * keys with r the status of the indicator as a whole as of as_of, then
 * "indicator_id", "as_of", "measurement" (as in "history"), "latest",
 * "parts" (several clauses only) and "unit_status" (u as a "by_unit" item,
 * or null when m is not a unit's own measurement).
 */
char *json_measurement_created(const struct indicator *x, const struct measurement *m,
                               const struct indicator_result *r, struct date as_of,
                               const struct indicator_unit *u);

#endif
