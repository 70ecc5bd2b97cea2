#!/usr/bin/env python3
"""A --console-socket receiver for the soak (runc's recvtty is not installed): accepts any number of connections,
takes the pty master each one sends with SCM_RIGHTS, drains it, and closes it once the container's side is gone
(read fails with EIO), so its own fd count returns to where it started when no container is left."""
import os, selectors, socket, sys

listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(sys.argv[1])
listener.listen(64)
selector = selectors.DefaultSelector()
selector.register(listener, selectors.EVENT_READ)
print("ready", flush=True)
while True:
    for key, _ in selector.select():
        if key.fileobj is listener:
            connection, _ = listener.accept()
            with connection:
                _, fds, _, _ = socket.recv_fds(connection, 4096, 4)
            for fd in fds:
                os.set_blocking(fd, False)
                selector.register(fd, selectors.EVENT_READ)
            continue
        try:
            data = os.read(key.fd, 4096)
        except BlockingIOError:
            continue
        except OSError:
            data = b""
        if not data:
            selector.unregister(key.fd)
            os.close(key.fd)
