/*
 * gen: the generated programme's documents and tasks, and the
 * generator's lifecycle; see gen.h. The reports are gen_report.c's. The
 * words it writes (names, leads) come from the tables below, the draws
 * from gen_pick.h, the communes from gen_units.h.
 */
#include "gen.h"

#include "deadline.h"
#include "gen_internal.h"
#include "gen_pick.h"
#include "gen_units.h"

#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define SPAN_DAYS 730    /* documents over the two years before until */
#define LAST_GAP_DAYS 30 /* the last document at least this long before until */

/* ---- the words ---------------------------------------------------------------- */

static const char *const verbs[] = {
    "Xây dựng",
    "Hoàn thiện",
    "Triển khai",
    "Nghiên cứu, đề xuất",
    "Sửa đổi, bổ sung",
    "Ban hành",
    "Tổ chức thực hiện",
    "Đẩy mạnh",
    "Rà soát, đánh giá",
    "Phát triển",
    "Thí điểm",
    "Nâng cấp",
    "Xây dựng và vận hành",
    "Hướng dẫn thực hiện",
    "Kiện toàn",
    "Tổng kết, đánh giá",
};
static const char *const objects[] = {
    "Nghị định về",
    "Thông tư hướng dẫn về",
    "Đề án về",
    "Chương trình phát triển",
    "cơ sở dữ liệu quốc gia về",
    "nền tảng số phục vụ",
    "bộ tiêu chí đánh giá",
    "cơ chế thí điểm về",
    "kế hoạch hành động về",
    "hệ thống thông tin về",
    "chiến lược quốc gia về",
    "chính sách ưu đãi cho",
    "mô hình trung tâm",
    "quy chuẩn kỹ thuật về",
};
static const char *const topics[] = {
    "dữ liệu mở",
    "trí tuệ nhân tạo",
    "chuyển đổi số",
    "đổi mới sáng tạo",
    "khoa học và công nghệ",
    "an ninh mạng",
    "chính phủ số",
    "kinh tế số",
    "xã hội số",
    "hạ tầng số",
    "công nghiệp bán dẫn",
    "khởi nghiệp sáng tạo",
    "dịch vụ công trực tuyến",
    "định danh và xác thực điện tử",
    "thanh toán không dùng tiền mặt",
    "điện toán đám mây",
    "nhân lực số",
    "sở hữu trí tuệ",
    "chuyển giao công nghệ",
    "thương mại điện tử",
    "y tế số",
    "giáo dục số",
    "nông nghiệp thông minh",
    "giao thông thông minh",
    "đô thị thông minh",
};
static const char *const scopes[] = {
    "",
    "trong lĩnh vực y tế",
    "tại các địa phương",
    "trong cơ quan nhà nước",
    "giai đoạn 2026-2030",
    "cho doanh nghiệp nhỏ và vừa",
    "ở cấp xã",
    "trong các trường đại học",
    "gắn với cải cách hành chính",
    "bảo đảm an toàn, an ninh",
    "trên phạm vi toàn quốc",
    "cho khu vực nông thôn, miền núi",
    "trong các doanh nghiệp nhà nước",
    "phục vụ người dân và doanh nghiệp",
    "theo hướng hiện đại, đồng bộ",
    "tại các khu công nghệ cao",
};
#define NAME_SPACE ((uint64_t)N_OF(verbs) * N_OF(objects) * N_OF(topics) * N_OF(scopes))
#define NAME_STRIDE 1000003ULL /* prime, so id -> id * stride mod space is a permutation */

static const char *const fields[] = {
    "Hoàn thiện thể chế, chính sách",
    "Phát triển hạ tầng số",
    "Chuyển đổi số trong cơ quan nhà nước",
    "Phát triển nguồn nhân lực",
    "Đổi mới sáng tạo, khởi nghiệp",
    "An ninh mạng, an toàn dữ liệu",
    "Hợp tác quốc tế",
    "Kinh tế số, xã hội số",
    "Khoa học, công nghệ",
};
static const char *const outputs[] = {
    "Nghị định của Chính phủ",
    "Quyết định của Thủ tướng Chính phủ",
    "Đề án",
    "Báo cáo",
    "Hệ thống được vận hành",
    "Thông tư",
    "Kế hoạch",
    "Văn bản hướng dẫn",
};
/* Documents: kind, symbol, and the counter its numbers share (by kind word). */
static const struct {
    const char *kind, *symbol;
    unsigned weight, counter;
    bool local; /* issued by a province */
} doc_kinds[] = {
    { "Nghị quyết", "NQ-CP", 20, 0, false }, { "Quyết định", "QĐ-TTg", 25, 1, false },
    { "Chỉ thị", "CT-TTg", 10, 2, false },   { "Thông báo", "TB-VPCP", 30, 3, false },
    { "Công điện", "CĐ-TTg", 10, 4, false }, { "Kết luận", "KL-TW", 5, 5, false },
    { "Kế hoạch", "KH-UBND", 60, 6, true },  { "Quyết định", "QĐ-UBND", 40, 1, true },
};
#define N_COUNTERS 7

