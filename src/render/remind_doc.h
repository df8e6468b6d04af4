/*
 * remind_doc: reminder letters (văn bản đôn đốc), one section per unit,
 * laid out as an rdoc so they print, render as text or go to DOCX.
 */
#ifndef GIAMSAT_REMIND_DOC_H
#define GIAMSAT_REMIND_DOC_H

#include "core/remind.h"
#include "rdoc.h"

/** Lay out rm into *d (RDOC_INIT); free with rdoc_release(). Text is copied. */
void remind_doc_build(const struct reminders *rm, struct rdoc *d);

#endif
