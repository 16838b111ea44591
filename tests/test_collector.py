"""The cycle collector's switch: paused for a block, restored as it was, even on error."""

from __future__ import annotations

import gc

import pytest

from coopgraph.collector import collector


def test_collector_is_paused_and_restored_even_on_error() -> None:
    assert gc.isenabled()
    with collector(False):
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector(False):
        raise RuntimeError("stop")
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector(False):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
