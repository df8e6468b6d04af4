/*
 * rdoc: a document to render — titles, paragraphs, tables of typed cells
 * and footnotes — independent of the output format.
 *
 * The statistics report and the reminder letters are built once as an
 * rdoc (report_doc.c, remind_doc.c); each format (Markdown, HTML, CSV,
 * XLSX, DOCX) only renders an rdoc. So the words and numbers are the same
 * in every format, and a new format is one renderer.
 *
 * Cells are typed so spreadsheet renderers can write real numbers and
 * dates: CELL_INT and CELL_PERCENT carry num (a percent is a whole number
 * 0..100), CELL_DATE carries date; every cell also has its display text
 * (Vietnamese conventions: dd/mm/yyyy, "35%"). A cell may point to a
 * footnote (1-based index into rdoc.footnotes).
 *
 * Ownership: the rdoc owns every string and array; rdoc_release() frees
 * them. Builders use the rdoc_* append functions below.
 */
#ifndef GIAMSAT_RDOC_H
#define GIAMSAT_RDOC_H

#include "core/date.h"
#include "core/frame.h"
#include "util/strvec.h"

#include <stdbool.h>
#include <stddef.h>

enum cell_type { CELL_TEXT, CELL_INT, CELL_PERCENT, CELL_DATE };

struct rcell {
    enum cell_type type;
    char *text;       /* display text, never NULL */
    long num;         /* CELL_INT, CELL_PERCENT */
    struct date date; /* CELL_DATE (unset: empty cell) */
    size_t footnote;  /* 0, or 1-based index into rdoc.footnotes */
};

struct rtable {
    struct strvec columns; /* header labels */
    struct rcell *cells;   /* n_rows * columns.n, row-major */
    size_t n_rows, cap_cells;
    bool has_total_row;    /* the last row is a total: renderers may bold it */
};

/* A block of a section: a paragraph, a list item or a table. */
enum rblock_type { RBLOCK_PARAGRAPH, RBLOCK_ITEM, RBLOCK_TABLE };

struct rblock {
    enum rblock_type type;
    char *text;          /* paragraph / list item (may end with a footnote ref) */
    size_t footnote;     /* 0, or 1-based footnote index attached to the text */
    struct rtable table; /* RBLOCK_TABLE */
};

struct rsection {
    char *key;   /* stable, ASCII: "tong_hop", "qua_han", ... (CSV section, sheet id) */
    char *title; /* "I. Tổng hợp chung" */
    char *sheet; /* short title for a spreadsheet tab (<= 31 chars) */
    struct rblock *blocks;
    size_t n_blocks, cap_blocks;
    /* An annex ("Phụ lục ..."): a framed Word document puts it after the
     * signature, as an office attaches it; other renderers keep the order. */
    bool annex;
};

/*
 * The administrative frame of Nghị định 30/2020/NĐ-CP around a document
 * (rdoc_set_frame()): the issuing body and its parent at top left, the
 * national motto at top right, "Số: ...", "<place>, ngày ... tháng ... năm
 * ...", the kind of document ("BÁO CÁO") above the title, and at the end
 * "Nơi nhận:" beside the signature. Without it (on == false) a document is
 * an annex ("Phụ lục"): its title only. Renderers that have no page (CSV,
 * XLSX, Markdown) may ignore it.
 */
struct rframe {
    bool on;
    struct strvec issuer;     /* parent first, issuing body last; may be empty */
    char *number;             /* after "Số: "; "" when not yet numbered */
    char *place;              /* "Hà Nội" */
    struct date date;         /* the date of the document */
    char *kind;               /* above the title: "BÁO CÁO", "PHỤ LỤC"; NULL: none (also off) */
    struct strvec recipients; /* the "Nơi nhận" list, without the final ";" or "." */
    struct strvec signer;     /* title lines, then the name last; may be empty */
};

struct rdoc {
    struct rframe frame;
    char *title;    /* "THỐNG KÊ NHIỆM VỤ THỰC HIỆN CỦA CÁC CƠ QUAN" */
    char *subtitle; /* "(Cập nhật ngày 24/12/2025)" */
    struct rsection *sections;
    size_t n_sections, cap_sections;
    struct strvec footnotes;
};

#define RDOC_INIT { 0 }

/* ---- building ----------------------------------------------------------------- */

/** Set the title and subtitle (copied). */
void rdoc_set_title(struct rdoc *d, const char *title, const char *subtitle);
/**
 * Put d in the administrative frame of settings s (core/frame.h; unset
 * values get the placeholders of an unsigned draft: "…" for a missing
 * issuer or signer, "     /BC-" for the number, "Hà Nội" for the place),
 * dated on; kind is the document's kind ("BÁO CÁO"). Everything is copied.
 */
void rdoc_set_frame(struct rdoc *d, const struct frame_settings *s, struct date on,
                    const char *kind);
/** Set the kind written above the title ("PHỤ LỤC" for an annex), copied; NULL: none. */
void rdoc_set_kind(struct rdoc *d, const char *kind);
/**
 * "ngày 05 tháng 01 năm 2026": the date as Nghị định 30/2020 writes it (a
 * day below 10 and the months 1 and 2 with a leading zero). Newly allocated.
 */
char *rdoc_date_words(struct date d);
/** Append a section; returns it (valid until the next rdoc_add_section). */
struct rsection *rdoc_add_section(struct rdoc *d, const char *key, const char *title,
                                  const char *sheet);
/** Append a footnote (copied); returns its 1-based index. */
size_t rdoc_add_footnote(struct rdoc *d, const char *text);
/** Append a paragraph; takes ownership of text. */
void rsection_paragraph(struct rsection *s, char *text, size_t footnote);
/** Append a list item; takes ownership of text. */
void rsection_item(struct rsection *s, char *text, size_t footnote);
/** Append an empty table with the given NULL-terminated column labels; returns it. */
struct rtable *rsection_table(struct rsection *s, const char *const *columns);

/** Start a new row (all cells empty text). */
void rtable_row(struct rtable *t);
/** Set cell col of the last row. Text cells take ownership of text. */
void rtable_text(struct rtable *t, size_t col, char *text);
void rtable_int(struct rtable *t, size_t col, long n);
void rtable_percent(struct rtable *t, size_t col, long pct);
void rtable_date(struct rtable *t, size_t col, struct date d);
/** Attach footnote fn (1-based) to cell col of the last row. */
void rtable_footnote(struct rtable *t, size_t col, size_t fn);
/** Cell (row, col). */
const struct rcell *rtable_cell(const struct rtable *t, size_t row, size_t col);

void rdoc_release(struct rdoc *d);

#endif
