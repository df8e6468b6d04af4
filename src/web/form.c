/* form: form fields with their error state and the error summary; see form.h. */
#include "form.h"

#include "page.h"
#include "util/text.h"

#include <stdio.h>
#include <string.h>

void form_init(struct form *f, const char *prefix)
{
    memset(f, 0, sizeof(*f));
    f->prefix = prefix;
}

const char *form_error_of(const struct form *f, const char *field)
{
    for (size_t i = 0; f && field && i < f->n_errors; i++)
        if (f->errors[i].field && !strcmp(f->errors[i].field, field))
            return f->errors[i].msg;
    return NULL;
}

void form_error(struct form *f, const char *field, const char *msg)
{
    if (f->n_errors == FORM_MAX_ERRORS || form_error_of(f, field))
        return;
    f->errors[f->n_errors++] = (struct form_error){ field, msg };
}

bool form_has_errors(const struct form *f)
{
    return f && f->n_errors > 0;
}

/* id="PREFIX-NAME" and its variants ("-error", "-hint"): prefix and name are literals. */
static void field_id(struct buf *b, const struct form *f, const char *name, const char *suffix)
{
    page_attr(b, f->prefix);
    buf_addch(b, '-');
    page_attr(b, name);
    buf_adds(b, suffix);
}

void form_error_summary(struct buf *b, const struct form *f)
{
    if (!form_has_errors(f))
        return;
    buf_adds(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus=\"autofocus\""
                " aria-labelledby=\"error-summary-title\"><h2 id=\"error-summary-title\">Có lỗi"
                "</h2><ul>");
    for (size_t i = 0; i < f->n_errors; i++) {
        const struct form_error *e = &f->errors[i];
        buf_adds(b, "<li>");
        if (e->field) {
            buf_adds(b, "<a href=\"#");
            field_id(b, f, e->field, "");
            buf_adds(b, "\">");
        }
        page_text(b, e->msg);
        buf_adds(b, e->field ? "</a></li>" : "</li>");
    }
    buf_adds(b, "</ul></div>");
}

void form_page_begin(struct req *rq, struct resp *rs, const char *title, const char *nav,
                     const struct form *f)
{
    page_begin_prefixed(rq, rs, form_has_errors(f) ? "Lỗi: " : "", title, nav);
}

/* The group, its label (for the control, unless for_control is false), hint and error. */
static void group_open(struct buf *b, const struct form *f, const struct form_field *fd,
                       const char *group_class, bool label_first)
{
    const char *error = form_error_of(f, fd->name);
    buf_addf(b, "<div class=\"%s%s\">", group_class, error ? " field-error" : "");
    if (label_first) {
        buf_adds(b, "<label for=\"");
        field_id(b, f, fd->name, "\">");
        page_text(b, fd->label);
        buf_adds(b, "</label>");
    }
    if (fd->hint) {
        buf_adds(b, "<p class=\"hint\" id=\"");
        field_id(b, f, fd->name, "-hint\">");
        page_text(b, fd->hint);
        buf_adds(b, "</p>");
    }
    if (error) {
        buf_adds(b, "<p class=\"error-message\" id=\"");
        field_id(b, f, fd->name, "-error\"><span class=\"visually-hidden\">Lỗi:</span> ");
        page_text(b, error);
        buf_adds(b, "</p>");
    }
}

/* id, name, aria-describedby/-invalid, required and the literal extra attributes. */
static void control_attrs(struct buf *b, const struct form *f, const struct form_field *fd)
{
    bool error = form_error_of(f, fd->name) != NULL;
    buf_adds(b, " id=\"");
    field_id(b, f, fd->name, "\" name=\"");
    page_attr(b, fd->name);
    buf_adds(b, "\"");
    if (fd->hint || error) {
        buf_adds(b, " aria-describedby=\"");
        if (fd->hint)
            field_id(b, f, fd->name, "-hint");
        if (fd->hint && error)
            buf_addch(b, ' ');
        if (error)
            field_id(b, f, fd->name, "-error");
        buf_adds(b, error ? "\" aria-invalid=\"true\"" : "\"");
    }
    if (fd->required)
        buf_adds(b, " required=\"required\"");
    if (fd->raw_attrs)
        buf_adds(b, fd->raw_attrs);
}

