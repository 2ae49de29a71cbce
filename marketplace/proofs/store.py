"""The log's Merkle tree kept in side tables: leaf hashes and the perfect subtrees' hashes.

``merkle_leaves`` holds one row per event (leaf index, position, leaf hash) and
``merkle_nodes`` the hash of every complete subtree of 2**level leaves, so a root or a proof
costs O(log² n) lookups rather than a walk over the log. The tree is extended by ``catch_up``,
which reads the events recorded after its last leaf: the projector calls it, and every
checkpoint or proof calls it first. It is not written when a sale is recorded, so it can never
slow or fail one; the hash chain stays the in-transaction record. The kept tree is only a
cache for proofs: ``ocop verify --checkpoint`` recomputes leaves from the stored rows.

The tables are made by ``ocop init`` with the other side tables (persistence/sql.py); the
witnesses' cosignatures of each kept checkpoint are kept beside it in ``merkle_cosignatures``.
"""

from collections.abc import Iterator
from typing import Any

from eventsourcing.persistence import IntegrityError

from marketplace.proofs.leaf import event_leaf_hash
from marketplace.proofs.merkle import node_hash, root

PAGE = 2000


class TreeStore:
    """The kept Merkle tree of one recorder's log."""

    def __init__(self, recorder: Any) -> None:
        self.recorder = recorder
        self.datastore = recorder.datastore
        q = getattr(recorder, "table_prefix", "")
        self.p = "%s" if hasattr(self.datastore, "schema") else "?"
        self.leaves, self.nodes = f"{q}merkle_leaves", f"{q}merkle_nodes"
        self.checkpoints = f"{q}merkle_checkpoints"
        self.cosignatures = f"{q}merkle_cosignatures"

    def _one(self, sql: str, *params: Any) -> Any:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(sql.format(p=self.p), params)
            return cursor.fetchone()

    def size(self) -> int:
        """How many leaves the kept tree has."""
        row = self._one(f"SELECT count(*) AS n FROM {self.leaves}")
        return int(row["n"])

    def last_position(self) -> int:
        """The position of the last event in the kept tree (0 if none)."""
        row = self._one(f"SELECT max(position) AS p FROM {self.leaves}")
        return int(row["p"] or 0)

    def leaf(self, index: int) -> tuple[int, bytes] | None:
        """(position, leaf hash) of one leaf, if kept."""
        row = self._one(f"SELECT position, hash FROM {self.leaves} WHERE leaf_index = {{p}}", index)
        return (int(row["position"]), bytes.fromhex(row["hash"])) if row else None

    def index_of(self, position: int) -> int | None:
        """The leaf index of the event at a position, if kept."""
        row = self._one(f"SELECT leaf_index FROM {self.leaves} WHERE position = {{p}}", position)
        return int(row["leaf_index"]) if row else None

    def indexes_of(self, positions: list[int]) -> dict[int, int]:
        """The leaf index of each of these positions (one range query)."""
        if not positions:
            return {}
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT position, leaf_index FROM {self.leaves} "
                f"WHERE position >= {self.p} AND position <= {self.p}",
                (min(positions), max(positions)),
            )
            found = {int(r["position"]): int(r["leaf_index"]) for r in cursor.fetchall()}
        return {p: found[p] for p in positions if p in found}

    def kept_leaves(self, size: int) -> Iterator[tuple[int, bytes]]:
        """(position, leaf hash) of the first ``size`` kept leaves, read a page at a time."""
        start = 0
        while start < size:
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute(
                    f"SELECT position, hash FROM {self.leaves} WHERE leaf_index >= {self.p} "
                    f"AND leaf_index < {self.p} ORDER BY leaf_index",
                    (start, min(size, start + PAGE)),
                )
                rows = cursor.fetchall()
            yield from ((int(r["position"]), bytes.fromhex(r["hash"])) for r in rows)
            if not rows:
                return
            start += PAGE

    def keep_checkpoint(self, size: int, note: str, signed_at: str) -> None:
        """Keep a signed note (the first one of a size stays)."""
        p = self.p
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"INSERT INTO {self.checkpoints} VALUES ({p}, {p}, {p}) "
                "ON CONFLICT (tree_size) DO NOTHING",
                (size, note, signed_at),
            )

    def checkpoint(self, size: int | None = None) -> str | None:
        """The kept note of that size, or the latest one."""
        if size is None:
            row = self._one(f"SELECT note FROM {self.checkpoints} ORDER BY tree_size DESC LIMIT 1")
        else:
            row = self._one(f"SELECT note FROM {self.checkpoints} WHERE tree_size = {{p}}", size)
        return row["note"] if row else None

    def checkpoints_page(self, limit: int, below: int | None = None) -> list[dict[str, Any]]:
        """Kept checkpoints newest first (of sizes below ``below``): size, note, signed_at."""
        where = f"WHERE tree_size < {self.p} " if below is not None else ""
        params = (below, limit) if below is not None else (limit,)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT tree_size, note, signed_at FROM {self.checkpoints} {where}"
                f"ORDER BY tree_size DESC LIMIT {self.p}",
                params,
            )
            return [
                {"size": int(r["tree_size"]), "note": r["note"], "signed_at": r["signed_at"]}
                for r in cursor.fetchall()
            ]

    def keep_cosignature(
        self, size: int, witness: str, line: str, cosigned_at: int, received_at: str
    ) -> bool:
        """Keep a witness's verified line on the checkpoint of ``size`` (its first line for a
        size stays); True if it was new."""
        p = self.p
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"SELECT 1 AS kept FROM {self.cosignatures} WHERE tree_size = {p} AND witness = {p}",
                (size, witness),
            )
            if cursor.fetchone() is not None:
                return False
            cursor.execute(  # a rival's insert meanwhile wins: one line per witness and size
                f"INSERT INTO {self.cosignatures} VALUES ({p}, {p}, {p}, {p}, {p}) "
                "ON CONFLICT (tree_size, witness) DO NOTHING",
                (size, witness, line, cosigned_at, received_at),
            )
            return True

    def cosignature_lines(self, size: int) -> list[str]:
        """The kept witnesses' lines on the checkpoint of ``size``, by witness name."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT line FROM {self.cosignatures} WHERE tree_size = {self.p} ORDER BY witness",
                (size,),
            )
            return [r["line"] for r in cursor.fetchall()]

    def cosigned(self) -> list[dict[str, Any]]:
        """Each witness: the largest size it has cosigned and when (its cosignature's time)."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT c.witness, c.tree_size, c.cosigned_at FROM {self.cosignatures} c "
                f"JOIN (SELECT witness, max(tree_size) AS top FROM {self.cosignatures} "
                "GROUP BY witness) t ON t.witness = c.witness AND t.top = c.tree_size "
                "ORDER BY c.witness"
            )
            return [
                {
                    "witness": r["witness"],
                    "size": int(r["tree_size"]),
                    "cosigned_at": int(r["cosigned_at"]),
                }
                for r in cursor.fetchall()
            ]

    def latest_signed(self) -> tuple[str, str] | None:
        """The latest kept note and when it was signed (ISO, UTC), if any."""
        row = self._one(
            f"SELECT note, signed_at FROM {self.checkpoints} ORDER BY tree_size DESC LIMIT 1"
        )
        return (row["note"], row["signed_at"]) if row else None

    def subtree(self, start: int, end: int) -> bytes:
        """The hash of leaves [start, end), from kept perfect subtrees."""
        n = end - start
        level = n.bit_length() - 1
        if n == 1 << level and start % n == 0:
            return self._perfect(level, start >> level)
        middle = start + (1 << ((n - 1).bit_length() - 1))
        return node_hash(self.subtree(start, middle), self.subtree(middle, end))

    def _perfect(self, level: int, index: int) -> bytes:
        if level == 0:
            kept = self.leaf(index)
            if kept is None:
                raise LookupError(f"leaf {index} is not in the kept tree")
            return kept[1]
        row = self._one(
            f"SELECT hash FROM {self.nodes} WHERE level = {{p}} AND node_index = {{p}}",
            level,
            index,
        )
        if row is None:
            raise LookupError(f"node {level}/{index} is not in the kept tree")
        return bytes.fromhex(row["hash"])

    def root(self, size: int) -> bytes:
        """The root of the first ``size`` leaves."""
        return root(self.subtree, size)

    def catch_up(self) -> int:
        """Add a leaf for every event recorded after the kept tree's last one; how many."""
        added = 0
        while True:
            try:
                step = self._extend()
            except IntegrityError:  # another process extended it meanwhile: read again
                continue
            added += step
            if step < PAGE:
                return added

    def _extend(self) -> int:
        size, after = self.size(), self.last_position()
        page = self.recorder.select_notifications(start=after, limit=PAGE, inclusive_of_start=False)
        if not page:
            return 0
        frontier = self._frontier(size)
        leaves, nodes = [], []
        for offset, notification in enumerate(page):
            index, digest = size + offset, event_leaf_hash(notification)
            leaves.append((index, notification.id, digest.hex()))
            frontier.append((0, index, digest))
            while len(frontier) > 1 and frontier[-1][0] == frontier[-2][0]:
                (level, _, right), (_, left_index, left) = frontier.pop(), frontier.pop()
                merged = (level + 1, left_index >> 1, node_hash(left, right))
                frontier.append(merged)
                nodes.append((merged[0], merged[1], merged[2].hex()))
        with self.datastore.transaction(commit=True) as cursor:
            p = self.p
            cursor.executemany(f"INSERT INTO {self.leaves} VALUES ({p}, {p}, {p})", leaves)
            if nodes:
                cursor.executemany(f"INSERT INTO {self.nodes} VALUES ({p}, {p}, {p})", nodes)
        return len(page)

    def _frontier(self, size: int) -> list[tuple[int, int, bytes]]:
        """The perfect subtrees that make up a tree of ``size`` leaves, largest first."""
        frontier, start = [], 0
        for level in range(size.bit_length() - 1, -1, -1):
            if size >> level & 1:
                frontier.append((level, start >> level, self._perfect(level, start >> level)))
                start += 1 << level
        return frontier
