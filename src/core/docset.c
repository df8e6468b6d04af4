/* docset: document sets' rules; see docset.h. */
#include "docset.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

char *docset_issuer(const char *symbol)
{
    if (!symbol)
        return xstrdup("");
    const char *start = symbol;
    for (const char *s = symbol; *s; s++)
        if (*s == '/' || *s == '-')
            start = s + 1;
    return text_trim(start);
}

/* Equal ignoring case, diacritics and spacing. */
static bool same_folded(const char *a, const char *b)
{
    char *fa = text_fold_nospace(a), *fb = text_fold_nospace(b);
    bool same = !strcmp(fa, fb);
    free(fa);
    free(fb);
    return same;
}

bool docset_matches(const char *rule_issuer, const char *rule_kind, const char *kind,
                    const char *symbol)
{
    if (!rule_issuer && !rule_kind)
        return false;
    if (rule_kind && !same_folded(rule_kind, kind ? kind : ""))
        return false;
    if (!rule_issuer)
        return true;
    char *issuer = docset_issuer(symbol);
    bool match = *issuer && same_folded(rule_issuer, issuer);
    free(issuer);
    return match;
}
