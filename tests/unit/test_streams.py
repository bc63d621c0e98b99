"""SIGTERM and SIGHUP unwind like Ctrl-C in the main thread, and are left alone elsewhere."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from checker.cli.streams import Terminated, terminations_raise


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_terminating_signal_raises_and_the_handler_is_restored(name: str) -> None:
    signum = getattr(signal, name)
    before = signal.getsignal(signum)
    with pytest.raises(Terminated) as caught, terminations_raise():
        os.kill(os.getpid(), signum)
    assert caught.value.name == name
    assert signal.getsignal(signum) is before


def test_outside_the_main_thread_the_handlers_are_left_alone() -> None:
    before = signal.getsignal(signal.SIGTERM)
    seen: list[object] = []

    def work() -> None:
        try:
            with terminations_raise():
                seen.append(signal.getsignal(signal.SIGTERM))
        except BaseException as exc:
            seen.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [before]
