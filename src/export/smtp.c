/* smtp: the configuration, the MIME message and libcurl's SMTP; see smtp.h. */
#include "smtp.h"

#include "util/buf.h"
#include "util/strparse.h"
#include "util/xalloc.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---- configuration ------------------------------------------------------------------ */

/* Trim spaces and tabs at both ends of s, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* The text field of c that key names, or NULL. */
static char **text_field(struct smtp_config *c, const char *key)
{
    static const char *const keys[] = { "host", "user", "password", "from", "from_name" };
    char **fields[] = { &c->host, &c->user, &c->password, &c->from, &c->from_name };
    for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
        if (!strcmp(key, keys[i]))
            return fields[i];
    return NULL;
}

static int config_set(struct smtp_config *c, const char *key, const char *value, struct err *e)
{
    static const char *const security[] = {
        [SMTP_STARTTLS] = "starttls", [SMTP_TLS] = "tls", [SMTP_NONE] = "none"
    };
    long n = 0;
    char **text = text_field(c, key);
    if (text) {
        free(*text);
        *text = xstrdup(value);
        return 0;
    }
    if (!strcmp(key, "port") && !strparse_long(value, 1, 65535, &n)) {
        c->port = (int)n;
        return 0;
    }
    if (!strcmp(key, "timeout") && !strparse_long(value, 1, 600, &n)) {
        c->timeout_s = n;
        return 0;
    }
    for (int k = 0; !strcmp(key, "security") && k <= SMTP_NONE; k++)
        if (!strcmp(value, security[k])) {
            c->security = (enum smtp_security)k;
            return 0;
        }
    return err_set(e, ERR_INVALID,
                   "unknown key or bad value '%s = %s' (keys: host, port,"
                   " security starttls|tls|none, user, password, from, from_name, timeout)",
                   key, value);
}

static int config_read(FILE *f, const char *path, struct smtp_config *out, struct err *e)
{
    char line[1024];
    for (int no = 1; fgets(line, sizeof(line), f); no++) {
        char *s = trim(line), *eq = strchr(s, '=');
        if (!*s || *s == '#')
            continue;
        if (!eq)
            return err_set(e, ERR_INVALID, "'%s' line %d: expected 'key = value'", path, no);
        *eq = '\0';
        if (config_set(out, trim(s), trim(eq + 1), e)) {
            err_prefix(e, "'%s' line %d", path, no);
            return e->kind;
        }
    }
    if (!out->host || !*out->host || !out->from || !strchr(out->from, '@'))
        return err_set(e, ERR_INVALID, "'%s' needs 'host = ...' and 'from = address'", path);
    if (!out->port)
        out->port = out->security == SMTP_TLS ? 465 : out->security == SMTP_NONE ? 25 : 587;
    if (!out->from_name)
        out->from_name = xstrdup("giamsat");
    return 0;
}

int smtp_config_load(const char *path, struct smtp_config *out, struct err *e)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return err_set(e, errno == ENOENT ? ERR_NOT_FOUND : ERR_STORAGE,
                       "cannot open the SMTP configuration '%s': %s", path, strerror(errno));
    struct stat sb;
    int ret = 0;
    if (fstat(fileno(f), &sb))
        ret = err_set(e, ERR_STORAGE, "cannot read '%s': %s", path, strerror(errno));
    else if (sb.st_mode & (S_IRWXG | S_IRWXO))
        ret = err_set(e, ERR_FORBIDDEN,
                      "'%s' holds a password but its group or others may read"
                      " it: run chmod 600 '%s' (as the service user that owns it)",
                      path, path);
    if (!ret)
        ret = config_read(f, path, out, e);
    fclose(f);
    if (ret)
        smtp_config_release(out);
    return ret;
}

void smtp_config_release(struct smtp_config *c)
{
    free(c->host);
    free(c->user);
    free(c->password);
    free(c->from);
    free(c->from_name);
    *c = (struct smtp_config)SMTP_CONFIG_INIT;
}

