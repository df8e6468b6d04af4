#!/usr/bin/python3
"""A local SMTP sink for the notification tests: aiosmtpd (Debian's
python3-aiosmtpd) on 127.0.0.1:PORT, writing each message it accepts to
DIR/NNNN.eml (the envelope recipients in an X-Rcpt-To header first).
Prints "ready" once it listens; stops on SIGTERM.

usage: smtp_sink.py PORT DIR
       smtp_sink.py read FILE...   each message decoded, one line per message:
                                   RCPT-TO <tab> Message-ID <tab> Subject <tab> body
                                   (the body's line ends as "\\n")
"""
import email
import email.policy
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Save:
    def __init__(self, folder):
        self.folder = folder
        self.count = len(os.listdir(folder))
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, "%04d.eml" % self.count)
        head = "X-Rcpt-To: %s\r\n" % ", ".join(envelope.rcpt_tos)
        with open(name + ".tmp", "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(name + ".tmp", name)
        return "250 OK"


def read(files):
    for name in files:
        with open(name, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        body = msg.get_content().replace("\r\n", "\n").replace("\n", "\\n")
        print("\t".join([msg["X-Rcpt-To"], msg["Message-ID"], str(msg["Subject"]), body]))


def main():
    if sys.argv[1] == "read":
        read(sys.argv[2:])
        return
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    ctl = Controller(Save(folder), hostname="127.0.0.1", port=port)
    ctl.start()
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    ctl.stop()


if __name__ == "__main__":
    main()