/* A name and how often it is drawn. */
struct weighted_name {
    const char *name;
    unsigned weight;
};

/* How seed 001 spreads its tasks over the ministries; others weigh 4. */
static const struct weighted_name ministry_weights[] = {
    { "Bộ Khoa học và Công nghệ", 83 },
    { "Bộ Công an", 38 },
    { "Bộ Tài chính", 37 },
    { "Bộ Giáo dục và Đào tạo", 19 },
    { "Bộ Nông nghiệp và Môi trường", 18 },
    { "Bộ Nội vụ", 17 },
    { "Bộ Y tế", 15 },
    { "Bộ Xây dựng", 12 },
    { "Bộ Văn hóa, Thể thao và Du lịch", 10 },
    { "Bộ Ngoại giao", 7 },
    { "Bộ Dân tộc và Tôn giáo", 7 },
    { "Bộ Tư pháp", 6 },
    { "Bộ Công Thương", 5 },
};

/* The group expressions a national lead cell may be, weighed against each other. */
static const struct weighted_name national_groups[] = {
    { "Các bộ, ngành, địa phương", 55 },
    { "Các bộ, ngành", 20 },
    { "Các tỉnh, thành phố", 20 },
    { "Các bộ, cơ quan ngang bộ", 10 },
    { "Các địa phương có đảo", 5 },
    { "Các cơ quan Trung ương và địa phương", 5 },
    { GEN_COMMUNE_GROUP, 8 },
};
#define N_NATIONAL_GROUPS GEN_NATIONAL_GROUPS
_Static_assert(N_OF(national_groups) == GEN_NATIONAL_GROUPS, "one slot per group expression");

static void pool_add(struct pool *p, size_t idx, unsigned w)
{
    ALLOC_GROW(p->v, p->n + 1, p->cap);
    ALLOC_GROW(p->w, p->n + 1, p->cap_w);
    p->v[p->n] = idx;
    p->w[p->n++] = w;
}

static void pool_release(struct pool *p)
{
    free(p->v);
    free(p->w);
}

/* A weighted member of p, or SIZE_MAX when p is empty. */
static size_t pool_pick(struct gen *g, const struct pool *p)
{
    return p->n ? p->v[gen_pick_weighted(&g->rng, p->w, p->n)] : SIZE_MAX;
}

static unsigned ministry_weight(const char *name)
{
    for (size_t i = 0; i < N_OF(ministry_weights); i++)
        if (!strcmp(ministry_weights[i].name, name))
            return ministry_weights[i].weight;
    return 4;
}

/* Sort one agency into the pools leads are drawn from. */
static void classify(struct gen *g, size_t i)
{
    const struct agency *a = &g->r->agencies[i];
    long commune = gen_unit_province(a);
    if (a->successor) {
        if (!strcmp(a->kind, "bo_nganh"))
            pool_add(&g->old, i, 1);
    } else if (commune >= 0 && (size_t)commune < g->provinces.n) {
        pool_add(&g->communes[commune], i, 1);
    } else if (!strcmp(a->kind, "dia_phuong")) {
        pool_add(&g->provinces, i, 1);
    } else if (registry_has_tag(a->tags, "bo")) {
        pool_add(&g->ministries, i, ministry_weight(a->name));
    } else if (registry_has_tag(a->tags, "cq_thuoc_cp")) {
        pool_add(&g->central, i, 1);
    } else if (!strcmp(a->kind, "dang") || !strcmp(a->kind, "quoc_hoi") ||
               !strcmp(a->kind, "doan_the")) {
        pool_add(&g->bodies, i, 1);
    }
}

