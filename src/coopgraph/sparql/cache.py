"""Answers kept for jobs asked again, within a byte budget."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from coopgraph.sparql.worker import Job, Result

__all__ = ["ResultCache"]


class ResultCache:
    """Results of jobs already answered, least recently used first out, within a byte budget.

    The graph the workers serve does not change while they run (an update replaces the
    workers, and :meth:`Executor.close` empties the cache), so the same job gets the same
    bytes. Only answers are kept, never errors or time-outs; one result may take at most an
    eighth of the budget.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.hits = 0
        self._entries: OrderedDict[Hashable, Result] = OrderedDict()

    def key(self, job: Job) -> Hashable | None:
        if self.budget <= 0:
            return None
        try:
            return (
                job.query,
                job.solutions,
                job.graph,
                job.default_graph,
                job.named_graphs,
                frozenset(job.substitutions.items()),
                frozenset(job.prefixes.items()),
                job.whole,
                job.base_iri,
            )
        except TypeError:  # a value that cannot be hashed: not cached
            return None

    def get(self, key: Hashable | None) -> Result | None:
        if key is None:
            return None
        result = self._entries.get(key)
        if result is not None:
            self._entries.move_to_end(key)
            self.hits += 1
        return result

    def put(self, key: Hashable | None, result: Result) -> None:
        cost = len(result.body) + 256
        if key is None or cost > self.budget // 8 or key in self._entries:
            return
        self._entries[key] = result
        self.size += cost
        while self.size > self.budget:
            _, old = self._entries.popitem(last=False)
            self.size -= len(old.body) + 256

    def clear(self) -> None:
        self._entries.clear()
        self.size = 0
