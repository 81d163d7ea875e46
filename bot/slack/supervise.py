"""The bot's own worker process: by default ``briefbot slack`` acknowledges, and a child briefs.

A brief holds the interpreter it runs in (the offline engine's parser is CPU-bound Python): in the process
that acknowledges Slack it would make the acknowledgements wait. So by default the bot starts one
``briefbot worker`` child — the same code as the Procfile's ``worker:`` type — and only records jobs
itself. The child:

- reads nothing from its standard input but notices when it closes: the bot has exited, however (a
  SIGKILL included), and the child stops as on SIGTERM (running jobs get their grace, the rest is handed
  back), so no worker outlives its bot for long;
- runs in its own session, so a Ctrl-C at the terminal reaches the bot only, which then stops the child;
- is started again when it dies; the new one takes back at once the jobs the dead one held (they are
  running under a process of this machine that no longer exists, see ``bot.chat.jobs``).
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time

log = logging.getLogger(__name__)

# Seconds a child's running jobs get to finish when the bot stops, before they are handed back.
GRACE_S = 10.0
# A child that dies sooner than this after its start is started again after a growing pause.
FIRST_PAUSE_S = 0.5
STEADY_S = 30.0
MAX_PAUSE_S = 30.0
# This many quick deaths in a row and the bot reports itself unhealthy: it acknowledges, but nothing briefs.
CRASH_LOOP = 3


class WorkerChild:
    """Start, watch, restart and stop one ``briefbot worker`` child process."""

    def __init__(self, *, grace_s: float = GRACE_S, env: dict[str, str] | None = None) -> None:
        self.grace_s = grace_s
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None
        self._spawned_at = 0.0
        self._quick_exits = 0  # children in a row that died sooner than STEADY_S after their start

    def start(self) -> WorkerChild:
        """Start the child and a thread that starts it again whenever it exits unasked."""
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="briefbot-worker-watch", daemon=True)
        self._watcher.start()
        return self

    def _spawn(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            # The child inherits stdout and stderr (its log lines go where the bot's go) and holds the read
            # end of a pipe whose write end only this process has: it closes when this process exits.
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "worker", "--grace", str(self.grace_s), "--until-stdin-closes"],
                stdin=subprocess.PIPE,
                env=self.env,
                start_new_session=True,
            )
            self._spawned_at = time.monotonic()
        log.info("started worker process %s", self.proc.pid)

    def _watch(self) -> None:
        pause = FIRST_PAUSE_S
        while not self._stopping.is_set():
            proc = self.proc
            assert proc is not None
            started = time.monotonic()
            code = proc.wait()
            if self._stopping.is_set():
                return
            log.warning("worker process %s exited (code %s); starting another", proc.pid, code)
            # One that keeps dying at once (a bad configuration) is not restarted in a tight loop.
            lived = time.monotonic() - started
            pause = FIRST_PAUSE_S if lived >= STEADY_S else min(pause * 2, MAX_PAUSE_S)
            with self._lock:
                self._quick_exits = 0 if lived >= STEADY_S else self._quick_exits + 1
            if self._stopping.wait(pause):
                return
            self._spawn()

    def problem(self) -> str | None:
        """Why briefs are not being made, when the child keeps dying soon after it starts; else None.
        A child that has now lived ``STEADY_S`` ends the streak."""
        with self._lock:
            proc = self.proc
            if proc is not None and proc.poll() is None and time.monotonic() - self._spawned_at >= STEADY_S:
                self._quick_exits = 0
            exits = self._quick_exits
        if exits < CRASH_LOOP:
            return None
        return (
            f"the worker process exited {exits} times in a row within {STEADY_S:.0f} s of starting; "
            "messages are acknowledged but not briefed (see the log)"
        )

    def stop(self) -> None:
        """SIGTERM the child and wait for it (its grace, and a little more), then kill it if need be."""
        with self._lock:
            self._stopping.set()
            proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=self.grace_s + 5)
        except subprocess.TimeoutExpired:
            log.warning("worker process %s did not stop in time; killing it", proc.pid)
            proc.kill()
            proc.wait()
        if proc.stdin is not None:
            proc.stdin.close()