static void build_pools(struct gen *g)
{
    const struct registry *r = g->r;
    for (size_t i = 0; i < r->n_agencies; i++)
        if (!r->agencies[i].successor && !strcmp(r->agencies[i].kind, "dia_phuong"))
            pool_add(&g->provinces, i, 1);
    g->communes = xcalloc(g->provinces.n + 1, sizeof(*g->communes));
    g->province_group = xcalloc(g->provinces.n + 1, sizeof(long));
    size_t n_prov = g->provinces.n;
    g->provinces.n = 0; /* classify() adds them again, in the same order */
    for (size_t i = 0; i < r->n_agencies; i++)
        classify(g, i);
    for (size_t p = 0; p < n_prov; p++) {
        char *name = gen_units_group_name(&r->agencies[g->provinces.v[p]]);
        g->province_group[p] = g->communes[p].n ? registry_find_group(r, name) : -1;
        free(name);
    }
    for (size_t k = 0; k < N_NATIONAL_GROUPS; k++)
        g->groups[k] = registry_find_group(r, national_groups[k].name);
}

/* ---- the plan of documents ------------------------------------------------------ */

static bool has_communes(const struct gen *g)
{
    for (size_t p = 0; p < g->provinces.n; p++)
        if (g->communes[p].n && g->province_group[p] >= 0)
            return true;
    return false;
}

/* How many tasks a document gives: mostly a few, now and then a long programme. */
static size_t draw_doc_size(struct gen *g, bool local)
{
    if (local)
        return (size_t)gen_rng_range(&g->rng, 10, 80);
    static const unsigned w[] = { 600, 300, 100 };
    switch (gen_pick_weighted(&g->rng, w, 3)) {
    case 0:
        return (size_t)gen_rng_range(&g->rng, 3, 25);
    case 1:
        return (size_t)gen_rng_range(&g->rng, 26, 120);
    default:
        return (size_t)gen_rng_range(&g->rng, 121, 450);
    }
}

static size_t draw_doc_kind(struct gen *g, bool local)
{
    unsigned w[N_OF(doc_kinds)];
    for (size_t i = 0; i < N_OF(doc_kinds); i++)
        w[i] = doc_kinds[i].local == local ? doc_kinds[i].weight : 0;
    return gen_pick_weighted(&g->rng, w, N_OF(doc_kinds));
}

/* Sizes and kinds of the documents until they hold n_tasks, then their dates and numbers. */
static void plan_documents(struct gen *g)
{
    size_t total = 0, cap = 0;
    bool communes = has_communes(g);
    while (total < g->o.n_tasks) {
        bool local = communes && gen_rng_chance(&g->rng, 500);
        ALLOC_GROW(g->docs, g->n_docs + 1, cap);
        struct gen_doc *d = &g->docs[g->n_docs++];
        *d = (struct gen_doc){ .n_tasks = draw_doc_size(g, local), .province = -1 };
        d->kind = draw_doc_kind(g, local);
        if (local)
            d->province = (long)gen_rng_below(&g->rng, (uint32_t)g->provinces.n);
        if (local && (!g->communes[d->province].n || g->province_group[d->province] < 0))
            d->province = -1; /* a province without communes: its plan names the province */
        if (d->n_tasks > g->o.n_tasks - total)
            d->n_tasks = g->o.n_tasks - total;
        total += d->n_tasks;
    }
    struct date start = date_add_days(g->o.until, -SPAN_DAYS);
    long range = SPAN_DAYS - LAST_GAP_DAYS, step = range / (long)g->n_docs;
    long counter[N_COUNTERS] = { 0 };
    int year[N_COUNTERS] = { 0 };
    for (size_t i = 0; i < g->n_docs; i++) {
        struct gen_doc *d = &g->docs[i];
        long day = (long)i * range / (long)g->n_docs + gen_rng_range(&g->rng, 0, step - 1);
        d->date = date_add_days(start, day);
        unsigned c = doc_kinds[d->kind].counter;
        if (year[c] != d->date.y)
            counter[c] = 0;
        year[c] = d->date.y;
        counter[c] += gen_rng_range(&g->rng, 1, 25);
        d->number = counter[c];
    }
}

/* "Nghị quyết số 71/NQ-CP ngày 01/4/2025", as a Văn bản giao cell writes it. */
static char *doc_reference(const struct gen_doc *d)
{
    return xasprintf("%s số %ld/%s ngày %02d/%02d/%d", doc_kinds[d->kind].kind, d->number,
                     doc_kinds[d->kind].symbol, d->date.d, d->date.m, d->date.y);
}

/* ---- task cells ------------------------------------------------------------------ */

