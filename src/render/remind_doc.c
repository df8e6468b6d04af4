/* remind_doc: reminder letters per unit; see remind_doc.h. */
#include "remind_doc.h"

#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>

static char *dmy(struct date d)
{
    char s[DATE_ISO_LEN];
    date_dmy(d, s);
    return xstrdup(s);
}

static char *documents_text(const struct programme *p, const struct prog_task *t)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < t->n_documents; i++)
        buf_addf(&b, "%s%s", i ? "; " : "", p->documents[t->documents[i]].name);
    return buf_take(&b);
}

static char *letter_body(const struct reminders *rm, const struct remind_unit *u)
{
    char *as_of = dmy(rm->report->opt.as_of), *until = dmy(rm->until);
    char *s = xasprintf(
        "Theo số liệu trên Hệ thống theo dõi, đánh giá việc thực hiện nhiệm vụ, tính đến ngày"
        " %s, đơn vị có %zu nhiệm vụ quá hạn chưa hoàn thành và %zu nhiệm vụ có thời hạn hoàn"
        " thành đến ngày %s (trong %ld ngày tới). Đề nghị đơn vị khẩn trương chỉ đạo hoàn thành"
        " các nhiệm vụ dưới đây, cập nhật kết quả thực hiện và văn bản, sản phẩm đầu ra trên Hệ"
        " thống; trường hợp có vướng mắc, kiến nghị đề nghị báo cáo rõ nguyên nhân, đề xuất"
        " giải pháp.",
        as_of, u->n_overdue, u->n_due_soon, until, rm->within);
    free(as_of);
    free(until);
    return s;
}

static void item_row(struct rtable *t, const struct programme *p, size_t k,
                     const struct remind_item *it)
{
    const struct prog_task *task = &p->tasks[it->task];
    rtable_row(t);
    rtable_int(t, 0, (long)k);
    rtable_text(t, 1, xstrdup(task->name));
    rtable_text(t, 2, documents_text(p, task));
    rtable_date(t, 3, task->due);
    rtable_text(t, 4, it->overdue ? xasprintf("Quá hạn %ld ngày", it->days)
                                  : xasprintf("Còn %ld ngày", it->days));
}

static void unit_letter(const struct reminders *rm, const struct remind_unit *u, size_t k,
                        struct rdoc *d)
{
    static const char *const cols[] = { "STT", "Nhiệm vụ", "Văn bản giao", "Thời hạn",
                                        "Tình trạng", NULL };
    const struct programme *p = rm->report->prog;
    const char *name = p->agencies[u->agency].name;
    char *key = xasprintf("don_vi_%zu", k);
    char *title = xasprintf("%zu. Kính gửi: %s", k, name);
    struct rsection *s = rdoc_add_section(d, key, title, name);
    rsection_paragraph(s, letter_body(rm, u), 0);
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < u->n_items; i++)
        item_row(t, p, i + 1, &u->items[i]);
    free(key);
    free(title);
}

void remind_doc_build(const struct reminders *rm, struct rdoc *d)
{
    char *as_of = dmy(rm->report->opt.as_of);
    char *sub = xasprintf("(Tính đến ngày %s; nhiệm vụ quá hạn và có thời hạn trong %ld ngày"
                          " tới)",
                          as_of, rm->within);
    rdoc_set_title(d, "ĐÔN ĐỐC THỰC HIỆN NHIỆM VỤ", sub);
    if (rm->n_units == 0) {
        struct rsection *s = rdoc_add_section(d, "khong_co", "Không có nhiệm vụ cần đôn đốc",
                                              "Đôn đốc");
        rsection_paragraph(s, xasprintf("Tính đến ngày %s, không đơn vị nào có nhiệm vụ quá hạn"
                                        " hoặc sắp đến hạn.",
                                        as_of),
                           0);
    }
    for (size_t i = 0; i < rm->n_units; i++)
        unit_letter(rm, &rm->units[i], i + 1, d);
    free(sub);
    free(as_of);
}
