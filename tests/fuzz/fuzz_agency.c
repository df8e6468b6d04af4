/*
 * Fuzz target: agency cells. The input is a lead cell (Cơ quan chủ trì), a tab, and a
 * coordinating cell (Cơ quan phối hợp); both go through resolve_batch() exactly as an
 * importer's task does (registry_split(), successors, group expansion), with the
 * shipped registry. registry_lookup() and registry_unit_id() read the whole cell too.
 */
#include "fuzz_common.h"

#include "core/batch.h"
#include "core/resolve.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct registry *reg = fuzz_registry();
    char *s = fuzz_str(data, size);
    char *tab = strchr(s, '\t');
    if (tab)
        *tab = '\0';

    struct batch b = BATCH_INIT;
    b.format = "table";
    struct batch_task *t = batch_add_task(&b, 1);
    t->code = xstrdup("1");
    t->name = xstrdup("nhiệm vụ");
    t->lead = xstrdup(s);
    t->coord = tab ? xstrdup(tab + 1) : NULL;
    struct import_summary sum;
    memset(&sum, 0, sizeof sum);
    struct resolved_task *rt = resolve_batch(reg, &b, &sum);
    for (size_t i = 0; i < rt->n_assign; i++)
        if (rt->assign[i].agency >= reg->n_agencies)
            abort();
    resolved_free(rt, b.n_tasks);
    batch_release(&b);

    bool is_group;
    (void)registry_lookup(reg, s, &is_group);
    (void)registry_unit_id(reg, s);
    free(s);
    return 0;
}
