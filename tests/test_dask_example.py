"""The Dask example (examples/dask_batch.py) on a local distributed cluster: the same records as `mtus batch`.

Needs the optional extra (`pip install '.[dask]'`, which `.ci/run` installs); skipped with a message without it.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from engine import Engine
from engine.batch import run

pytest.importorskip("dask", reason="the Dask example needs the optional extra: pip install '.[dask]'")
distributed = pytest.importorskip("distributed", reason="the Dask example needs the optional extra: "
                                  "pip install '.[dask]'")

ROOT = Path(__file__).resolve().parent.parent


def load_example() -> object:
    spec = importlib.util.spec_from_file_location("dask_batch", ROOT / "examples" / "dask_batch.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_local_cluster_writes_the_records_mtus_batch_writes(engine: Engine, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("seed-physical-therapy.yaml", "knee-mri-and-surgery.yaml", "narrative-case.txt"):
        shutil.copy(ROOT / "examples" / name, cases / name)
    (cases / "broken.yaml").write_text("case_id: broken\nitems: [\n", encoding="utf-8")
    example = load_example()
    expected = tmp_path / "batch.jsonl"
    run(engine, cases, expected)
    out = tmp_path / "dask.jsonl"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as \
            cluster, distributed.Client(cluster) as client:
        summary = example.run_on_dask(client, engine, cases, out, chunk_size=2)  # type: ignore[attr-defined]
    assert out.read_bytes() == expected.read_bytes()
    assert summary.cases == 4 and [source for source, _ in summary.errors] == [str(cases / "broken.yaml")]
