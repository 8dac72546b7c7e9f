"""Runs `milvus-lite server ARGS...` as a child of a milvus-wasm Node process.

Same command line and behaviour as the `milvus-lite` console script, plus the rules that the
launcher (src/lite/) relies on:

* SIGTERM and SIGINT both raise KeyboardInterrupt, which `milvus_lite`'s `run_server` turns into a
  graceful stop: in-flight requests drain, the WAL is closed and the data dir's LOCK is released.
  (SIGINT is set explicitly because a shell may have started us with it ignored.)
* When standard input reaches end of file the parent is gone (even if it was SIGKILLed), so the
  server stops the same way instead of living on as an orphan that holds the data dir's LOCK.
* gRPC's SO_REUSEPORT is turned off, so a port that another server already took makes the bind
  fail (and the launcher retry with another port) instead of two servers sharing one port.
"""

import os
import signal
import sys
import threading

import grpc


def _interrupt(_signum=None, _frame=None):
    raise KeyboardInterrupt


def _stop_when_parent_dies():
    # os.read on the raw fd: a daemon thread blocked in sys.stdin's buffered reader aborts the
    # interpreter at shutdown ("could not acquire lock for <stdin>").
    while os.read(0, 4096):
        pass
    os.kill(os.getpid(), signal.SIGINT)


def _exclusive_port_server(make_server):
    def server(*args, options=None, **kwargs):
        return make_server(*args, options=[*(options or []), ("grpc.so_reuseport", 0)], **kwargs)

    return server


def main():
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    threading.Thread(target=_stop_when_parent_dies, name="parent-watch", daemon=True).start()
    grpc.server = _exclusive_port_server(grpc.server)
    from milvus_lite.cmdline import main as milvus_lite_main

    return milvus_lite_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
