"""One union-find for every place that merges things into groups: the mentions of one actor in an article
(``extraction/components/actors/resolve.py``) and the actors of one real-world actor across a dossier
(``dossier/identity.py``, which adds its own refusal). Deterministic: a group's root is its smallest node
and groups list their nodes in the order the nodes were given, so a build never depends on join order."""
from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    """Disjoint sets over hashable, mutually comparable nodes (path halving; the smaller root wins)."""

    def __init__(self, nodes: Iterable[Hashable]):
        self.parent = {node: node for node in nodes}

    def find(self, node):
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a, b):
        """Join the groups of ``a`` and ``b``; returns the root of the joined group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        root, other = (ra, rb) if ra < rb else (rb, ra)
        self.parent[other] = root
        return root

    def groups(self) -> dict:
        """{root: [nodes]}, roots and nodes in the order the nodes were given."""
        out: dict = {}
        for node in self.parent:
            out.setdefault(self.find(node), []).append(node)
        return out
