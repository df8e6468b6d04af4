/* page_document: a document's report fields on its page; see page_document.h. */
#include "page_document.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "core/access.h"
#include "store/store_auth.h"
#include "store/store_docsets.h"
#include "util/strparse.h"

#include <limits.h>
#include <string.h>

#define MEETING_MAX 300
#define SUMMARY_MAX 4000

void page_document_form(const struct req *rq, struct buf *b, const struct prog_document *doc,
                        const struct document_form *form)
{
    if (!access_can_manage(rq->who.role))
        return;
    bool refused = form && form_has_errors(&form->errors);
    struct form none;
    form_init(&none, "doc");
    const struct form *f = refused ? &form->errors : &none;
    const char *date = refused ? form->meeting_date : form_date_text(rq->arena, doc->meeting_date);
    buf_addf(b,
             "<details%s><summary>Nội dung về văn bản trong báo cáo thống kê</summary>"
             "<form method=\"post\" action=\"/documents/%ld/info\">",
             refused ? " open=\"open\"" : "", doc->id);
    page_csrf(rq, b);
    form_input(b, f, "text",
               &(struct form_field){ .name = "meeting",
                                     .label = "Phiên họp giao nhiệm vụ",
                                     .hint = "Ví dụ: Phiên họp thứ hai của Ban Chỉ đạo",
                                     .value = refused ? form->meeting : doc->meeting,
                                     .raw_attrs = " maxlength=\"300\"" });
    form_date(b, f,
              &(struct form_field){ .name = "meeting_date", .label = "Ngày họp", .value = date });
    form_textarea(b, f,
                  &(struct form_field){ .name = "summary",
                                        .label = "Tóm tắt nội dung",
                                        .value = refused ? form->summary : doc->summary });
    form_raw(b, "<button type=\"submit\">Lưu</button></form></details>");
}

/* The typed fields checked into *in; errors in form. */
static void read_form(struct req *rq, struct document_form *form, struct document_info *in,
                      char iso[DATE_ISO_LEN])
{
    struct date d = DATE_NONE;
    form_init(&form->errors, "doc");
    form->meeting = req_form(rq, "meeting");
    form->meeting_date = req_form(rq, "meeting_date");
    form->summary = req_form(rq, "summary");
    if (form->meeting && strlen(form->meeting) > MEETING_MAX)
        form_error(&form->errors, "meeting", "Phiên họp dài quá 300 ký tự");
    if (form->summary && strlen(form->summary) > SUMMARY_MAX)
        form_error(&form->errors, "summary", "Tóm tắt dài quá 4000 ký tự");
    form_date_read(&form->errors, rq->arena, "meeting_date", "Ngày họp", form->meeting_date, &d);
    iso[0] = '\0';
    if (date_is_set(d))
        date_iso(d, iso);
    *in = (struct document_info){ form->meeting ? form->meeting : "", iso,
                                  form->summary ? form->summary : "" };
}

int h_document_info(struct req *rq, struct resp *rs)
{
    long id = 0;
    if (strparse_long(rq->params[0], 1, LONG_MAX, &id))
        return resp_error(rq, rs, 404, "Không có văn bản mã số %s.", rq->params[0]);
    struct document_form form;
    struct document_info in;
    char iso[DATE_ISO_LEN];
    read_form(rq, &form, &in, iso);
    if (form_has_errors(&form.errors)) {
        rs->status = 422;
        return page_document_show(rq, rs, &form);
    }
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct audit_entry a = app_audit(rq, "document.set");
    struct err e = ERR_INIT;
    if (store_document_set_info(db, id, &in, &a, &e))
        return resp_err(rq, rs, &e);
    return resp_redirect(rs, arena_printf(rq->arena, "/documents/%ld?saved=1", id));
}
