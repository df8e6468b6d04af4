/*
 * Fuzz target: the JSON bodies the API accepts (json/json_api.h), read and checked as
 * the handlers do before they touch the database. The first byte of the input chooses
 * the body (even: POST /api/v1/progress, odd: POST /api/v1/measurements), the rest is
 * the body. A progress report then goes through progress_read() (dates, done/reopen,
 * percent); a measurement through measure_entry_prepare() against a fixed indicator
 * (the value read, units, blocs and scales named, lengths).
 */
#include "fuzz_common.h"

#include "fuzz_measure.h"

#include "core/progress.h"
#include "json/json_api.h"

static void progress_body(const char *body, size_t len)
{
    struct progress_request rq = PROGRESS_REQUEST_INIT;
    struct err e = ERR_INIT;
    if (json_api_read_progress(body, len, &rq, &e) == 0) {
        if (!rq.row.unit || !rq.row.reported_on)
            abort(); /* both are required */
        struct progress_entry en;
        char *reason = NULL;
        if (progress_read(&rq.row, &en, &reason))
            free(reason);
    } else if (!e.msg[0]) {
        abort();
    }
    progress_request_release(&rq);
}

static void measurement_body(const char *body, size_t len)
{
    struct measure_request rq = MEASURE_REQUEST_INIT;
    struct err e = ERR_INIT;
    if (json_api_read_measurement(body, len, &rq, &e) == 0) {
        if (!rq.value || !date_is_set(rq.on))
            abort(); /* both are required */
        struct measure_input in = { rq.value, rq.unit, rq.bloc, rq.source, rq.on };
        fuzz_measure(len, &in);
    } else if (!e.msg[0]) {
        abort();
    }
    measure_request_release(&rq);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* an exactly sized copy: the parser is given a length, not a NUL */
    size_t len = size - 1;
    char *body = malloc(len ? len : 1);
    if (!body)
        abort();
    if (len)
        memcpy(body, data + 1, len);
    if (data[0] & 1)
        measurement_body(body, len);
    else
        progress_body(body, len);
    free(body);
    return 0;
}
