"""The query cache: fast when nothing changed, never stale when anything did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zorgtoolbox import cachedir, store, validation
from zorgtoolbox.errors import InvalidDataError

GESPREK = Path("measures/dji/dji-gesprek.yaml")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cachedir.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def count_validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = validation.validate

    def counting(data_dir: Path):
        calls.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(validation, "validate", counting)
    return calls


def test_second_load_comes_from_the_cache(kb_dir: Path, cache: Path, count_validations) -> None:
    first = store.load_knowledge_base(kb_dir)
    assert len(count_validations) == 1
    assert len(list(cache.glob("kb-*.cache"))) == 1
    second = store.load_knowledge_base(kb_dir)
    assert len(count_validations) == 1
    assert second.measures == first.measures
    assert second.flows == first.flows


def test_an_edited_file_is_never_served_stale(kb_dir: Path, cache: Path, count_validations) -> None:
    store.load_knowledge_base(kb_dir)
    path = kb_dir / GESPREK
    text = path.read_text()
    edited = text.replace("reason: Testindeling.", "reason: Testindelinq.")
    assert len(edited) == len(text)  # same size: only the modification time tells
    stat = path.stat()
    path.write_text(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    kb = store.load_knowledge_base(kb_dir)
    assert len(count_validations) == 2
    assert kb.measures_by_id["dji-gesprek"].provenance["instrument"].reason == "Testindelinq."


def test_added_and_removed_files_invalidate(kb_dir: Path, cache: Path, count_validations) -> None:
    store.load_knowledge_base(kb_dir)
    extra = kb_dir / "measures" / "igj" / "igj-extra.yaml"
    extra.write_text(
        (kb_dir / "measures/igj/igj-aanwijzing.yaml")
        .read_text()
        .replace("igj-aanwijzing", "igj-extra")
        .replace("Aanwijzing of bevel", "Extra")
        .replace("position: 2", "position: 3")
        .replace("  overlast:\n    position: 1\n", "")
    )
    assert "igj-extra" in store.load_knowledge_base(kb_dir).measures_by_id
    extra.unlink()
    assert "igj-extra" not in store.load_knowledge_base(kb_dir).measures_by_id
    assert len(count_validations) == 3


def test_cache_can_be_turned_off(
    kb_dir: Path, tmp_path: Path, monkeypatch, count_validations
) -> None:
    monkeypatch.setenv(cachedir.CACHE_ENV, "")
    assert cachedir.cache_dir() is None
    store.load_knowledge_base(kb_dir)
    store.load_knowledge_base(kb_dir)
    assert len(count_validations) == 2


def test_a_corrupt_cache_file_is_ignored(kb_dir: Path, cache: Path, count_validations) -> None:
    store.load_knowledge_base(kb_dir)
    (cache_file,) = cache.glob("kb-*.cache")
    cache_file.write_bytes(b"not a pickle")
    kb = store.load_knowledge_base(kb_dir)
    assert len(kb.measures) == 11
    assert len(count_validations) == 2
    assert store.load_knowledge_base(kb_dir).measures == kb.measures
    assert len(count_validations) == 2  # rewritten


def test_an_unwritable_cache_is_not_an_error(kb_dir: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(cachedir.CACHE_ENV, str(blocker / "cache"))
    assert len(store.load_knowledge_base(kb_dir).measures) == 11


def test_invalid_data_raises_with_findings(kb_dir: Path, cache: Path) -> None:
    path = kb_dir / GESPREK
    path.write_text(path.read_text().replace("title:", "titel:"))
    with pytest.raises(InvalidDataError) as exc:
        store.load_knowledge_base(kb_dir)
    assert "has 1 error(s)" in str(exc.value)
    assert [f.code for f in exc.value.findings] == ["unknown-field"]
    assert not list(cache.glob("kb-*.cache"))


def test_fingerprint_lists_every_file(kb_dir: Path) -> None:
    lines = store.fingerprint(kb_dir).splitlines()
    assert lines[1].startswith("code|")  # the package's own modules
    names = {line.split("|")[0] for line in lines[2:]}
    assert "measures/dji/dji-gesprek.yaml" in names and "toolbox.yaml" in names
    assert len(names) == sum(1 for p in kb_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize("folder", ["fixture", "bundled"])
def test_the_cache_gives_back_exactly_the_validated_records(
    folder: str, kb_dir: Path, cache: Path, count_validations
) -> None:
    from conftest import BUNDLED_DATA

    data = kb_dir if folder == "fixture" else BUNDLED_DATA
    fresh = store.load_knowledge_base(data)
    cached = store.load_knowledge_base(data)
    assert len(count_validations) == 1
    for name in ("toolbox", "agencies", "glossary", "handhavingskader", "advies", "flows"):
        assert getattr(cached, name) == getattr(fresh, name), name
    assert cached.measures == fresh.measures
    assert cached.data_dir == fresh.data_dir
    assert [m.model_dump() for m in cached.measures] == [m.model_dump() for m in fresh.measures]
    assert type(cached.measures[0].domains) is dict and type(cached.measures[0].links) is tuple


def test_the_cache_decodes_only_what_a_query_uses(kb_dir: Path, cache: Path) -> None:
    store.load_knowledge_base(kb_dir)
    kb = store.load_knowledge_base(kb_dir)
    assert all(callable(group) for group in kb._agency_measures.values())
    kb.measures_of("dji")
    assert not callable(kb._agency_measures["dji"])
    assert callable(kb._agency_measures["igj"]) and callable(kb._flows)


def test_a_truncated_cache_file_is_a_miss(kb_dir: Path, cache: Path, count_validations) -> None:
    store.load_knowledge_base(kb_dir)
    (cache_file,) = cache.glob("kb-*.cache")
    cache_file.write_bytes(cache_file.read_bytes()[:-10])
    assert len(store.load_knowledge_base(kb_dir).measures) == 11
    assert len(count_validations) == 2


def test_new_code_is_a_miss(kb_dir: Path, cache: Path, count_validations, monkeypatch) -> None:
    """An editable install updated by `git pull` keeps its version number; the cache,
    whose records and search index the code shapes, must not outlive the code."""
    store.load_knowledge_base(kb_dir)
    store.load_knowledge_base(kb_dir)
    assert len(count_validations) == 1
    monkeypatch.setattr(store, "_code", lambda: "code|another version")
    store.load_knowledge_base(kb_dir)
    assert len(count_validations) == 2
