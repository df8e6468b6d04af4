/*
 * Fuzz target: indicator targets (core/target.h). The first line of the input is the
 * unit column ("%", "Thứ bậc"...; empty: none), the rest the target as written. Every
 * reader of a parsed target is called too: describe, find_part, met, goal, and
 * target_find_start() / target_read_number() on the raw text.
 */
#include "fuzz_common.h"

#include "core/target.h"

#include <math.h>

static void check_clauses(const struct target *t)
{
    if (t->kind == TARGET_NUMERIC && t->n_clauses == 0)
        abort();
    for (size_t i = 0; i < t->n_clauses; i++) {
        const struct target_clause *c = &t->clauses[i];
        if (c->op == TARGET_RANGE && !(c->low <= c->high))
            abort(); /* the contract: a range's ends are ordered */
        (void)target_lower_is_better(t, c);
        double g = target_goal(t, c);
        (void)target_met(t, c, g);
        (void)target_met(t, c, 0);
        (void)target_met(t, c, NAN);
        if (c->label && !target_find_part(t, c->label))
            abort(); /* a clause's own label finds a clause */
    }
    (void)target_needs_part(t);
    (void)target_find_part(t, "khối bộ");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *rest;
    size_t rest_len;
    char *unit = fuzz_head(data, size, &rest, &rest_len);
    char *text = fuzz_str(rest, rest_len);

    struct target t = TARGET_INIT;
    target_parse(&t, text, *unit ? unit : NULL);
    check_clauses(&t);
    free(target_describe(&t));
    target_release(&t);

    (void)target_find_start(text);
    double v;
    for (const char *p = text; *p; p++)
        (void)target_read_number(p, &v);
    char out[TARGET_NUM_LEN];
    if (target_read_number(text, &v))
        target_format_number(v, out);

    free(text);
    free(unit);
    return 0;
}
