"""Waiting for a bot started in a process of its own (by the tests, the benchmarks and the try-it tool)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx


def wait_until_healthy(proc: subprocess.Popen[bytes], port: int, log: Path, *, timeout: float = 30.0) -> None:
    """Return once the bot on ``port`` answers ``/healthz``; raise, with the end of its log, if it exits or
    does not answer within ``timeout`` seconds (then it is killed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the bot exited with {proc.returncode}; its log:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"the bot did not answer /healthz within {timeout:.0f} s")
