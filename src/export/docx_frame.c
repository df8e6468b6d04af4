/*
 * docx_frame: the administrative frame of Nghị định 30/2020/NĐ-CP in a
 * .docx (see docx_internal.h): two borderless tables, one above the title
 * (issuer and number at left, national motto, place and date at right) and
 * one after the body ("Nơi nhận:" at left, the signature at right).
 *
 * Sizes follow the decree's Phụ lục I: the issuing body 12-13 pt upper case
 * bold, its parent upper case regular; the Quốc hiệu 12-13 pt upper case
 * bold and the Tiêu ngữ 13-14 pt bold, each underlined by a short rule; the
 * place and date 13-14 pt italic; "Nơi nhận:" 12 pt bold italic and its list
 * 11 pt; the signer's title upper case bold and the name bold.
 */
#include "docx_internal.h"

#include "util/xalloc.h"

#include <stdlib.h>

#define BOLD "<w:b/><w:bCs/>"
#define ITALIC "<w:i/><w:iCs/>"
#define SZ(hp) "<w:sz w:val=\"" #hp "\"/><w:szCs w:val=\"" #hp "\"/>"

/* The frame's tables reach a little into the margins, as the templates do. */
#define HEAD_LEFT 4100
#define HEAD_RIGHT 5900
#define HEAD_INDENT (-400)

/* A borderless two-column table row, the cells' content written by the caller. */
static void frame_table_start(struct docx_body *w, int left, int right, int indent)
{
    buf_addf(w->b,
             "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
             "<w:tblInd w:w=\"%d\" w:type=\"dxa\"/><w:tblBorders>"
             "<w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>"
             "<w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/>"
             "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
             "<w:tblGrid><w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/></w:tblGrid>"
             "<w:tr><w:trPr><w:cantSplit/></w:trPr>",
             left + right, indent, left, right);
}

static void cell_start(struct docx_body *w, int width)
{
    buf_addf(w->b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
}

/* A short centred rule under the line above: an empty paragraph with a bottom border. */
static void rule(struct docx_body *w, int cell_w, int len)
{
    int side = (cell_w - len) / 2 - 108;
    buf_addf(w->b,
             "<w:p><w:pPr><w:pStyle w:val=\"FrameText\"/><w:pBdr><w:bottom w:val=\"single\" "
             "w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr><w:spacing w:before=\"0\" "
             "w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>"
             "<w:ind w:left=\"%d\" w:right=\"%d\" w:firstLine=\"0\"/></w:pPr></w:p>",
             side, side);
}

static void empty_line(struct docx_body *w)
{
    buf_adds(w->b, "<w:p><w:pPr><w:pStyle w:val=\"FrameText\"/></w:pPr></w:p>");
}

void docx_frame_head(struct docx_body *w)
{
    const struct rframe *f = &w->d->frame;
    frame_table_start(w, HEAD_LEFT, HEAD_RIGHT, HEAD_INDENT);
    cell_start(w, HEAD_LEFT);
    for (size_t i = 0; i < f->issuer.n; i++) {
        bool last = i + 1 == f->issuer.n;
        docx_para(w, "FrameText", NULL, f->issuer.items[i], last ? BOLD SZ(26) : SZ(26), 0);
    }
    rule(w, HEAD_LEFT, 1400);
    char *number = xasprintf("Số: %s", f->number);
    buf_adds(w->b, "<w:p><w:pPr><w:pStyle w:val=\"FrameText\"/><w:spacing w:before=\"120\" "
                   "w:after=\"0\"/></w:pPr>");
    docx_run(w->b, number, SZ(26));
    buf_adds(w->b, "</w:p></w:tc>");
    free(number);
    cell_start(w, HEAD_RIGHT);
    docx_para(w, "FrameText", NULL, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD SZ(24), 0);
    docx_para(w, "FrameText", NULL, "Độc lập - Tự do - Hạnh phúc", BOLD SZ(26), 0);
    rule(w, HEAD_RIGHT, 3100);
    char *date = rdoc_date_words(f->date);
    char *line = xasprintf("%s, %s", f->place, date);
    buf_adds(w->b, "<w:p><w:pPr><w:pStyle w:val=\"FrameText\"/><w:spacing w:before=\"120\" "
                   "w:after=\"0\"/></w:pPr>");
    docx_run(w->b, line, ITALIC SZ(26));
    buf_adds(w->b, "</w:p></w:tc></w:tr></w:tbl>");
    free(line);
    free(date);
    empty_line(w);
}

/* The width of the closing's columns, and the signer's lines left for the signature. */
#define CLOSE_LEFT 4500
#define CLOSE_RIGHT 4855
#define SIGN_SPACE 4

void docx_frame_close(struct docx_body *w)
{
    const struct rframe *f = &w->d->frame;
    empty_line(w);
    frame_table_start(w, CLOSE_LEFT, CLOSE_RIGHT, 0);
    cell_start(w, CLOSE_LEFT);
    docx_para(w, "Recipients", NULL, "Nơi nhận:", BOLD ITALIC SZ(24), 0);
    for (size_t i = 0; i < f->recipients.n; i++) {
        bool last = i + 1 == f->recipients.n;
        char *item = xasprintf("- %s%s", f->recipients.items[i], last ? "." : ";");
        docx_para(w, "Recipients", NULL, item, NULL, 0);
        free(item);
    }
    buf_adds(w->b, "</w:tc>");
    cell_start(w, CLOSE_RIGHT);
    size_t n_title = f->signer.n > 1 ? f->signer.n - 1 : f->signer.n;
    for (size_t i = 0; i < n_title; i++)
        docx_para(w, "FrameText", NULL, f->signer.items[i], BOLD SZ(26), 0);
    for (int i = 0; i < SIGN_SPACE; i++)
        empty_line(w);
    if (f->signer.n > 1)
        docx_para(w, "FrameText", NULL, f->signer.items[f->signer.n - 1], BOLD SZ(26), 0);
    buf_adds(w->b, "</w:tc></w:tr></w:tbl>");
    empty_line(w);
}
