/* Placeholder until the API handlers are written (then this file is deleted). */
#include "handlers.h"

#define TODO(name)                                                                                 \
    int name(struct req *rq, struct resp *rs)                                                      \
    {                                                                                              \
        return resp_error(rq, rs, 501, "not yet");                                                \
    }

TODO(api_tasks)
TODO(api_task)
TODO(api_units)
TODO(api_documents)
TODO(api_report)
TODO(api_progress_list)
TODO(api_progress_add)
TODO(api_indicators)
TODO(api_openapi)
