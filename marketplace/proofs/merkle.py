"""The Merkle tree of RFC 9162 §2.1 (as RFC 6962): hashing, roots, proofs and their checks.

Standard library only. Trees are given as a function ``subtree(start, end)`` that returns the
hash of the leaves in [start, end), so that a store can answer it from kept perfect subtrees;
``over(leaf_hashes)`` makes one from a plain list. Hashes are 32 raw bytes.
"""

import hashlib
from collections.abc import Callable, Sequence

Subtree = Callable[[int, int], bytes]
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 ‖ leaf): the hash of one leaf."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 ‖ left ‖ right): the hash of an inner node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(n: int) -> int:
    """The largest power of two smaller than n (n ≥ 2): where RFC 9162 splits a tree."""
    return 1 << ((n - 1).bit_length() - 1)


def over(leaf_hashes: Sequence[bytes]) -> Subtree:
    """A tree over a list of leaf hashes, hashing each subtree when asked."""

    def subtree(start: int, end: int) -> bytes:
        if end - start == 1:
            return leaf_hashes[start]
        middle = start + split(end - start)
        return node_hash(subtree(start, middle), subtree(middle, end))

    return subtree


class Frontier:
    """The root of leaves given one at a time, in O(log n) memory: a stack of the perfect
    subtrees so far, largest first, merged as they pair up (RFC 9162 §2.1.1's tree)."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, bytes]] = []
        self.size = 0

    def add(self, leaf: bytes) -> None:
        """Append one leaf hash."""
        width, digest = 1, leaf
        while self.stack and self.stack[-1][0] == width:
            digest, width = node_hash(self.stack.pop()[1], digest), width * 2
        self.stack.append((width, digest))
        self.size += 1

    def root(self) -> bytes:
        """MTH of the leaves added so far."""
        if not self.stack:
            return EMPTY_ROOT
        digest = self.stack[-1][1]
        for _, left in reversed(self.stack[:-1]):
            digest = node_hash(left, digest)
        return digest


def root(subtree: Subtree, size: int) -> bytes:
    """MTH of the first ``size`` leaves (the empty tree's is SHA-256 of nothing)."""
    return subtree(0, size) if size else EMPTY_ROOT


def inclusion_path(subtree: Subtree, index: int, size: int) -> list[bytes]:
    """PATH(index, D[0:size]): the audit path of one leaf, leaf level first."""
    if not 0 <= index < size:
        raise ValueError("the leaf index must be below the tree size")
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:  # walk down from the root; siblings are collected top first
        middle = start + split(end - start)
        if index < middle:
            path.append(subtree(middle, end))
            end = middle
        else:
            path.append(subtree(start, middle))
            start = middle
    return path[::-1]


def consistency_path(subtree: Subtree, first: int, second: int) -> list[bytes]:
    """PROOF(first, D[0:second]): that the tree of size ``first`` is a prefix of ``second``'s."""
    if not 0 <= first <= second:
        raise ValueError("the first size must be between 0 and the second")
    if first in (0, second):
        return []
    return _subproof(subtree, first, 0, second, True)


def _subproof(subtree: Subtree, m: int, start: int, end: int, whole: bool) -> list[bytes]:
    """SUBPROOF(m, D[start:end], whole) of RFC 9162 §2.1.4.1 (depth at most 64)."""
    if m == end - start:
        return [] if whole else [subtree(start, end)]
    k = split(end - start)
    if m <= k:
        return _subproof(subtree, m, start, start + k, whole) + [subtree(start + k, end)]
    return _subproof(subtree, m - k, start + k, end, False) + [subtree(start, start + k)]


def verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root_hash: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``path`` prove the leaf hash at ``index`` in the tree?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root_hash


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, path: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does ``path`` prove the first tree a prefix of the second?"""
    if not 0 <= first <= second:
        return False
    if first == second:
        return not path and first_root == second_root
    if first == 0:  # the empty tree is a prefix of every tree; nothing to prove
        return not path and first_root == EMPTY_ROOT
    if not path:
        return False
    path = list(path)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0
