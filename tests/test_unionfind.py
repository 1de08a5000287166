"""The one union-find (generator/unionfind.py): groups do not depend on the order of the joins."""
from __future__ import annotations

from pelican.plugins.explainer.unionfind import UnionFind


def test_joined_nodes_share_the_smallest_node_as_their_root():
    groups = UnionFind(range(6))
    groups.union(4, 2)
    groups.union(5, 4)
    assert groups.find(5) == groups.find(4) == groups.find(2) == 2
    assert groups.find(3) == 3


def test_groups_list_their_nodes_in_the_order_they_were_given_whatever_the_join_order():
    nodes = [("b", 1), ("a", 2), ("a", 1), ("c", 1)]
    one, other = UnionFind(nodes), UnionFind(nodes)
    one.union(("c", 1), ("b", 1))
    one.union(("a", 1), ("c", 1))
    other.union(("a", 1), ("b", 1))
    other.union(("b", 1), ("c", 1))
    assert one.groups() == other.groups() == {("a", 1): [("b", 1), ("a", 1), ("c", 1)], ("a", 2): [("a", 2)]}


def test_a_union_returns_the_root_of_the_joined_group():
    groups = UnionFind(["x", "y", "z"])
    assert groups.union("z", "y") == "y"
    assert groups.union("y", "z") == "y"
    assert groups.union("z", "x") == "x"
