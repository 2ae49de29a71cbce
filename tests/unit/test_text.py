"""The rule for typed texts and the search fold (domain/text.py)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.producer import Producer
from domain.text import checked_text, fold, has_unpaired_surrogate, matches, vietnamese_order
from domain.values import Place

ANY_TEXT = st.text(
    st.one_of(st.characters(), st.sampled_from("\x00\x07\r\n\t\u200b\u200e\ufeff\u3164đĐ")),
    max_size=40,
)


@given(ANY_TEXT)
def test_a_text_is_refused_naming_its_field_or_kept_storable_and_visible(text):
    try:
        kept = checked_text(text, "name")
    except InvalidValue as refused:
        assert refused.field == "name"
        return
    kept.encode("utf-8")  # no unpaired surrogate
    assert "\x00" not in kept and kept == kept.strip() and kept
    assert all(unicodedata.category(c) != "Cc" or c in "\t\n" for c in kept)


@pytest.mark.parametrize("blank", ["", " \t\n", "\u200b", "\u200e\u200f", "\ufeff", "\u3164"])
def test_a_required_text_that_shows_nothing_is_empty_and_an_optional_one_is_none(blank):
    with pytest.raises(InvalidValue, match="must not be empty"):
        checked_text(blank, "name")
    assert checked_text(blank, "district", required=False) is None


def test_a_newline_typed_as_crlf_is_kept_as_a_newline():
    assert checked_text(" hai\r\ndòng\tcột ", "reason") == "hai\ndòng\tcột"


@pytest.mark.parametrize("bad", ["\x00", "\r", "\x1b", "\x7f", "\x85", "\ud800"])
def test_control_characters_and_surrogates_are_refused_inside_a_text(bad):
    with pytest.raises(InvalidValue) as refused:
        checked_text(f"HTX {bad} Vân", "name")
    assert refused.value.message.startswith("must not contain")


def test_a_producer_and_its_place_refuse_them_naming_the_field():
    with pytest.raises(InvalidValue) as refused:
        Producer.register("HTX nul\x00byte", "cooperative", Place("Hà Nội", "Vân Hà"))
    assert refused.value.field == "name"
    with pytest.raises(InvalidValue) as refused:
        Place("Hà Nội", "\u200b")
    assert refused.value.field == "commune"
    assert Place(" Hà Nội ", "Vân Hà", " ").district is None


@pytest.mark.parametrize(
    "typed, name",
    [("mat ong", "Mật ong"), ("dac san", "Đặc sản"), ("ĐẶC SẢN", "Đặc sản"), ("đ", "Đồ gỗ")],
)
def test_the_search_rule_ignores_case_and_accents_and_finds_d_for_đ(typed, name):
    assert matches(typed, name)


@given(ANY_TEXT)
def test_a_folded_text_holds_no_control_character_and_folds_to_itself(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert all(unicodedata.category(c) not in ("Cc", "Cs") or c in "\t\n" for c in folded)


@pytest.mark.parametrize(
    "invisible",
    ["\u034f", "\ufe0f", "\ufe00\u200d", "\U000e0100", "\u17b4", "\u180b", "\u00ad\u2060"],
)
def test_default_ignorable_marks_alone_show_nothing(invisible):
    with pytest.raises(InvalidValue, match="must not be empty"):
        checked_text(invisible, "name")
    assert checked_text(invisible, "name", required=False) is None


def test_a_mark_that_changes_a_visible_character_is_kept():
    assert checked_text("Trà \u2615\ufe0f", "name") == "Trà \u2615\ufe0f"


@given(st.text())
def test_an_unpaired_surrogate_is_exactly_what_utf_8_cannot_write(text):
    try:
        text.encode("utf-8")
        writable = True
    except UnicodeEncodeError:
        writable = False
    assert has_unpaired_surrogate(text) is not writable


def test_names_sort_in_vietnamese_order_not_by_code_point():
    names = ["Đông Anh", "Ân Thi", "ấp Bắc", "Dương Kinh", "An Lão", "Ăn Uống", "Bà Rịa", "Ea Kar"]
    assert sorted(names, key=vietnamese_order) == [
        "An Lão",
        "Ăn Uống",
        "Ân Thi",
        "ấp Bắc",
        "Bà Rịa",
        "Dương Kinh",
        "Đông Anh",
        "Ea Kar",
    ]


@given(ANY_TEXT, ANY_TEXT)
def test_the_vietnamese_order_is_total_and_keeps_different_texts_apart(a, b):
    assert (vietnamese_order(a) == vietnamese_order(b)) == (a == b)
