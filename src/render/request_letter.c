/* request_letter: the letter of a request for explanation; see request_letter.h. */
#include "request_letter.h"

#include "util/xalloc.h"

#include <stdlib.h>

void request_letter_build(const struct request_letter *l, struct rdoc *d)
{
    char issued[DATE_ISO_LEN], due[DATE_ISO_LEN];
    date_dmy(l->issued_on, issued);
    date_dmy(l->due, due);
    char *sub = l->number && *l->number
                    ? xasprintf("Số: %s, ngày %s\nV/v đề nghị giải trình", l->number, issued)
                    : xasprintf("Ngày %s\nV/v đề nghị giải trình", issued);
    rdoc_set_title(d, "CÔNG VĂN ĐỀ NGHỊ GIẢI TRÌNH", sub);
    free(sub);
    char *to = xasprintf("Kính gửi: %s", l->unit);
    struct rsection *s = rdoc_add_section(d, "cong_van", to, "Công văn");
    free(to);
    rsection_paragraph(s,
                       xasprintf("Căn cứ kết quả theo dõi, đánh giá trên Hệ thống theo dõi, đánh"
                                 " giá việc thực hiện nhiệm vụ, Văn phòng đề nghị %s giải trình"
                                 " về %s (yêu cầu giải trình số %ld).",
                                 l->unit, l->subject, l->id),
                       0);
    rsection_paragraph(s, xasprintf("Nội dung đề nghị giải trình: %s", l->content), 0);
    rsection_paragraph(s,
                       xasprintf("Đề nghị %s gửi văn bản giải trình trước ngày %s, nêu rõ: nguyên"
                                 " nhân; biện pháp khắc phục; thời hạn hoàn thành mới đơn vị cam"
                                 " kết; đồng thời cập nhật câu trả lời trên Hệ thống.",
                                 l->unit, due),
                       0);
    rsection_paragraph(s, xstrdup("Trân trọng./."), 0);
}
