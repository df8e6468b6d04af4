/*
 * sheet_xlsx_style: the styles part of an XLSX workbook, read for one thing:
 * what the number format of each cell style (a cellXfs <xf>) makes of a
 * number (a date, a percent or the number itself); see xlsx_load_styles()
 * in sheet_internal.h and the cell text rules in sheet.h.
 */
#include "sheet.h"
#include "sheet_internal.h"

#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A custom number format of <numFmts>: its numFmtId and what its code shows. */
struct numfmt {
    size_t id;
    enum xf_kind kind;
};

struct styles_state {
    bool in_fmts;   /* inside <numFmts> (not a <dxf>'s own <numFmt>) */
    bool in_xfs;    /* inside <cellXfs> (not <cellStyleXfs>) */
    size_t *xf_fmt; /* numFmtId of each cellXfs <xf> */
    size_t n_xf, cap_xf;
    struct numfmt *fmts; /* every custom format, in file order until sorted */
    size_t n_fmt, cap_fmt;
};

/* True if a format code has a byte of `set` outside quotes and brackets, not escaped. */
static bool fmt_code_has(const char *code, const char *set)
{
    for (const char *p = code; *p; p++) {
        if (*p == '"' || *p == '[') {
            p = strchr(p + 1, *p == '"' ? '"' : ']');
            if (!p)
                return false;
        } else if ((*p == '\\' || *p == '_' || *p == '*') && p[1]) {
            p++; /* a literal character, a space as wide as it, or a fill */
        } else if (strchr(set, *p)) {
            return true;
        }
    }
    return false;
}

/* What a custom format code shows: a date (d, m or y), else a percent ('%'). */
static enum xf_kind fmt_code_kind(const char *code)
{
    if (fmt_code_has(code, "dDmMyY"))
        return XF_DATE;
    return fmt_code_has(code, "%") ? XF_PERCENT : XF_NUMBER;
}

static void styles_numfmt(struct xml_job *job, struct styles_state *st, const char **atts)
{
    const char *code = xml_attr(atts, "formatCode");
    size_t id;
    if (!sheet_parse_uint(xml_attr(atts, "numFmtId"), SIZE_MAX, &id) || !code)
        return;
    if (st->n_fmt >= SHEET_XLSX_STYLES_MAX) {
        xml_fail(job, true, "hơn %zu định dạng số", SHEET_XLSX_STYLES_MAX);
        return;
    }
    ALLOC_GROW(st->fmts, st->n_fmt + 1, st->cap_fmt);
    st->fmts[st->n_fmt++] = (struct numfmt){ .id = id, .kind = fmt_code_kind(code) };
}

static void styles_start(struct xml_job *job, const char *el, const char **atts)
{
    struct styles_state *st = xml_state(job);
    size_t id = 0;
    if (strcmp(el, "numFmts") == 0) {
        st->in_fmts = true;
    } else if (strcmp(el, "numFmt") == 0 && st->in_fmts) {
        styles_numfmt(job, st, atts);
    } else if (strcmp(el, "cellXfs") == 0) {
        st->in_xfs = true;
    } else if (strcmp(el, "xf") == 0 && st->in_xfs) {
        if (st->n_xf >= SHEET_XLSX_STYLES_MAX) {
            xml_fail(job, true, "hơn %zu kiểu ô", SHEET_XLSX_STYLES_MAX);
            return;
        }
        sheet_parse_uint(xml_attr(atts, "numFmtId"), SIZE_MAX, &id); /* 0 (General) if bad */
        ALLOC_GROW(st->xf_fmt, st->n_xf + 1, st->cap_xf);
        st->xf_fmt[st->n_xf++] = id;
    }
}

static void styles_end(struct xml_job *job, const char *el)
{
    struct styles_state *st = xml_state(job);
    if (strcmp(el, "numFmts") == 0)
        st->in_fmts = false;
    else if (strcmp(el, "cellXfs") == 0)
        st->in_xfs = false;
}

static const struct xml_ops styles_ops = { styles_start, styles_end, NULL };

static int numfmt_cmp(const void *a, const void *b)
{
    const struct numfmt *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/*
 * Sort the custom formats by id and merge those that share an id (a
 * malformed file) into one, keeping the strongest kind (date over percent
 * over number), as a built-in date id stays a date whatever a custom code
 * says.
 */
static void numfmts_index(struct styles_state *st)
{
    if (st->n_fmt < 2)
        return;
    qsort(st->fmts, st->n_fmt, sizeof(*st->fmts), numfmt_cmp);
    size_t n = 1;
    for (size_t i = 1; i < st->n_fmt; i++) {
        if (st->fmts[i].id != st->fmts[n - 1].id)
            st->fmts[n++] = st->fmts[i];
        else if (st->fmts[i].kind > st->fmts[n - 1].kind)
            st->fmts[n - 1].kind = st->fmts[i].kind;
    }
    st->n_fmt = n;
}

/* What number format `id` shows: the built-in one's kind or its custom code's, the stronger. */
static enum xf_kind numfmt_kind(const struct styles_state *st, size_t id)
{
    enum xf_kind kind = XF_NUMBER;
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
        kind = XF_DATE;
    else if (id == 9 || id == 10) /* "0%", "0.00%" */
        kind = XF_PERCENT;
    struct numfmt key = { .id = id };
    const struct numfmt *f =
        st->n_fmt ? bsearch(&key, st->fmts, st->n_fmt, sizeof(*st->fmts), numfmt_cmp) : NULL;
    return f && f->kind > kind ? f->kind : kind;
}

int xlsx_load_styles(struct xlsx *x, struct err *e)
{
    struct styles_state st = { 0 };
    const char *path = x->styles_part ? x->styles_part : "xl/styles.xml";
    int ret = ooxml_parse_part(&x->pkg, path, true, &styles_ops, &st, e);
    if (ret == 0) {
        numfmts_index(&st);
        x->xf = xcalloc(st.n_xf, sizeof(*x->xf));
        x->n_xf = st.n_xf;
        for (size_t i = 0; i < st.n_xf; i++)
            x->xf[i] = numfmt_kind(&st, st.xf_fmt[i]);
    }
    free(st.xf_fmt);
    free(st.fmts);
    return ret;
}
