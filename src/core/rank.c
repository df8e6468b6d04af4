/* rank: the ranking of units by on-time completion among assignments due; see rank.h. */
#include "rank.h"

#include "util/collate.h"

#include <stdlib.h>

const char rank_rule_text[] =
    "Hạng xếp theo tỷ lệ hoàn thành đúng hạn trong số nhiệm vụ đã đến hạn (đã hoàn thành"
    " hoặc đã quá thời hạn), làm tròn đến phần trăm như trên bảng; bằng tỷ lệ thì đơn vị có nhiều nhiệm vụ hoàn thành đúng hạn"
    " hơn xếp trên, rồi đơn vị có ít nhiệm vụ quá hạn hơn; vẫn bằng nhau thì cùng hạng"
    " (1, 2, 2, 4). Đơn vị chưa có nhiệm vụ đến hạn không được xếp hạng.";

long rank_due(const struct bucket_counts *c)
{
    return c->n[BUCKET_DONE_ON_TIME] + c->n[BUCKET_DONE_LATE] + c->n[BUCKET_OVERDUE];
}

struct rank_key rank_key_of(const struct bucket_counts *c, const char *name)
{
    return (struct rank_key){ c->n[BUCKET_DONE_ON_TIME], rank_due(c), c->n[BUCKET_OVERDUE],
                              name };
}

/* Better first by the rule's keys; 0 when the two share a rank. Both have something due. */
static int key_cmp(const struct rank_key *x, const struct rank_key *y)
{
    /* the rate as the tables show it (whole percent): a rank a reader can check */
    long px = percent_round(x->on_time, x->due), py = percent_round(y->on_time, y->due);
    if (px != py)
        return px > py ? -1 : 1;
    if (x->on_time != y->on_time)
        return x->on_time > y->on_time ? -1 : 1;
    if (x->overdue != y->overdue)
        return x->overdue < y->overdue ? -1 : 1;
    return 0;
}

/* qsort has no context argument: a per-thread pointer (the server ranks in parallel). */
static _Thread_local const struct rank_key *sort_keys;

static int order_cmp(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const struct rank_key *x = &sort_keys[i], *y = &sort_keys[j];
    bool rx = x->due > 0, ry = y->due > 0;
    if (rx != ry)
        return rx ? -1 : 1;
    int c = rx ? key_cmp(x, y) : 0;
    if (c)
        return c;
    c = collate_vi(x->name ? x->name : "", y->name ? y->name : "");
    return c ? c : (i > j) - (i < j);
}

void rank_units(const struct rank_key *k, size_t n, long *rank, size_t *order)
{
    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    sort_keys = k;
    qsort(order, n, sizeof(*order), order_cmp);
    sort_keys = NULL;
    for (size_t pos = 0; pos < n; pos++) {
        size_t i = order[pos];
        if (k[i].due <= 0) {
            rank[i] = 0;
            continue;
        }
        size_t prev = pos ? order[pos - 1] : 0;
        bool tie = pos && k[prev].due > 0 && key_cmp(&k[prev], &k[i]) == 0;
        rank[i] = tie ? rank[prev] : (long)pos + 1;
    }
}
