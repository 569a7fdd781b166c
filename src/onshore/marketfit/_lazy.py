"""cached_attribute: functools.cached_property without its lock.

On Python 3.11, cached_property takes a class-wide lock on every first access, which
costs about a microsecond; a check reads about ten such values per post, each on an
object that lives for that one check and one thread, so the lock buys nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached_attribute(Generic[T]):  # lower case, like the decorator it stands in for
    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_attribute[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object, owner: type | None = None) -> T | cached_attribute[T]:
        if instance is None:
            return self
        # Stored in the instance dict, which Python reads before this (non-data)
        # descriptor from then on.
        value = instance.__dict__[self.name] = self.compute(instance)
        return value
