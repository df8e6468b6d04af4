/* Placeholder until the dashboard and report pages are written (then this file is deleted). */
#include "handlers.h"

#define TODO(name)                                                                                 \
    int name(struct req *rq, struct resp *rs)                                                      \
    {                                                                                              \
        return resp_error(rq, rs, 501, "not yet");                                                \
    }

TODO(h_dashboard)
TODO(h_chart)
TODO(h_report)
TODO(h_report_download)
