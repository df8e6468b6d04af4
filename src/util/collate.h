/*
 * collate: Vietnamese alphabetical order (a ă â b c d đ e ê ...), by ICU.
 *
 * collate_vi() compares two UTF-8 strings as a Vietnamese reader expects. It
 * falls back to byte order if ICU cannot open its Vietnamese collator. The
 * collator is opened once per process; collate_vi() is safe to call from
 * several threads, collate_shutdown() only when no other thread uses it.
 */
#ifndef GIAMSAT_COLLATE_H
#define GIAMSAT_COLLATE_H

/** <0, 0, >0 like strcmp, in Vietnamese order. */
int collate_vi(const char *a, const char *b);

/** Release the collator (at exit, to keep leak checkers quiet). */
void collate_shutdown(void);

#endif
