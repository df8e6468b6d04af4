/* page_static: the stylesheet and script compiled into the binary (no CDN). */
#include "handlers.h"

#include "core/embedded.h"

#include <string.h>

static const struct {
    const char *name, *path, *type;
} assets[] = {
    { "style.css", "data/web/style.css", "text/css; charset=utf-8" },
    { "app.js", "data/web/app.js", "text/javascript; charset=utf-8" },
};

int h_static(struct req *rq, struct resp *rs)
{
    for (size_t i = 0; i < sizeof(assets) / sizeof(*assets); i++) {
        if (strcmp(rq->params[0], assets[i].name))
            continue;
        const struct embedded_file *f = embedded_find(assets[i].path);
        if (!f)
            break;
        rs->content_type = assets[i].type;
        resp_header(rs, "Cache-Control", "public, max-age=3600");
        buf_add(&rs->body, f->data, f->len);
        return 0;
    }
    return resp_error(rq, rs, 404, "Không có tệp này.");
}
