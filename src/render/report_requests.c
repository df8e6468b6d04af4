/* report_requests: the report's section on requests for explanation; see report_requests.h. */
#include "report_requests.h"

#include "util/xalloc.h"

#include <stdlib.h>

static const char *const open_cols[] = { "Số",       "Đơn vị",      "Về",         "Nội dung",
                                         "Ngày gửi", "Hạn trả lời", "Trạng thái", NULL };

void report_doc_add_requests(const struct request_summary *s, struct rdoc *d)
{
    char as_of[DATE_ISO_LEN];
    date_dmy(s->as_of, as_of);
    long total = 0;
    for (int i = 0; i < N_REQUEST_STATES; i++)
        total += s->count[i];
    struct rsection *sec =
        rdoc_add_section(d, "yeu_cau", "Yêu cầu giải trình", "Yêu cầu giải trình");
    rsection_paragraph(sec,
                       xasprintf("Tính đến ngày %s, Văn phòng đã gửi %ld yêu cầu giải trình: %ld"
                                 " đang chờ trả lời, %ld quá hạn trả lời, %ld đã trả lời chờ"
                                 " đánh giá, %ld đã chấp nhận.",
                                 as_of, total, s->count[REQ_OPEN], s->count[REQ_OVERDUE],
                                 s->count[REQ_ANSWERED], s->count[REQ_ACCEPTED]),
                       0);
    if (!s->n_open)
        return;
    struct rtable *t = rsection_table(sec, open_cols);
    for (size_t i = 0; i < s->n_open; i++) {
        const struct request_summary_item *it = &s->open[i];
        rtable_row(t);
        rtable_int(t, 0, it->id);
        rtable_text(t, 1, xstrdup(it->unit));
        rtable_text(t, 2, xstrdup(it->subject));
        rtable_text(t, 3, xstrdup(it->content));
        rtable_date(t, 4, it->issued_on);
        rtable_date(t, 5, it->due);
        rtable_text(t, 6, xstrdup(request_state_label(it->state)));
    }
}