static char *task_name(uint32_t id)
{
    uint64_t x = (uint64_t)id * NAME_STRIDE % NAME_SPACE;
    size_t v = x % N_OF(verbs), o = x / N_OF(verbs) % N_OF(objects);
    size_t t = x / N_OF(verbs) / N_OF(objects) % N_OF(topics);
    size_t s = x / N_OF(verbs) / N_OF(objects) / N_OF(topics);
    uint64_t round = id / NAME_SPACE;
    const char *sep = *scopes[s] ? " " : "";
    if (round)
        return xasprintf("%s %s %s%s%s (đợt %llu)", verbs[v], objects[o], topics[t], sep, scopes[s],
                         (unsigned long long)round + 1);
    return xasprintf("%s %s %s%s%s", verbs[v], objects[o], topics[t], sep, scopes[s]);
}

/* Two or three different ministries: "Bộ Công an, Bộ Quốc phòng" or "A và B". */
static char *several_ministries(struct gen *g)
{
    size_t a = pool_pick(g, &g->ministries), b = a;
    for (int tries = 0; tries < 8 && b == a; tries++)
        b = pool_pick(g, &g->ministries);
    if (b == a)
        return xstrdup(gen_agency_name(g, a));
    if (gen_rng_chance(&g->rng, 400))
        return xasprintf("%s và %s", gen_agency_name(g, a), gen_agency_name(g, b));
    size_t c = pool_pick(g, &g->ministries);
    if (c == a || c == b || gen_rng_chance(&g->rng, 500))
        return xasprintf("%s, %s", gen_agency_name(g, a), gen_agency_name(g, b));
    return xasprintf("%s, %s, %s", gen_agency_name(g, a), gen_agency_name(g, b),
                     gen_agency_name(g, c));
}

/* One unit of pool p, or a ministry when p is empty. */
static char *one_of(struct gen *g, const struct pool *p)
{
    size_t i = pool_pick(g, p->n ? p : &g->ministries);
    return xstrdup(i == SIZE_MAX ? "Bộ Khoa học và Công nghệ" : gen_agency_name(g, i));
}

static char *national_group(struct gen *g)
{
    unsigned w[N_NATIONAL_GROUPS];
    for (size_t k = 0; k < N_NATIONAL_GROUPS; k++)
        w[k] = g->groups[k] >= 0 ? national_groups[k].weight : 0;
    size_t k = gen_pick_weighted(&g->rng, w, N_NATIONAL_GROUPS);
    if (g->groups[k] < 0)
        return one_of(g, &g->ministries);
    return xstrdup(g->r->groups[g->groups[k]].name);
}

/* A national document's lead cell, drawn as seed 001's are spread. */
static char *national_lead(struct gen *g)
{
    static const unsigned w[] = { 640, 90, 60, 30, 30, 20, 10, 120 };
    switch (gen_pick_weighted(&g->rng, w, N_OF(w))) {
    case 0:
        return one_of(g, &g->ministries);
    case 1:
        return several_ministries(g);
    case 2:
        return one_of(g, &g->central);
    case 3:
        return one_of(g, &g->bodies);
    case 4:
        return one_of(g, &g->provinces);
    case 5:
        return one_of(g, &g->old); /* a name from before the merger: its successor leads */
    case 6: {
        char *m = one_of(g, &g->ministries);
        char *cell = xasprintf("%s, các bộ, ngành, địa phương", m);
        free(m);
        return cell;
    }
    default:
        return national_group(g);
    }
}

/* A provincial plan's lead cell: its communes, one or two of them, or the province. */
static char *local_lead(struct gen *g, size_t p)
{
    static const unsigned w[] = { 700, 200, 50, 50 };
    const struct pool *c = &g->communes[p];
    switch (gen_pick_weighted(&g->rng, w, N_OF(w))) {
    case 0:
        return xstrdup(g->r->groups[g->province_group[p]].name);
    case 1:
        return one_of(g, c);
    case 2: {
        size_t a = pool_pick(g, c), b = pool_pick(g, c);
        if (a == b)
            return xstrdup(gen_agency_name(g, a));
        return xasprintf("%s; %s", gen_agency_name(g, a), gen_agency_name(g, b));
    }
    default:
        return xstrdup(gen_agency_name(g, g->provinces.v[p]));
    }
}

static char *draw_lead(struct gen *g, const struct gen_doc *d)
{
    return d->province >= 0 ? local_lead(g, (size_t)d->province) : national_lead(g);
}

