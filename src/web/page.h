/*
 * page: what every server-rendered page shares — the layout (header,
 * navigation, footer), HTML escaping, the CSRF field, status badges,
 * paging and the as-of date picker. Pages write into rs->body.
 *
 * Every piece of text that did not come from this source file goes
 * through page_text()/page_attr(): nothing a user or an import wrote
 * reaches the browser unescaped.
 */
#ifndef GIAMSAT_PAGE_H
#define GIAMSAT_PAGE_H

#include "core/date.h"
#include "core/status.h"
#include "http.h"

#include <stdbool.h>

/** Append s escaped for HTML text or a quoted attribute value. */
void page_text(struct buf *b, const char *s);
#define page_attr page_text

/**
 * Start a page: doctype, head (title, the built-in stylesheet and script),
 * header with the navigation (nav = "dashboard", "tasks", "indicators", "units",
 * "documents", "report", "import", "admin", or NULL) and the signed-in
 * user, then <main>.
 */
void page_begin(struct req *rq, struct resp *rs, const char *title, const char *nav);
/** page_begin() with the document's <title> (not the heading) starting with prefix ("Lỗi: "). */
void page_begin_prefixed(struct req *rq, struct resp *rs, const char *prefix, const char *title,
                         const char *nav);
/** Close <main>, the footer and the document. */
void page_end(struct req *rq, struct resp *rs);

/**
 * Replace rs with a page (HTTP status, title, nav as page_begin()) holding
 * an error summary (msg, escaped) and a link back_label to back. Returns -1,
 * as handlers do after writing an error response.
 */
int page_error(struct req *rq, struct resp *rs, int status, const char *title, const char *nav,
               const char *msg, const char *back, const char *back_label);

/** The hidden CSRF field of a form. */
void page_csrf(const struct req *rq, struct buf *b);
/** A status badge: <span class="badge b-KEY">Vietnamese label</span>. */
void page_badge(struct buf *b, enum bucket bucket);
/** "dd/mm/yyyy" (or "—" when unset), escaped. */
void page_date(struct buf *b, struct date d);

/**
 * A stored UTC time ("2025-12-24T02:05:00Z") as Vietnam's local time
 * (UTC+7): <time datetime="…">24/12/2025 09:05</time>; else as written, escaped.
 */
void page_local_time(struct buf *b, const char *at);

/**
 * The as-of date of a page: ?as_of=, else today. 0, or -1 after a 400
 * response for a malformed date.
 */
int page_as_of(struct req *rq, struct resp *rs, struct date *out);
/** A GET form with a date field "as_of" typed as dd/mm/yyyy text (and hidden fields for keep[] query keys). */
void page_as_of_form(const struct req *rq, struct buf *b, struct date as_of,
                     const char *const *keep);

/**
 * A filter's <select> (id "f-NAME", name NAME) under its label (a literal,
 * not escaped), opened with the option "Tất cả" (value ""): add options
 * with page_option(), then close it with "</select></div>".
 */
void page_select_open(struct buf *b, const char *name, const char *label);
/** An <option> with value and label escaped, selected when said. */
void page_option(struct buf *b, const char *value, const char *label, bool selected);

/**
 * The fold around a filter form: "<details class="filters" open>" with its
 * summary "Lọc", closed by app.js on a phone so that the list comes first.
 * Put the form between page_filters_begin() and page_filters_end().
 */
void page_filters_begin(struct buf *b);
void page_filters_end(struct buf *b);

/**
 * Links to pages 1..n_pages of the current list: base is the path; the
 * current query is kept except "page". "‹ Trước" and "Sau ›" (aria-labels
 * "Trang trước"/"Trang sau") lead to the neighbours when there are any.
 */
void page_pager(const struct req *rq, struct buf *b, long page, long n_pages);

/** Today's local date (GIAMSAT_TODAY=YYYY-MM-DD in the environment fixes it for tests). */
struct date page_today(void);

#endif
