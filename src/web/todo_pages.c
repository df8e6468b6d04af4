/* Placeholder until the task, unit and document pages are written (then this file is deleted). */
#include "handlers.h"

#define TODO(name)                                                                                 \
    int name(struct req *rq, struct resp *rs)                                                      \
    {                                                                                              \
        return resp_error(rq, rs, 501, "not yet");                                                \
    }

TODO(h_tasks)
TODO(h_tasks_export)
TODO(h_task)
TODO(h_task_progress)
TODO(h_units)
TODO(h_unit)
TODO(h_documents)
TODO(h_document)
