"""The Merkle tree against the Certificate Transparency vectors and by properties."""

from hypothesis import given
from hypothesis import strategies as st

from marketplace.proofs.merkle import (
    EMPTY_ROOT,
    consistency_path,
    inclusion_path,
    leaf_hash,
    over,
    root,
    verify_consistency,
    verify_inclusion,
)

# RFC 6962 reference leaves and the root of each size 1..8 (transparency-dev/merkle testonly).
CT_LEAVES = [
    bytes.fromhex(h)
    for h in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
              "606162636465666768696a6b6c6d6e6f")
]  # fmt: skip
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = {
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}
CT_CONSISTENCY = {
    (2, 8): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
}
CT_TREE = over([leaf_hash(leaf) for leaf in CT_LEAVES])


def test_roots_are_the_certificate_transparency_ones():
    assert root(CT_TREE, 0) == EMPTY_ROOT
    for size, expected in enumerate(CT_ROOTS, start=1):
        assert root(CT_TREE, size).hex() == expected


def test_proofs_are_the_certificate_transparency_ones():
    for (index, size), path in CT_INCLUSION.items():
        assert [h.hex() for h in inclusion_path(CT_TREE, index, size)] == path
    for (first, second), path in CT_CONSISTENCY.items():
        assert [h.hex() for h in consistency_path(CT_TREE, first, second)] == path


leaves = st.lists(st.binary(max_size=8), min_size=1, max_size=70)


@given(leaves, st.data())
def test_a_proof_for_every_position_verifies_and_a_changed_leaf_does_not(data, draw):
    hashes = [leaf_hash(d) for d in data]
    tree, size = over(hashes), len(hashes)
    top = root(tree, size)
    for index in range(size):
        path = inclusion_path(tree, index, size)
        assert verify_inclusion(hashes[index], index, size, path, top)
        assert not verify_inclusion(leaf_hash(data[index] + b"!"), index, size, path, top)
    index = draw.draw(st.integers(0, size - 1))
    path = inclusion_path(tree, index, size)
    if path:
        bent = [*path[:-1], bytes(32)]
        assert not verify_inclusion(hashes[index], index, size, bent, top)
        assert not verify_inclusion(hashes[index], index, size, path[:-1], top)


@given(leaves, st.data())
def test_consistency_between_random_sizes_verifies_and_a_changed_history_does_not(data, draw):
    hashes = [leaf_hash(d) for d in data]
    tree = over(hashes)
    second = draw.draw(st.integers(0, len(hashes)))
    first = draw.draw(st.integers(0, second))
    path = consistency_path(tree, first, second)
    first_root, second_root = root(tree, first), root(tree, second)
    assert verify_consistency(first, second, first_root, second_root, path)
    if 0 < first < second:
        changed = draw.draw(st.integers(0, first - 1))  # a leaf the first tree signed
        rewritten = over([*hashes[:changed], leaf_hash(b"x" * 9), *hashes[changed + 1 :]])
        other_root = root(rewritten, second)
        other_path = consistency_path(rewritten, first, second)
        assert not verify_consistency(first, second, first_root, other_root, other_path)
        assert not verify_consistency(first, second, first_root, second_root, path[:-1])
        assert not verify_consistency(first, second, first_root, second_root, [*path, bytes(32)])


def test_bad_sizes_are_refused():
    assert not verify_inclusion(leaf_hash(b""), 8, 8, [], EMPTY_ROOT)
    assert not verify_consistency(5, 3, EMPTY_ROOT, EMPTY_ROOT, [])
    assert not verify_consistency(6, 8, root(CT_TREE, 6), root(CT_TREE, 8), [])
