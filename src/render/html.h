/*
 * html: renders an rdoc as one standalone HTML5 document to open in a
 * browser and print on A4 (render layer, above core; no I/O).
 *
 * The output is polyglot markup: valid HTML5 and well-formed XML at once
 * (every element closed, attributes double-quoted, <meta charset="utf-8"/>,
 * the only references are &amp; &lt; &gt; &quot; &#39;), so XML tools can
 * read it too. It is self-contained: one embedded <style>, no script, no
 * external resource, so it can be mailed or archived as one file.
 *
 * Print layout follows Vietnamese administrative documents (Nghị định
 * 30/2020/NĐ-CP): A4 with margins 20mm 15mm 20mm 30mm, a serif font with
 * Vietnamese glyphs at 13pt, the title centred; each section starts a new
 * page, and one holding a table of 6 columns or more (class "wide") prints
 * on landscape pages (the named @page "wide").
 *
 * With d->frame.on, the document sits in the administrative frame:
 * <header class="frame"> (issuer, "Số: ...", the national motto, place and
 * date) before the title and <footer class="frame"> ("Nơi nhận:" beside the
 * signature) after the footnotes; frame.kind ("BÁO CÁO", "PHỤ LỤC") is a
 * <p class="kind"> above the title. A document of several sections gets a
 * table of contents (html_toc()) after the title; the sections sit in <main>. Tables have borders, repeat their header on
 * every page and never split a row across pages; numbers (CELL_INT,
 * CELL_PERCENT) are right-aligned (class "num"), and the last row of a table
 * with has_total_row is bold (class "total").
 *
 * Structure: <h1> title, <p class="subtitle">, one <section> per rsection
 * (id "s-KEY") with an <h2> title, <p> paragraphs, <ul> for consecutive list
 * items and <table> with <th scope="col"> headers. A footnote reference is
 * <sup><a href="#fn-N" id="fnref-N">N</a></sup>; the id is only on the first
 * reference to N, so ids stay unique. Every footnote of the rdoc is listed
 * at the end in <section class="footnotes"><ol><li id="fn-N">.
 *
 * Text: & < > " ' are escaped, a line break becomes <br/>, and C0 control
 * characters other than tab (which XML forbids) are dropped.
 */
#ifndef GIAMSAT_HTML_H
#define GIAMSAT_HTML_H

#include "render/rdoc.h"
#include "util/buf.h"

/**
 * Append the complete HTML document for d to out.
 *
 * @param d    the document; borrowed, not modified. Its text is UTF-8 and
 *             every footnote index in it is 0 or <= d->footnotes.n (a larger
 *             one is a bug of the builder: BUG()).
 * @param out  appended to; check buf_ok(out) once afterwards. The caller
 *             owns and releases it.
 */
void html_render(const struct rdoc *d, struct buf *out);

/**
 * Append the table of contents of d: <nav class="toc"> with an <hLEVEL>
 * "Mục lục" (id "toc-h") and an <ol> of links to each section that has a
 * key ("#s-KEY"). html_render() puts it after the title when d has more
 * than one section; a page that embeds html_render_fragment() calls it.
 */
void html_toc(const struct rdoc *d, int level, struct buf *out);

/**
 * Append d as a fragment to embed in a page: <div class="rdoc"> holding
 * what html_render() puts in <body> — the title as <hLEVEL>, the subtitle,
 * the sections with <hLEVEL+1> titles and the footnotes — with the same
 * markup, escaping and ids (so one fragment per page keeps ids unique),
 * and no <html>, <head>, <style> or <body>: the page's stylesheet styles
 * it (classes "subtitle", "num", "total", "footnotes", "back").
 *
 * @param d      as for html_render().
 * @param level  heading level of the title, 1 to 5 (other values: BUG()).
 * @param out    appended to; check buf_ok(out) once afterwards.
 */
void html_render_fragment(const struct rdoc *d, int level, struct buf *out);

#endif
