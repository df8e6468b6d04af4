/*
 * api: /api/v1, the JSON interface for other systems (issue #4 "API for
 * other systems"). The handlers are declared in handlers.h and live in
 * api.c (units, documents, report, the OpenAPI document), api_tasks.c
 * (the task list and one task, with statuses as of a date),
 * api_progress.c (progress reports: read and create),
 * api_indicators.c (indicators with their status, and measurements),
 * api_warnings.c (early warnings as of a date) and api_requests.c (requests
 * for explanation).
 *
 * Every response is JSON; errors are {"error":{"status","message"}}
 * (resp_error() writes them for /api/ paths). Each endpoint declares the
 * query parameters it accepts and answers 400 to any other, so a typo in
 * a filter never silently widens a result. data/web/openapi.json
 * describes every endpoint and shape; keep it in step with the code (the
 * HTTP tests 2NN check real responses against it).
 *
 * This header holds what the api_*.c files share.
 */
#ifndef GIAMSAT_API_H
#define GIAMSAT_API_H

#include "http.h"

/**
 * Answer with JSON text: status, the API content type, the text and a
 * final newline. Takes ownership of json (freed here). Returns 0.
 */
int api_send_take(struct resp *rs, int status, char *json);

/**
 * 0 when every query parameter of rq is one of allowed (NULL-terminated;
 * NULL or { NULL } = none); otherwise a 400 naming the first other one,
 * and -1.
 */
int api_params_or_400(struct req *rq, struct resp *rs, const char *const *allowed);

/**
 * 0 when rq carries a JSON body (Content-Type application/json) of at most
 * JSON_API_BODY_MAX bytes; otherwise a 415 ("send the <what> as JSON") or
 * a 413, and -1.
 */
int api_json_body_or_4xx(struct req *rq, struct resp *rs, const char *what);

/**
 * The unit the query parameter `key` names (a name, alias or abbreviation):
 * 0 with *agency_id its id (0 when the parameter is absent or blank), or -1
 * after a 400 naming the parameter when no unit has that name.
 */
int api_unit_param(struct req *rq, struct resp *rs, const char *key, long *agency_id);

/** The id in the path (":id"), or -1 after a 404 response. */
long api_path_id(struct req *rq, struct resp *rs);

#endif
