"""Vietnamese sort order of names (domain/text.py vietnamese_order)."""

from hypothesis import given
from hypothesis import strategies as st

from domain.text import vietnamese_order


def ordered(*names: str) -> list[str]:
    return sorted(names, key=vietnamese_order)


def test_d_with_stroke_comes_after_every_d():
    assert ordered("Đông Anh", "Dương Kinh", "Đan Phượng", "Duy Tiên") == [
        "Duy Tiên",
        "Dương Kinh",
        "Đan Phượng",
        "Đông Anh",
    ]


def test_letters_with_marks_come_after_their_base_letter():
    assert ordered("ư", "ơ", "ô", "o", "u", "â", "ă", "a", "ê", "e") == [
        "a",
        "ă",
        "â",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
    ]


def test_tones_follow_the_common_order():
    assert ordered("ạ", "ã", "ả", "á", "à", "a") == ["a", "à", "á", "ả", "ã", "ạ"]


def test_letters_decide_before_tones():
    assert ordered("Bà Vì", "Ba Vinh", "Bá Thước") == ["Bá Thước", "Bà Vì", "Ba Vinh"]


def test_case_is_ignored_before_it_breaks_ties():
    assert ordered("an lão", "An Hòa", "An Lão") == ["An Hòa", "An Lão", "an lão"]


def test_precomposed_and_decomposed_spellings_sort_together():
    assert vietnamese_order("Hà Nội")[:2] == vietnamese_order("Ha\u0300 No\u0302\u0323i")[:2]


@given(st.lists(st.text(max_size=8), max_size=8))
def test_any_texts_sort_without_error_and_deterministically(names):
    assert ordered(*names) == ordered(*reversed(names))
