/*
 * fuzz_measure: a measurement as given (value, unit, bloc, source, date) read and
 * checked by measure_entry_prepare() against one of four fixed indicators whose
 * targets cover the shapes that matter (a plain floor, two rank scales, blocs, prose),
 * as the store and the API do before writing. Pure: no database.
 */
#ifndef GIAMSAT_FUZZ_MEASURE_H
#define GIAMSAT_FUZZ_MEASURE_H

#include "fuzz_common.h"

#include "core/measure_entry.h"
#include "core/target.h"

static const struct {
    const char *unit, *target;
} fuzz_targets[] = {
    { "%", "≥ 80%" },
    { "Thứ bậc", "≤ 3 Đông Nam Á; ≤ 50 Thế giới" },
    { "%", "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt tối thiểu 70%" },
    { "", "Đạt mức tiên tiến của khu vực" },
};
#define FUZZ_N_TARGETS (sizeof fuzz_targets / sizeof fuzz_targets[0])

/* Prepare `in` for fixed indicator k (mod 4); everything released. */
static inline void fuzz_measure(size_t k, const struct measure_input *in)
{
    k %= FUZZ_N_TARGETS;
    struct indicator x;
    memset(&x, 0, sizeof x);
    x.id = 1;
    x.code = (char *)"11.1";
    x.name = (char *)"chỉ tiêu";
    x.unit = (char *)fuzz_targets[k].unit;
    x.target_text = (char *)fuzz_targets[k].target;
    x.agency = (char *)"";
    x.field = (char *)"";
    x.horizon = 2025;
    struct target t = TARGET_INIT;
    target_parse(&t, x.target_text, x.unit);
    struct measurement m;
    memset(&m, 0, sizeof m);
    char *reason = NULL;
    const char *field = NULL;
    if (measure_entry_prepare(fuzz_registry(), &x, &t, in, (struct date){ 2025, 12, 31 }, &m,
                              &reason, &field)) {
        if (!reason || !field)
            abort(); /* the contract: a refusal says why and names the field */
        free(reason);
    }
    measurement_release(&m);
    target_release(&t);
}

#endif
