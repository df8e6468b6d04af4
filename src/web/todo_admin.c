/* Placeholder until the import and admin pages are written (then this file is deleted). */
#include "handlers.h"

#define TODO(name)                                                                                 \
    int name(struct req *rq, struct resp *rs)                                                      \
    {                                                                                              \
        return resp_error(rq, rs, 501, "not yet");                                                \
    }

TODO(h_import_form)
TODO(h_import)
TODO(h_admin)
TODO(h_admin_user_add)
TODO(h_admin_user_update)
TODO(h_admin_token_add)
TODO(h_admin_token_revoke)
TODO(h_admin_audit)
