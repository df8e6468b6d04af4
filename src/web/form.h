/*
 * form: the fields of the server-rendered forms and their error state,
 * written the one way every page uses (the GOV.UK error-summary pattern).
 *
 * A handler that checks a submission collects its refusals in a struct
 * form — each one a field and a Vietnamese message — and re-renders the
 * page with them (422): form_error_summary() at the top of <main> (a box
 * "Có lỗi", focused on load, one link per error to the field), each field
 * renderer writes its message beside the field (class field-error on the
 * group, aria-describedby, aria-invalid) and keeps what the user typed,
 * and page_begin_with_errors() starts the title with "Lỗi: ".
 *
 * Everything written is escaped: labels, hints, values and messages go
 * through page_text(). The only way to write raw HTML is form_raw(), for
 * literal markup from this source tree; field attributes beyond the ones
 * named here come through a field's raw_attrs, a literal too.
 *
 * Ids: a form has a prefix ("p"); field NAME gets id "p-NAME", its error
 * "p-NAME-error" and its hint "p-NAME-hint". Messages are borrowed: they
 * must outlive the form (static strings or the request's arena).
 *
 * Dates are typed as text in dd/mm/yyyy (a date input shows mm/dd/yyyy
 * in some browsers): form_date() draws the field with its example,
 * form_date_read() reads it with date_parse_user() (dd/mm/yyyy or
 * yyyy-mm-dd) and records the standard message when it cannot.
 */
#ifndef GIAMSAT_FORM_H
#define GIAMSAT_FORM_H

#include "core/date.h"
#include "http.h"

#include <stdbool.h>
#include <stddef.h>

#define FORM_MAX_ERRORS 16

struct form_error {
    const char *field; /* the field's name (its id is prefix-name), or NULL: not a field */
    const char *msg;   /* Vietnamese, borrowed */
};

struct form {
    const char *prefix; /* id prefix, static */
    struct form_error errors[FORM_MAX_ERRORS];
    size_t n_errors;
};

/** An empty form whose field ids start with prefix ("p" -> "p-date"). */
void form_init(struct form *f, const char *prefix);

/**
 * Record that field (a name, or NULL for an error of the whole form) was
 * refused with msg (borrowed). A field keeps its first error; past
 * FORM_MAX_ERRORS errors are dropped.
 */
void form_error(struct form *f, const char *field, const char *msg);

/** True when f holds an error. */
bool form_has_errors(const struct form *f);

/** The message of field's error, or NULL. */
const char *form_error_of(const struct form *f, const char *field);

/**
 * The error summary: nothing without errors, else a box titled "Có lỗi"
 * (class error-summary, role alert, tabindex -1, autofocus; app.js
 * focuses it on load) listing each error, linked to its field. Write it
 * first in <main>, right after page_begin_with_errors().
 */
void form_error_summary(struct buf *b, const struct form *f);

/** page_begin(), with the document title starting "Lỗi: " when f has errors. */
void form_page_begin(struct req *rq, struct resp *rs, const char *title, const char *nav,
                     const struct form *f);

/* One field as a renderer draws it. */
struct form_field {
    const char *name;      /* the form field's name */
    const char *label;     /* escaped */
    const char *hint;      /* shown under the label (escaped), or NULL */
    const char *value;     /* what the user typed or the default (escaped), or NULL */
    bool required;
    const char *raw_attrs; /* literal extra attributes (" maxlength=\"300\""), or NULL */
};

/** <input type="TYPE"> (text, number, password...) in its group with label, hint and error. */
void form_input(struct buf *b, const struct form *f, const char *type,
                const struct form_field *fd);
/** A <textarea rows="3">. */
void form_textarea(struct buf *b, const struct form *f, const struct form_field *fd);
/**
 * A date typed as text in dd/mm/yyyy (inputmode numeric, the hint "Ví dụ:
 * 24/12/2025" after fd->hint). A value in yyyy-mm-dd is shown as dd/mm/yyyy.
 */
void form_date(struct buf *b, const struct form *f, const struct form_field *fd);
/** A checkbox (value "1") with its box before its label, on one line; checked when said. */
void form_checkbox(struct buf *b, const struct form *f, const struct form_field *fd,
                   bool checked);

/**
 * Open a <select> in its group (label, hint, error); add options with
 * form_option() and close with form_select_close().
 */
void form_select_open(struct buf *b, const struct form *f, const struct form_field *fd);
/** An <option>, value and label escaped, selected when said. */
void form_option(struct buf *b, const char *value, const char *label, bool selected);
void form_select_close(struct buf *b);

/** <input type="hidden">, value escaped (NULL writes nothing). */
void form_hidden(struct buf *b, const char *name, const char *value);

/** Write html as it stands: literal markup from this source tree only, never data. */
void form_raw(struct buf *b, const char *html);

/**
 * Read the date field `field` whose text is `text` (NULL or blank: unset,
 * 0 and *out DATE_NONE). Returns 0, or -1 after recording the error
 * "WHAT phải có dạng ngày/tháng/năm, ví dụ 24/12/2025" (what: "Ngày báo
 * cáo"), the message allocated in a.
 */
int form_date_read(struct form *f, struct arena *a, const char *field, const char *what,
                   const char *text, struct date *out);

/** A date as the date fields show it: "dd/mm/yyyy", in a ("" when unset). */
const char *form_date_text(struct arena *a, struct date d);

#endif
