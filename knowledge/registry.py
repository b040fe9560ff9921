"""A named registry for swappable parts (embedders, generators, rerankers).

One dict per kind; lookup of an unknown name raises `UnknownComponent` listing
what exists. Names may carry an argument after a colon
(`sentence-transformers:BAAI/bge-m3`): the part before the colon picks the factory,
the rest is passed to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from knowledge.errors import UnknownComponent

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str):
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        def decorator(factory: Callable[..., T]) -> Callable[..., T]:
            self._factories[name] = factory
            return factory

        return decorator

    def names(self) -> list[str]:
        return sorted(self._factories)

    def create(self, spec: str, **kwargs) -> T:
        """Build the part named by `spec` ("name" or "name:argument")."""
        name, _, arg = spec.partition(":")
        try:
            factory = self._factories[name]
        except KeyError:
            raise UnknownComponent(self.kind, spec, self.names()) from None
        return factory(arg, **kwargs) if arg else factory(**kwargs)
