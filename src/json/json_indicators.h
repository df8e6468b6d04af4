/*
 * json_indicators: the JSON forms of indicators with their status and of
 * measurements (issue #5), read by other systems and by our tests. Built
 * here so that jansson stays in src/json/.
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
 * ("parts" only when the target has several clauses; "value" is null for
 * a judgement, "judgement" null for a number).
 */
char *json_indicator_list(const struct indicator *x, const struct target *t,
                          const struct indicator_result *r, size_t n, struct date as_of);

/** One indicator's measurements, oldest first: [{"id","date","value","judgement",...}]. */
char *json_measurements(const struct indicator *x);

/** What `measure add --json` prints: {"id","code","date","status","status_label","rule"}. */
char *json_measurement_added(const struct indicator *x, long id, struct date on,
                             const struct indicator_result *r);

#endif
