/*
 * smtp: mail out through an SMTP server — the one module that includes
 * libcurl (Debian's libcurl4-openssl-dev; its SMTP support does the
 * protocol, STARTTLS and authentication) — plus the configuration file it
 * is given and the MIME message it sends (UTF-8 subject as RFC 2047
 * encoded words, UTF-8 plain-text body in base64).
 *
 * The configuration file (docs/NOTIFY.md) holds "key = value" lines:
 *   host      the server's name (required)
 *   port      default 587 (465 with security = tls, 25 with none)
 *   security  starttls (default; refuse a server without it), tls
 *             (implicit TLS, smtps) or none (a local relay)
 *   user, password   credentials, when the server asks for them
 *   from      the sender's address (required)
 *   from_name the sender's name (default "giamsat")
 *   timeout   seconds for one message (default 30)
 * '#' starts a comment line. The file holds a password: it is refused
 * when its group or others may read it (chmod 600, owned by the service
 * user).
 */
#ifndef GIAMSAT_SMTP_H
#define GIAMSAT_SMTP_H

#include "util/err.h"

enum smtp_security { SMTP_STARTTLS, SMTP_TLS, SMTP_NONE };

struct smtp_config {
    char *host;
    int port;
    enum smtp_security security;
    char *user, *password; /* NULL when not given */
    char *from, *from_name;
    long timeout_s;
};

#define SMTP_CONFIG_INIT { NULL, 0, SMTP_STARTTLS, NULL, NULL, NULL, NULL, 30 }

/** The configuration path used when none is given: /etc/giamsat/smtp.conf. */
#define SMTP_CONFIG_DEFAULT "/etc/giamsat/smtp.conf"

/**
 * Read the configuration file at path into *out (SMTP_CONFIG_INIT).
 * ERR_NOT_FOUND when there is no such file; ERR_FORBIDDEN when group or
 * others may read it; ERR_INVALID naming the line of an unknown key or a
 * bad value, or a missing host or from. Release with smtp_config_release().
 */
int smtp_config_load(const char *path, struct smtp_config *out, struct err *e);
void smtp_config_release(struct smtp_config *c);

/**
 * The whole message (headers and body, CRLF line ends) from c's sender
 * to `to`, with subject and body (UTF-8 text, '\n' line ends), the
 * Message-ID "<giamsat.ID.STAMP@DOMAIN>" (DOMAIN: the sender's) and the
 * Date of unix time `now`. Newly allocated; free().
 */
char *smtp_message(const struct smtp_config *c, const char *to, const char *subject,
                   const char *body, long id, long stamp, long now);

/**
 * Hand message to the server for recipient `to`. 0 when the server
 * accepted it; else ERR_STORAGE (an outside system failed) with
 * libcurl's reason (the server could not be reached, refused the sender
 * or the recipient, the TLS or the login failed).
 */
int smtp_send(const struct smtp_config *c, const char *to, const char *message, struct err *e);

#endif
