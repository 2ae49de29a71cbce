"""``ocop import KIND FILE`` on both stores: the summary line, the refused rows, the exit codes
(0 all recorded or present, 1 a row refused, 2 a file it cannot read), dry run, all-or-nothing,
and templates that import as they are."""

import pytest

from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.imports import KINDS
from ocop import main
from tests.integration.conftest import count_events
from tests.integration.import_files import workbook

HEADER = ["Tên chủ thể", "Loại hình", "Tỉnh/thành phố", "Quận/huyện", "Xã/phường"]
GOOD = ["HTX Vân Hà", "Hợp tác xã", "Hà Nội", "Đông Anh", "Vân Hà"]
BAD = ["HTX Sai", "Hợp tác xã", "Hà Nội", None, "Không Có"]


@pytest.fixture
def ocop_env(monkeypatch, tmp_path, database_url):
    monkeypatch.chdir(tmp_path)  # the secret key is kept in ./instance
    monkeypatch.setenv("OCOP_DATABASE_URL", database_url)
    assert main(["init"]) == 0
    return database_url


def _events(url: str) -> int:
    app = Marketplace.from_settings(Settings(database_url=url, secret_key="x"))
    try:
        return count_events(app)
    finally:
        app.close()


def _file(tmp_path, *rows, name="producers.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook(HEADER, *rows).getvalue())
    return str(path)


def test_import_prints_the_summary_and_exits_0_then_finds_the_rows_present(
    ocop_env, tmp_path, capsys
):
    path = _file(tmp_path, GOOD)
    capsys.readouterr()
    assert main(["import", "producers", path]) == 0
    assert capsys.readouterr().out.strip() == "recorded 1, already present 0, refused 0"
    assert main(["import", "producers", path]) == 0
    assert capsys.readouterr().out.strip() == "recorded 0, already present 1, refused 0"


def test_a_refused_row_is_listed_with_its_column_and_the_exit_is_1(ocop_env, tmp_path, capsys):
    path = _file(tmp_path, GOOD, BAD)
    capsys.readouterr()
    assert main(["import", "producers", path]) == 1
    out = capsys.readouterr().out
    assert "row 5 refused: Xã/phường: no unit 'Không Có'" in out
    assert out.strip().endswith("recorded 1, already present 0, refused 1")


def test_dry_run_and_all_or_nothing_record_nothing(ocop_env, tmp_path, capsys):
    path = _file(tmp_path, GOOD, BAD)
    before = _events(ocop_env)
    assert main(["import", "producers", path, "--dry-run"]) == 1
    assert "would record 1, already present 0, refused 1" in capsys.readouterr().out
    assert main(["import", "producers", path, "--all-or-nothing"]) == 1
    assert "nothing recorded" in capsys.readouterr().out
    assert _events(ocop_env) == before


def test_an_unreadable_file_or_an_unknown_kind_exits_2(ocop_env, tmp_path, capsys):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    assert main(["import", "producers", str(text)]) == 2
    assert "cannot import" in capsys.readouterr().err
    assert main(["import", "producers", str(tmp_path / "missing.csv")]) == 2
    with pytest.raises(SystemExit) as usage:
        main(["import", "customers", str(text)])
    assert usage.value.code == 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_templates_import_their_example_rows(ocop_env, tmp_path, capsys, suffix):
    """Each template's example imports as it is, in the order of the kinds' dependencies."""
    for kind in ("producers", "products", "evaluations", "outlets", "stock"):
        path = str(tmp_path / f"{kind}{suffix}")
        assert main(["import-template", kind, path]) == 0
        assert main(["import", kind, path]) == 0, capsys.readouterr()
        assert capsys.readouterr().out.strip().endswith("refused 0")


BAD_CELL = {
    "producers": ("commune", "Không Có"),
    "products": ("price_vnd", "mười nghìn"),
    "evaluations": ("certified_on", "32/01/2024"),
    "outlets": ("opened_on", "hôm qua"),
    "stock": ("qty", "-1"),
}


def test_every_kind_dry_runs_refuses_all_or_nothing_then_imports_once(ocop_env, tmp_path, capsys):
    """In the order of the kinds' dependencies, each template's example row: a dry run records
    nothing, all-or-nothing with a bad row records nothing, an import records it, a second
    import finds it present."""
    for kind, (field, bad) in BAD_CELL.items():
        columns = KINDS[kind].columns
        example = [column.example for column in columns]
        broken = [
            bad if column.field == field else value for column, value in zip(columns, example)
        ]
        good_file = tmp_path / f"{kind}.xlsx"
        good_file.write_bytes(workbook([c.header for c in columns], example).getvalue())
        mixed = tmp_path / f"{kind}-mixed.xlsx"
        mixed.write_bytes(workbook([c.label for c in columns], example, broken).getvalue())
        before = _events(ocop_env)
        capsys.readouterr()
        assert main(["import", kind, str(good_file), "--dry-run"]) == 0
        assert "would record 1, already present 0, refused 0" in capsys.readouterr().out
        assert main(["import", kind, str(mixed), "--all-or-nothing"]) == 1
        out = capsys.readouterr().out
        assert "row 5 refused" in out and "would record 1, already present 0, refused 1" in out
        assert _events(ocop_env) == before
        assert main(["import", kind, str(good_file)]) == 0
        assert main(["import", kind, str(good_file)]) == 0
        assert "recorded 0, already present 1, refused 0" in capsys.readouterr().out
