/*
 * page_export: sending a list page's rows as a CSV or XLSX attachment named
 * after its filter (defined in page_tasks_export.c, which exports the task
 * list; page_warnings.c exports the warnings the same way).
 */
#ifndef GIAMSAT_PAGE_EXPORT_H
#define GIAMSAT_PAGE_EXPORT_H

#include "http.h"
#include "render/rdoc.h"

/**
 * Render d as format ("csv": section `section` through csv_render();
 * "docx": docx_write(); else "xlsx": xlsx_write()) into rs, with a Content-Disposition
 * naming the file base (ASCII, "nhiem-vu") then each of parts[0..n_parts)
 * folded to ASCII, and in filename*= vi_base and the parts as written
 * ("nhiệm vụ - Bộ Công an.xlsx"). 0, or -1 after a 500 response.
 */
int page_export_send(struct req *rq, struct resp *rs, const struct rdoc *d, const char *section,
                     const char *format, const char *base, const char *vi_base,
                     const char *const *parts, size_t n_parts);

#endif