/* ---- the message -------------------------------------------------------------------- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(struct buf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        v |= i + 1 < n ? (unsigned)s[i + 1] << 8 : 0;
        v |= i + 2 < n ? s[i + 2] : 0;
        buf_addch(b, b64[v >> 18 & 63]);
        buf_addch(b, b64[v >> 12 & 63]);
        buf_addch(b, i + 1 < n ? b64[v >> 6 & 63] : '=');
        buf_addch(b, i + 2 < n ? b64[v & 63] : '=');
    }
}

/* text as RFC 2047 encoded words of at most 45 bytes each (never cutting a character). */
static void encoded_words(struct buf *b, const char *text)
{
    size_t n = strlen(text), at = 0;
    if (!n)
        return;
    while (at < n) {
        size_t len = n - at < 45 ? n - at : 45;
        while (at + len < n && ((unsigned char)text[at + len] & 0xC0) == 0x80)
            len--;
        buf_adds(b, at ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
        base64(b, (const unsigned char *)text + at, len);
        buf_adds(b, "?=");
        at += len;
    }
}

/* body with CRLF line ends, base64 in lines of 76 characters. */
static void body_base64(struct buf *b, const char *body)
{
    struct buf crlf = BUF_INIT, enc = BUF_INIT;
    for (const char *p = body; *p; p++) {
        if (*p == '\n')
            buf_addch(&crlf, '\r');
        buf_addch(&crlf, *p);
    }
    base64(&enc, (const unsigned char *)crlf.data, crlf.len);
    for (size_t i = 0; i < enc.len; i += 76) {
        buf_add(b, enc.data + i, enc.len - i < 76 ? enc.len - i : 76);
        buf_adds(b, "\r\n");
    }
    buf_release(&crlf);
    buf_release(&enc);
}

char *smtp_message(const struct smtp_config *c, const char *to, const char *subject,
                   const char *body, long id, long stamp, long now)
{
    static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    struct buf b = BUF_INIT;
    buf_addf(&b, "Date: %s, %02d %s %d %02d:%02d:%02d +0000\r\nFrom: ", days[tm.tm_wday],
             tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    encoded_words(&b, c->from_name);
    buf_addf(&b, " <%s>\r\nTo: <%s>\r\nSubject: ", c->from, to);
    encoded_words(&b, subject);
    buf_addf(&b,
             "\r\nMessage-ID: <giamsat.%ld.%ld@%s>\r\nMIME-Version: 1.0\r\n"
             "Content-Type: text/plain; charset=UTF-8\r\n"
             "Content-Transfer-Encoding: base64\r\n\r\n",
             id, stamp, strchr(c->from, '@') + 1);
    body_base64(&b, body);
    return buf_take(&b);
}

/* ---- sending ------------------------------------------------------------------------ */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_start(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct upload {
    const char *data;
    size_t left;
};

static size_t read_cb(char *out, size_t size, size_t n, void *arg)
{
    struct upload *u = arg;
    size_t len = size * n < u->left ? size * n : u->left;
    memcpy(out, u->data, len);
    u->data += len;
    u->left -= len;
    return len;
}

int smtp_send(const struct smtp_config *c, const char *to, const char *message, struct err *e)
{
    pthread_once(&curl_once, curl_start);
    CURL *h = curl_easy_init();
    if (!h)
        return err_set(e, ERR_INTERNAL, "cannot start libcurl");
    char *url =
        xasprintf("%s://%s:%d", c->security == SMTP_TLS ? "smtps" : "smtp", c->host, c->port);
    char *from = xasprintf("<%s>", c->from), *rcpt_addr = xasprintf("<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_addr);
    struct upload u = { message, strlen(message) };
    char why[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     c->security == SMTP_NONE ? (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
    if (c->user) {
        curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, c->password ? c->password : "");
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h, CURLOPT_READDATA, &u);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout_s);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->timeout_s < 10 ? c->timeout_s : 10L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, why);
    CURLcode rc = curl_easy_perform(h);
    int ret = rc == CURLE_OK ? 0
                             : err_set(e, ERR_STORAGE, "smtp %s:%d: %s", c->host, c->port,
                                       *why ? why : curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
    free(url);
    free(from);
    free(rcpt_addr);
    return ret;
}
