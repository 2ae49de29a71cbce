"""Build marketplace/places/units.json.gz, the administrative units the app ships with.

Reads the General Statistics Office (GSO) codes from PyPI ``vietnamadminunits`` (its
``data/dataset.db``: the 63 provinces with their districts and communes before 1 July 2025, the
34 provinces with their communes since; ``data/converter_2025.json``: which old commune became
which new one) and cross-checks the 2025 codes and names with PyPI ``vietnam-provinces``. The app
never imports either package (vietnamadminunits pulls geopy and shapely): it reads the file
this writes, which records its sources, their versions and the day it was built.

    python tools/build_places.py [--out marketplace/places/units.json.gz]

Run it in a scratch venv with both packages installed (``pip install vietnamadminunits
vietnam-provinces``).
"""

import argparse
import difflib
import gzip
import json
import re
import sqlite3
import sys
import unicodedata
from datetime import date
from importlib import metadata, resources
from pathlib import Path

REFORM_DAY = "2025-07-01"
LAST_LEGACY_DAY = "2025-06-30"
OUT = Path(__file__).resolve().parent.parent / "marketplace" / "places" / "units.json.gz"


def _rows(db: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    db.row_factory = sqlite3.Row
    return db.execute(sql).fetchall()


def _province_type(name: str, short: str) -> str:
    return name[: -len(short)].strip()


def _unit(code: str, kind: str, short: str, parent: str | None) -> list:
    """One unit as [code, type word, short name, parent code]: the full name is type + short."""
    return [code, kind, short, parent]


def legacy_units(db: sqlite3.Connection) -> tuple[dict, dict[str, str], dict[str, str]]:
    """The units before the reform, and the converter's keys of their communes and districts."""
    provinces, districts, communes = {}, {}, []
    commune_keys, district_keys = {}, {}
    for r in _rows(db, "SELECT * FROM admin_units_legacy ORDER BY wardCode"):
        province_type = _province_type(r["province"], r["provinceShort"])
        provinces[r["provinceCode"]] = _unit(
            r["provinceCode"], province_type, r["provinceShort"], None
        )
        districts[r["districtCode"]] = _unit(
            r["districtCode"], r["districtType"], r["districtShort"], r["provinceCode"]
        )
        district_keys[f"{r['provinceKey']}_{r['districtKey']}_"] = r["districtCode"]
        if r["wardCode"]:
            communes.append(_unit(r["wardCode"], r["wardType"], r["wardShort"], r["districtCode"]))
            commune_keys[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"] = r["wardCode"]
    units = {
        "provinces": sorted(provinces.values()),
        "districts": sorted(districts.values()),
        "communes": communes,
    }
    return units, commune_keys, district_keys


def current_units(db: sqlite3.Connection) -> tuple[dict, dict[tuple[str, str], str], dict]:
    """The units since the reform, and the converter's keys of the new communes."""
    provinces, communes, keys, province_keys = {}, [], {}, {}
    for r in _rows(db, "SELECT * FROM admin_units ORDER BY wardCode"):
        province_type = _province_type(r["province"], r["provinceShort"])
        provinces[r["provinceCode"]] = _unit(
            r["provinceCode"], province_type, r["provinceShort"], None
        )
        province_keys[r["provinceKey"]] = r["provinceCode"]
        communes.append(_unit(r["wardCode"], r["wardType"], r["wardShort"], r["provinceCode"]))
        keys[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
    return {"provinces": sorted(provinces.values()), "communes": communes}, keys, province_keys


def reform_mapping(converter: dict, db: sqlite3.Connection, legacy_keys, district_keys) -> dict:
    """Old province code -> new, old commune code -> new (a divided commune goes to the new
    commune the converter names as its default), wardless island district -> new commune."""
    _, new_keys, new_province_codes = current_units(db)
    old_province_codes = {
        r["provinceKey"]: r["provinceCode"]
        for r in _rows(db, "SELECT DISTINCT provinceKey, provinceCode FROM admin_units_legacy")
    }
    provinces = {
        old_province_codes[old]: new_province_codes[new]
        for new, olds in converter["DICT_PROVINCE"].items()
        for old in olds
    }
    communes, districts, missing = {}, {}, []

    def put(old_key: str, new_province: str, new_ward: str) -> None:
        new = new_keys.get((new_province, new_ward))
        if new is None:
            missing.append(f"{old_key} -> {new_province}/{new_ward}")
        elif old_key in legacy_keys:
            communes[legacy_keys[old_key]] = new
        elif old_key in district_keys:
            districts[district_keys[old_key]] = new
        else:
            missing.append(old_key)

    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old_key in olds:
                put(old_key, new_province, new_ward)
    for new_province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, news in olds.items():
            default = next(n for n in news if n["isDefaultNewWard"])
            put(old_key, new_province, default["newWardKey"])
    return {"provinces": provinces, "communes": communes, "districts": districts}, missing


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.casefold().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _key(name: str) -> str:
    return _folded(name).replace(" ", "")


TYPES = ("phuong", "xa", "thitran")


def _spelling_of(key: str, own: set[str]) -> bool:
    """True if ``key`` is only another spelling of the unit's own name (s for x, y for i,
    k for c: "ngokkhanh" for "ngockhanh")."""
    return any(difflib.SequenceMatcher(None, key, o).ratio() >= 0.85 for o in own)


def legacy_aliases(parser: dict, legacy: dict) -> dict[str, list[str]]:
    """Other names an old commune is found by (vietnamadminunits' parser keywords): mostly the
    communes merged into it before the reform (Chàng Sơn, merged into Thạch Xá in 2025), as
    plain keys without accents or spaces; the commune's own name and its s/x spellings left out."""
    names = {code: (kind, short) for code, kind, short, _ in legacy["communes"]}
    aliases: dict[str, list[str]] = {}
    for districts in parser["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].values():
        for wards in districts.values():
            for ward in wards.values():
                kind, short = names.get(ward.get("wardCode"), (None, None))
                if short is None:
                    continue
                own = {_key(short), _key(f"{kind} {short}")}
                own |= {k.replace("x", "s") for k in own}
                extra = {k for k in ward["wardKeywords"] if not _spelling_of(k, own)}
                extra = sorted(
                    k for k in extra if not any(k == t + e for t in TYPES for e in extra)
                )
                if extra:
                    aliases[ward["wardCode"]] = extra
    return aliases


def gso_codes_2025(current: dict) -> dict:
    """Take the 2025 commune codes from vietnam-provinces (read from the GSO's own list) where
    the two packages disagree: matched by province and short name, ignoring accents and tone
    placement ("Hòa"/"Hoà"). Returns {our code: GSO code} and the communes left unmatched."""
    from vietnam_provinces import Ward

    theirs: dict[tuple[str, str], list[str]] = {}
    for w in Ward.iter_all():
        short = re.sub(r"^(Xã|Phường|Đặc khu)\s+", "", w.name.strip())
        key = (f"{int(w.province_code):02d}", _folded(short))
        theirs.setdefault(key, []).append(f"{int(w.code):05d}")
    renames, unmatched = {}, []
    for code, _, short, province in current["communes"]:
        found = theirs.get((province, _folded(short)), [])
        if len(found) != 1:
            unmatched.append(code)
        elif found[0] != code:
            renames[code] = found[0]
    return renames, unmatched


def renumbered(current: dict, mapping: dict, renames: dict[str, str]) -> None:
    """Give the 2025 communes, and the mapping's targets, their GSO codes."""
    for unit in current["communes"]:
        unit[0] = renames.get(unit[0], unit[0])
    current["communes"].sort()
    for level in ("communes", "districts"):
        mapping[level] = {old: renames.get(new, new) for old, new in mapping[level].items()}


def cross_check(current: dict) -> dict:
    """Compare the 2025 codes and names with vietnam-provinces; returns counts and differences."""
    from vietnam_provinces import Province, Ward

    ours = {c: f"{t} {s}" for c, t, s, _ in current["provinces"]}
    ours.update({f"w{c}": f"{t} {s}" for c, t, s, _ in current["communes"]})
    theirs = {f"{int(p.code):02d}": p.name for p in Province.iter_all()}
    theirs.update({f"w{int(w.code):05d}": w.name for w in Ward.iter_all()})
    differ = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
    return {
        "package": "vietnam-provinces",
        "version": metadata.version("vietnam-provinces"),
        "units_agreeing": len(ours.keys() & theirs.keys()) - len(differ),
        "units_differing": [[k, ours.get(k), theirs.get(k)] for k in differ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = resources.files("vietnamadminunits") / "data"
    db = sqlite3.connect(str(data / "dataset.db"))
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    parser = json.loads((data / "parser_legacy.json").read_text(encoding="utf-8"))
    legacy, legacy_keys, district_keys = legacy_units(db)
    current, _, _ = current_units(db)
    mapping, missing = reform_mapping(converter, db, legacy_keys, district_keys)
    renames, unmatched = gso_codes_2025(current)
    renumbered(current, mapping, renames)
    document = {
        "source": {
            "package": "vietnamadminunits",
            "version": metadata.version("vietnamadminunits"),
            "licence": metadata.metadata("vietnamadminunits").get("License") or "MIT",
            "url": "https://github.com/tranngocminhhieu/vietnamadminunits",
            "files": ["data/dataset.db", "data/converter_2025.json", "data/parser_legacy.json"],
            "codes": "General Statistics Office (Tổng cục Thống kê) administrative unit codes",
            "built_on": date.today().isoformat(),
            "codes_2025": {
                "from": "vietnam-provinces, where the two disagree (read from the GSO's list)",
                "replaced": len(renames),
                "unmatched": unmatched,
            },
            "cross_check": cross_check(current),
            "unmapped": missing,
        },
        "reform_day": REFORM_DAY,
        "legacy": {
            "valid_to": LAST_LEGACY_DAY,
            **legacy,
            "commune_aliases": legacy_aliases(parser, legacy),
        },
        "current": {"valid_from": REFORM_DAY, **current},
        "reform": mapping,
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as out:
        out.write(text.encode("utf-8"))
    print(
        f"{args.out}: {args.out.stat().st_size:,} bytes; legacy {len(legacy['communes'])} "
        f"communes, current {len(current['communes'])}; mapped {len(mapping['communes'])}; "
        f"unmapped {len(missing)}; cross-check differs {len(document['source']['cross_check']['units_differing'])}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