static char *draw_coord(struct gen *g, const struct gen_doc *d)
{
    if (gen_rng_chance(&g->rng, 500))
        return NULL;
    if (d->province >= 0)
        return xstrdup(gen_agency_name(g, g->provinces.v[d->province]));
    if (gen_rng_chance(&g->rng, 400))
        return xstrdup("Các bộ, ngành liên quan");
    return one_of(g, &g->ministries);
}

/* ---- tasks ------------------------------------------------------------------------ */

/* Where a task goes in the document being written. */
struct doc_cursor {
    size_t doc;      /* into g->docs */
    char *reference; /* its Văn bản giao cell; owned */
    size_t tt;       /* numbered tasks so far */
    size_t made;     /* task rows so far */
    size_t sections;
};

static struct gen_task *add_record(struct gen *g, char *code, char *lead, uint32_t name_id,
                                   size_t doc, bool counted)
{
    ALLOC_GROW(g->tasks, g->n_tasks + 1, g->cap_tasks);
    struct gen_task *t = &g->tasks[g->n_tasks++];
    *t = (struct gen_task){ code, lead, name_id, doc, DATE_NONE, DEADLINE_UNKNOWN, 0, 0, counted };
    g->counts.tasks++;
    return t;
}

/* A new batch row with the cells every task has but its TT, name and links. */
static struct batch_task *add_row(struct gen *g, struct doc_cursor *c, struct batch *b,
                                  const char *code, const char *lead)
{
    const struct gen_doc *d = &g->docs[c->doc];
    struct batch_task *t = batch_add_task(b, g->n_tasks + 1);
    enum gen_phrase kind;
    size_t section = c->made * c->sections / (d->n_tasks ? d->n_tasks : 1);
    t->code = xstrdup(code);
    t->field = xstrdup(fields[(c->doc + section) % N_OF(fields)]);
    t->lead = xstrdup(lead);
    t->coord = draw_coord(g, d);
    t->output = xstrdup(outputs[gen_rng_below(&g->rng, N_OF(outputs))]);
    t->deadline = gen_deadline_phrase(&g->rng, d->date, &kind);
    t->documents = xstrdup(c->reference);
    c->made++;
    return t;
}

static void make_task(struct gen *g, struct doc_cursor *c, struct batch *b)
{
    char *code = xasprintf("G%zu.%zu", c->doc + 1, ++c->tt);
    char *lead = draw_lead(g, &g->docs[c->doc]);
    struct batch_task *t = add_row(g, c, b, code, lead);
    uint32_t id = g->next_name++;
    t->tt = xasprintf("%zu.", c->tt);
    t->name = task_name(id);
    add_record(g, code, lead, id, c->doc, true);
}

/* A task with n sub-tasks "(1)".."(n)": the group is not counted, its sub-tasks are. */
static void make_group(struct gen *g, struct doc_cursor *c, struct batch *b, size_t n)
{
    char *code = xasprintf("G%zu.%zu", c->doc + 1, ++c->tt);
    char *lead = draw_lead(g, &g->docs[c->doc]);
    struct batch_task *t = add_row(g, c, b, code, lead);
    uint32_t id = g->next_name++;
    long parent = (long)b->n_tasks - 1;
    t->tt = xasprintf("%zu.", c->tt);
    t->name = task_name(id);
    t->is_group = 1;
    add_record(g, code, lead, id, c->doc, false);
    g->counts.groups++;
    for (size_t k = 1; k <= n; k++) {
        char *sub = xasprintf("%s.(%zu)", code, k);
        char *sub_lead =
            gen_rng_chance(&g->rng, 600) ? xstrdup(lead) : draw_lead(g, &g->docs[c->doc]);
        struct batch_task *s = add_row(g, c, b, sub, sub_lead);
        uint32_t sid = g->next_name++;
        s->tt = xasprintf("(%zu)", k);
        s->name = task_name(sid);
        s->parent = parent;
        s->parent_code = xstrdup(code);
        add_record(g, sub, sub_lead, sid, c->doc, true);
        g->counts.subtasks++;
    }
}

/* A counted task of an earlier document, or NULL: what a repeat repeats. */
static const struct gen_task *pick_original(struct gen *g, size_t first_of_doc)
{
    if (first_of_doc == 0)
        return NULL;
    size_t i = gen_rng_below(&g->rng, (uint32_t)first_of_doc);
    for (size_t tries = 0; tries < 16; tries++, i = (i + 1) % first_of_doc)
        if (g->tasks[i].counted)
            return &g->tasks[i];
    return NULL;
}