void form_input(struct buf *b, const struct form *f, const char *type, const struct form_field *fd)
{
    group_open(b, f, fd, "field", true);
    buf_adds(b, "<input type=\"");
    page_attr(b, type);
    buf_adds(b, "\"");
    control_attrs(b, f, fd);
    buf_adds(b, " value=\"");
    page_attr(b, fd->value ? fd->value : "");
    buf_adds(b, "\"/></div>");
}

void form_textarea(struct buf *b, const struct form *f, const struct form_field *fd)
{
    group_open(b, f, fd, "field", true);
    buf_adds(b, "<textarea rows=\"3\"");
    control_attrs(b, f, fd);
    buf_adds(b, ">");
    page_text(b, fd->value ? fd->value : "");
    buf_adds(b, "</textarea></div>");
}

/* A value in yyyy-mm-dd is shown as dd/mm/yyyy; anything else as typed. */
static void date_value(struct buf *b, const char *value)
{
    struct date d;
    char dmy[DATE_ISO_LEN];
    if (value && date_parse_iso(value, &d) == 0) {
        date_dmy(d, dmy);
        buf_adds(b, dmy);
        return;
    }
    page_attr(b, value ? value : "");
}

void form_date(struct buf *b, const struct form *f, const struct form_field *fd)
{
    struct form_field with_hint = *fd;
    char hint[300];
    snprintf(hint, sizeof(hint), "%s%sVí dụ: 24/12/2025", fd->hint ? fd->hint : "",
             fd->hint ? " " : "");
    with_hint.hint = hint;
    group_open(b, f, &with_hint, "field", true);
    buf_adds(b, "<input type=\"text\" class=\"date\" inputmode=\"numeric\" autocomplete=\"off\""
                " maxlength=\"10\"");
    control_attrs(b, f, &with_hint);
    buf_adds(b, " value=\"");
    date_value(b, fd->value);
    buf_adds(b, "\"/></div>");
}

void form_checkbox(struct buf *b, const struct form *f, const struct form_field *fd, bool checked)
{
    group_open(b, f, fd, "field checkbox", false);
    buf_adds(b, "<input type=\"checkbox\" value=\"1\"");
    control_attrs(b, f, fd);
    buf_adds(b, checked ? " checked=\"checked\"/> <label for=\"" : "/> <label for=\"");
    field_id(b, f, fd->name, "\">");
    page_text(b, fd->label);
    buf_adds(b, "</label></div>");
}

void form_select_open(struct buf *b, const struct form *f, const struct form_field *fd)
{
    group_open(b, f, fd, "field", true);
    buf_adds(b, "<select");
    control_attrs(b, f, fd);
    buf_adds(b, ">");
}

void form_option(struct buf *b, const char *value, const char *label, bool selected)
{
    page_option(b, value, label, selected);
}

void form_select_close(struct buf *b)
{
    buf_adds(b, "</select></div>");
}

void form_hidden(struct buf *b, const char *name, const char *value)
{
    if (!value)
        return;
    buf_adds(b, "<input type=\"hidden\" name=\"");
    page_attr(b, name);
    buf_adds(b, "\" value=\"");
    page_attr(b, value);
    buf_adds(b, "\"/>");
}

void form_raw(struct buf *b, const char *html)
{
    buf_adds(b, html);
}

int form_date_read(struct form *f, struct arena *a, const char *field, const char *what,
                   const char *text, struct date *out)
{
    *out = DATE_NONE;
    if (!text || text_is_blank(text))
        return 0;
    if (date_parse_user(text, out) == 0)
        return 0;
    *out = DATE_NONE;
    form_error(f, field,
               arena_printf(a, "%s phải có dạng ngày/tháng/năm, ví dụ 24/12/2025", what));
    return -1;
}

const char *form_date_text(struct arena *a, struct date d)
{
    char dmy[DATE_ISO_LEN];
    date_dmy(d, dmy);
    return arena_strdup(a, dmy);
}
