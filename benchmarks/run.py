#!/usr/bin/env python3
"""Benchmarks with baselines, each measured in the same run as its baseline; writes docs/benchmarks.md.

Usage: python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 5] [--frictionless-at 100000]

Not part of the test run. Every figure is the median of ``--repeat`` fresh processes (or, for
in-process timings, of repeated calls), reported next to its baseline as a ratio:

- import: ``python -c "import belarus_measures"`` against ``python -c "pass"``;
- first load: a fresh process calling every accessor once against a fresh process reading
  the same CSV files with pandas and converting them to the same dtypes (the practical limit);
- warm calls: ``measures()`` and a filtered ``measures(jurisdiction="EU", start=...)``;
- full validation: ``validate()`` against the frictionless validator on the same package,
  in-process after imports, at the shipped size and at ``--frictionless-at`` measures;
- the static site: `build_site` in a fresh process against the first load it starts with;
- the hash check made on first load (``store.io._verified_raw``: sha256 of every shipped file),
  against the whole first load;
- the testing kit: ``testing.assert_valid`` on a 20-measure synthetic dataset, warm median;
- scale: synthetic packages (``belarus_measures.testing.write_package``) validated in a fresh
  process each, with time and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
PY = sys.executable

BASELINE_LOAD = r"""
import json, sys, pandas as pd
base = sys.argv[1]
d = json.load(open(base + '/datapackage.json', encoding='utf-8'))
for r in d['resources']:
    f = pd.read_csv(base + '/' + r['path'], dtype='string', keep_default_na=False, na_values=[''])
    for field in r['schema']['fields']:
        c, t = field['name'], field['type']
        if t == 'date': f[c] = pd.to_datetime(f[c], format='%Y-%m-%d')
        elif t == 'integer': f[c] = pd.to_numeric(f[c]).astype('Int64')
        elif t == 'number': f[c] = pd.to_numeric(f[c])
        elif t == 'boolean': f[c] = f[c].map({'true': True, 'false': False}).astype('boolean')
        elif 'enum' in field.get('constraints', {}): f[c] = pd.Categorical(f[c], categories=field['constraints']['enum'])