/* The same task given again by a later document ("nhắc lại"): same name, same lead. */
static bool make_repeat(struct gen *g, struct doc_cursor *c, struct batch *b, size_t first_of_doc)
{
    const struct gen_task *o = pick_original(g, first_of_doc);
    if (!o)
        return false;
    char *code = xasprintf("G%zu.%zu", c->doc + 1, ++c->tt);
    char *lead = xstrdup(o->lead);
    uint32_t id = o->name_id;
    char *repeat_code = xstrdup(o->code);
    struct batch_task *t = add_row(g, c, b, code, lead);
    t->tt = xasprintf("%zu.", c->tt);
    t->name = task_name(id);
    t->repeat_code = repeat_code;
    add_record(g, code, lead, id, c->doc, false);
    g->counts.repeats++;
    return true;
}

static void make_document(struct gen *g, size_t doc, struct batch *b)
{
    const struct gen_doc *d = &g->docs[doc];
    size_t sections = d->n_tasks / 25 < 6 ? d->n_tasks / 25 : 6;
    struct doc_cursor c = { doc, doc_reference(d), 0, 0, 1 + sections };
    size_t first_of_doc = g->n_tasks;
    while (c.made < d->n_tasks) {
        size_t left = d->n_tasks - c.made;
        long most = left - 1 < 6 ? (long)left - 1 : 6;
        if (left >= 3 && gen_rng_chance(&g->rng, 80))
            make_group(g, &c, b, (size_t)gen_rng_range(&g->rng, 2, most));
        else if (!gen_rng_chance(&g->rng, 25) || !make_repeat(g, &c, b, first_of_doc))
            make_task(g, &c, b);
    }
    free(c.reference);
    g->counts.documents++;
}

/* What the store will make of the batch's tasks: their assignments and due dates. */
static void note_resolved(struct gen *g, size_t first, const struct batch *b,
                          const struct resolved_task *rt)
{
    for (size_t i = 0; i < b->n_tasks; i++) {
        struct gen_task *t = &g->tasks[first + i];
        t->kind = rt[i].deadline.kind;
        t->due = t->kind == DEADLINE_DATE ? rt[i].deadline.due : DATE_NONE;
        t->first = g->n_units;
        t->n = rt[i].n_assign;
        for (size_t k = 0; k < rt[i].n_assign; k++) {
            ALLOC_GROW(g->units, g->n_units + 1, g->cap_units);
            g->units[g->n_units++] = rt[i].assign[k].agency;
        }
        bool grouped = false;
        for (size_t k = 0; k < rt[i].lead.n; k++)
            grouped |= rt[i].lead.items[k].kind == PARTY_GROUP;
        g->counts.assignments += t->n;
        g->counts.multi_unit += t->n > 1;
        g->counts.group_led += grouped;
        g->counts.recurring += t->counted && t->kind == DEADLINE_RECURRING;
    }
}

size_t gen_next_tasks(struct gen *g, struct batch *b, size_t max, struct resolved_task **rt,
                      struct import_summary *sum)
{
    if (g->next_doc >= g->n_docs)
        return 0;
    size_t first = g->n_tasks;
    b->format = "table";
    do
        make_document(g, g->next_doc++, b);
    while (g->next_doc < g->n_docs && b->n_tasks + g->docs[g->next_doc].n_tasks <= max);
    *rt = resolve_batch(g->r, b, sum);
    note_resolved(g, first, b, *rt);
    return b->n_tasks;
}

/* ---- lifecycle ------------------------------------------------------------------------ */

struct gen *gen_new(const struct registry *r, const struct gen_options *o)
{
    struct gen *g = xcalloc(1, sizeof(*g));
    g->r = r;
    g->o = *o;
    gen_rng_seed(&g->rng, o->seed);
    build_pools(g);
    plan_documents(g);
    return g;
}

void gen_counts(const struct gen *g, struct gen_counts *out)
{
    *out = g->counts;
}

void gen_free(struct gen *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_tasks; i++) {
        free(g->tasks[i].code);
        free(g->tasks[i].lead);
    }
    for (size_t p = 0; p < g->provinces.n; p++)
        pool_release(&g->communes[p]);
    pool_release(&g->ministries);
    pool_release(&g->central);
    pool_release(&g->bodies);
    pool_release(&g->provinces);
    pool_release(&g->old);
    free(g->communes);
    free(g->province_group);
    free(g->tasks);
    free(g->units);
    free(g->docs);
    free(g);
}
