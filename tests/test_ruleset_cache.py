"""The compiled-rule cache and the shipped rule set: used only when every hash matches, never an error otherwise,
and an engine built from either decides exactly as one built from the YAML."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from engine import Engine, RuleSet, read_case, rulecache
from engine.ruleset import RuleSetDataError, bundled_dirs, cache_key

ROOT = Path(__file__).resolve().parent.parent
CASES = [ROOT / "examples" / n for n in ("seed-physical-therapy.yaml", "knee-mri-and-surgery.yaml",
                                          "acupuncture-extension.yaml", "narrative-case.txt")]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(rulecache.ENV, str(directory))
    return directory


def decisions(engine: Engine) -> list[object]:
    return [engine.evaluate(read_case(p), explain=True).model_dump(mode="json") for p in CASES]


def test_a_cached_rule_set_decides_as_the_yaml_does(engine: Engine, cache: Path) -> None:
    first = RuleSet.load()
    assert first.origin == "source" and len(list(cache.glob("ruleset-*.json"))) == 1
    second = RuleSet.load()
    assert second.origin == "serialized"
    cached = Engine(ruleset=second)
    assert cached.hash == engine.hash and cached.version == engine.version
    assert cached.compiled == engine.compiled
    assert cached.ruleset.cards == engine.ruleset.cards
    assert [d.render() for d in cached.warnings] == [d.render() for d in engine.warnings]
    assert cached.rules == engine.rules  # the rule models, validated again from the cache on first use
    assert decisions(cached) == decisions(engine)


def test_an_altered_or_torn_entry_is_refused_and_rebuilt(cache: Path) -> None:
    RuleSet.load()
    [entry] = cache.glob("ruleset-*.json")
    data = entry.read_bytes()
    entry.write_bytes(data.replace(b'"limit":false', b'"limit":true', 1))  # the body no longer matches its hash
    with pytest.raises(RuleSetDataError, match="does not match its hash"):
        RuleSet.from_bytes(entry.read_bytes())
    assert RuleSet.load().origin == "source"  # refused, rebuilt from the YAML, and written again
    assert entry.read_bytes() == data
    entry.write_bytes(data[: len(data) // 2])  # torn
    assert RuleSet.load().origin == "source"


def test_an_entry_is_used_only_under_its_own_key(cache: Path, tmp_path: Path) -> None:
    RuleSet.load()
    [entry] = cache.glob("ruleset-*.json")
    rules_dir, guide_dir = bundled_dirs()
    private = tmp_path / "rules"
    shutil.copytree(rules_dir, private)
    key = cache_key([private], guide_dir)
    assert key is not None and key != cache_key(None, None)
    shutil.copy(entry, cache / f"ruleset-{key}.json")  # a valid entry, filed under another rule set's key
    with pytest.raises(RuleSetDataError, match="other rule files"):
        RuleSet.from_bytes((cache / f"ruleset-{key}.json").read_bytes(), key=key)
    assert RuleSet.load([private], guide_dir).origin == "source"
    # an edited rule file is another key: the old entry is never used for it
    edited = private / "acupuncture.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache_key([private], guide_dir) != key
    assert RuleSet.load([private], guide_dir).origin == "source"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file ownership and modes are POSIX")
def test_an_entry_others_could_write_is_not_read(cache: Path) -> None:
    RuleSet.load()
    [entry] = cache.glob("ruleset-*.json")
    entry.chmod(0o666)
    assert RuleSet.load().origin == "source"
    cache.chmod(0o777)  # a directory others can write is not used at all
    assert rulecache.cache_dir() is None
    assert RuleSet.load().origin == "source"
    cache.chmod(0o700)


def test_no_usable_cache_directory_is_never_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(rulecache.ENV, str(blocked / "cache"))
    assert rulecache.cache_dir() is None
    assert RuleSet.load().origin == "source"
    monkeypatch.setenv(rulecache.ENV, "off")
    assert rulecache.cache_dir() is None and RuleSet.load().origin == "source"


def test_an_engine_pickles_as_its_rule_set(engine: Engine) -> None:
    data = pickle.dumps(engine)
    assert len(data) < 4_000_000
    assert b"durable" not in data.split(b"\n", 1)[0]  # the header names the format, not durable_rules state
    shipped = pickle.loads(data)
    assert shipped is not engine and shipped.hash == engine.hash
    assert pickle.loads(data) is shipped  # restored once per process, however many tasks carry it
    assert decisions(shipped) == decisions(engine)


def test_shipped_bytes_are_checked(engine: Engine) -> None:
    data = engine.ruleset.to_bytes()
    with pytest.raises(RuleSetDataError, match="does not match its hash"):
        RuleSet.from_bytes(data[:-10] + b"0000000000")
    with pytest.raises(RuleSetDataError, match="format"):
        RuleSet.from_bytes(b"something else\n{}")