"""
PACKAGE_LOAD = "import belarus_measures as bm\nfor name in bm.list_resources(): getattr(bm, name)()\n"
VALIDATE = ("import resource, sys, time\nfrom belarus_measures.checks import validate as _validate\nt = time.perf_counter()\n"
            "n = len(_validate.problems(sys.argv[1]))\nprint(time.perf_counter() - t, n, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")


def fresh(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([PY, "-c", code, *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def median_of(repeat: int, fn) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(fn() for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic sizes (measures), comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frictionless-at", type=int, default=100000, help="synthetic size for validate vs frictionless")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    sys.path.insert(0, str(ROOT))
    from belarus_measures import testing
    from belarus_measures.store import resources as _resources
    from belarus_measures.checks import validate as _validate
    import belarus_measures as bm

    rows: list[tuple[str, str, str, str, str]] = []  # (measure, ours, baseline, ratio, target)
    data = str(_resources.data_dir())

    t_pass = median_of(args.repeat, lambda: fresh("pass"))
    t_import = median_of(args.repeat, lambda: fresh("import belarus_measures"))
    added = (t_import - t_pass) * 1000
    rows.append(("import (fresh process)", f"{t_import * 1000:.1f} ms", f"{t_pass * 1000:.1f} ms (`pass`)",
                 f"+{added:.1f} ms", "≤ 15 ms added: " + ("met" if added <= 15 else "missed")))

    t_base = median_of(args.repeat, lambda: fresh(BASELINE_LOAD, data))
    t_ours = median_of(args.repeat, lambda: fresh(PACKAGE_LOAD))
    ratio = t_ours / t_base
    rows.append(("first load, every accessor (fresh process)", f"{t_ours:.2f} s", f"{t_base:.2f} s (pandas.read_csv)",
                 f"{ratio:.2f}×", "≤ 1.3×: " + ("met" if ratio <= 1.3 else "missed")))

    # The static site: a fresh process that builds every page, against the same process loading
    # every table (the site cannot be faster than its input); pages and bytes written reported too.
    site_build = ("import resource, sys, time, belarus_measures as bm\nt = time.perf_counter()\n"
                  "bm.build_site(sys.argv[1], overwrite=True)\nprint(time.perf_counter() - t, "
                  "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            done = subprocess.run([PY, "-c", site_build, str(out)], capture_output=True, text=True, check=True, cwd=ROOT)
            runs.append((time.perf_counter() - t, int(done.stdout.split()[1])))
        files = [p for p in out.rglob("*") if p.is_file()]
        written_mib = sum(p.stat().st_size for p in files) / 2**20
    t_site = statistics.median(r[0] for r in runs)
    rss_site = max(r[1] for r in runs) / 1024
    rows.append((f"static site, {len(files)} files, {written_mib:.1f} MiB (fresh process)", f"{t_site:.2f} s",
                 f"{t_ours:.2f} s (first load)", f"{t_site / t_ours:.1f}×, {rss_site:.0f} MiB peak",
                 "≤ 10 s: " + ("met" if t_site <= 10 else "missed")))

    # What the hash check on first load does (the store's _verified_raw): sha256 and size of each
    # shipped file against the descriptor, timed apart from reading the bytes.
    hashing = ("import time\nfrom belarus_measures.store import io, resources, schema\n"
               "raws = {n: io.read_raw(schema.table(n)) for n in schema.list_resources()}\nt = time.perf_counter()\n"
               "for n, raw in raws.items():\n    digest, size = resources.checksum(n)\n"
               "    assert len(raw) == size and resources.sha256(raw) == digest, n\n"
               "print(time.perf_counter() - t)\n")
    t_hash = statistics.median(
        float(subprocess.run([PY, "-c", hashing], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        for _ in range(args.repeat))
    share = t_hash / t_ours
    rows.append(("hash check on first load (sha256 of every file)", f"{t_hash * 1000:.1f} ms",
                 f"{t_ours:.2f} s (first load)", f"{share:.1%} of it",
                 "first load ≤ 1.3× (with it): " + ("met" if ratio <= 1.3 else "missed")))

    tables = testing.synthetic_tables(20, seed=0)
    testing.assert_valid(tables)
    kit = []
    for _ in range(50):
        t = time.perf_counter()
        testing.assert_valid(tables)
        kit.append(time.perf_counter() - t)
    med = statistics.median(kit) * 1000
    rows.append(("`testing.assert_valid`, 20 synthetic measures (warm)", f"{med:.1f} ms", "—", "—",
                 "median ≤ 20 ms: " + ("met" if med <= 20 else "missed")))

    bm.measures()
    calls = []
    for _ in range(200):
        t = time.perf_counter()
        bm.measures()
        calls.append(time.perf_counter() - t)
    filtered = []
    for _ in range(200):
        t = time.perf_counter()
        bm.measures(jurisdiction="EU", start="2021-01-01")
        filtered.append(time.perf_counter() - t)
    for label, series in (("warm `measures()`", calls), ("warm `measures(jurisdiction='EU', start=…)`", filtered)):
        med = statistics.median(series) * 1000
        rows.append((label, f"{med:.2f} ms", "—", "—", "median ≤ 1 ms: " + ("met" if med <= 1 else "missed")))

    import frictionless

    def compare(path: str, label: str) -> None:
        t = time.perf_counter()
        ours = _validate.problems(path)
        t_ours = time.perf_counter() - t
        t = time.perf_counter()
        report = frictionless.validate(path)
        t_fl = time.perf_counter() - t
        agree = (not ours) == report.valid
        rows.append((f"validate, {label} (in process)", f"{t_ours:.2f} s", f"{t_fl:.2f} s (frictionless)",
                     f"{t_fl / t_ours:.1f}× faster", ("≥ 5× at 10⁵: " + ("met" if t_fl / t_ours >= 5 else "missed")
                                                       if "10⁵" in label or "100000" in label else "—")
                     + ("" if agree else " (verdicts differ!)")))

    compare(str(Path(data) / "datapackage.json"), "shipped package")
    with tempfile.TemporaryDirectory() as tmp:
        big = testing.write_package(Path(tmp) / "fl", args.frictionless_at, seed=1)
        compare(str(big), f"{args.frictionless_at} synthetic measures")
        scale = []
        for n in sizes:
            t = time.perf_counter()
            path = testing.write_package(Path(tmp) / f"s{n}", n, seed=2)
            written = time.perf_counter() - t
            size = sum(p.stat().st_size for p in (path.parent / "data").iterdir())
            out = subprocess.run([PY, "-c", VALIDATE, str(path)], capture_output=True, text=True, check=True, cwd=ROOT)
            seconds, failures, rss_kb = out.stdout.split()
            scale.append((n, size, written, float(seconds), int(failures), int(rss_kb)))
            if n == 100_000:
                rows.append(("validate, 10⁵ synthetic measures (fresh process)", f"{float(seconds):.2f} s", "—", "—",
                             "≤ 1.5 s: " + ("met" if float(seconds) <= 1.5 else "missed")))
            if n == 1_000_000:
                rows.append(("validate, 10⁶ synthetic measures (fresh process)", f"{float(seconds):.2f} s",
                             "—", f"{int(rss_kb) / 2**20:.2f} GB peak",
                             "≤ 10 s and ≤ 2 GB: " + ("met" if float(seconds) <= 10 and int(rss_kb) <= 2 * 2**20
                                                      else "missed")))

    lines = [
        "# Benchmarks",
        "",
        f"Measured by `python benchmarks/run.py` on {dt.date.today().isoformat()}: {platform.machine()}, "
        f"{platform.processor() or 'unknown CPU'}, Python {platform.python_version()}, pandas "
        f"{__import__('pandas').__version__}, frictionless {frictionless.__version__}, belarus_measures "
        f"{bm.__version__}. Fresh-process figures are medians of {args.repeat} runs; warm calls are medians of 200.",
        "",
        "| measure | belarus_measures | baseline | ratio | target |",
        "|---|---:|---:|---:|---|",
        *[f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows],
        "",
        "## Scale (synthetic packages, validated in a fresh process each)",
        "",
        "| measures | CSV size | write | validate | per 10⁴ measures | peak memory | failures |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, size, written, seconds, failures, rss in scale:
        lines.append(f"| {n:,} | {size / 2**20:.1f} MiB | {written:.1f} s | {seconds:.2f} s | "
                     f"{seconds / n * 1e4:.2f} s | {rss / 1024:.0f} MiB | {failures} |")
    tables_only = "\n".join(lines) + "\n"
    notes = ROOT / "benchmarks" / "NOTES.md"
    if notes.exists():
        # The notes once, below the tables (kept by hand; the tables are regenerated).
        lines += ["", "## Reading the results", "", "Kept by hand in `benchmarks/NOTES.md`.", "",
                  notes.read_text(encoding="utf-8").rstrip("\n")]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(tables_only, end="")
    print(f"(written to {REPORT}, with the notes of benchmarks/NOTES.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
