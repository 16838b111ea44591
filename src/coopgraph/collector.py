"""Python's cycle collector paused or run around work that makes many objects.

The build pauses it while it reads and writes the caches and runs it while a document is
extracted; a projection pauses it while it allocates its many small objects. One switch serves
both, so the policy is read in one place.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector"]


@contextmanager
def collector(enabled: bool) -> Iterator[None]:
    """Run with Python's cycle collector on or off; as it was afterwards.

    A build pauses it while it reads and writes the caches (large structures without cycles,
    which every collection would traverse again) and runs it while a document is extracted
    (which leaves cyclic garbage), then over the objects made since only: those made before
    are frozen (``gc.freeze``) unless something else froze objects already, and what the
    extraction left is collected before they are unfrozen.
    """
    was = gc.isenabled()
    froze = enabled and gc.get_freeze_count() == 0
    if froze:
        gc.freeze()
    gc.enable() if enabled else gc.disable()
    try:
        yield
    finally:
        if froze:
            gc.collect()  # what the extraction left, without the frozen objects
            gc.unfreeze()
        gc.enable() if was else gc.disable()
