"""Scaling benchmark: the toolkit's build with 100 and 1,000 synthetic case studies, next to plain Material.

For each size it builds (1) a copy of the project whose data/case_studies.yml holds N
synthetic bilingual case studies, and (2) a baseline: plain MkDocs + Material (no i18n,
macros or hooks) over the very same generated Markdown, with the same short navigation.
It prints a table and writes it, with date and machine, to bench/results.md.

A benchmark, not a test: run it with `make bench`; it never fails on a slow machine.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import typing
from html.parser import HTMLParser
from pathlib import Path

import yaml
from search_bench import BUDGET, QUERIES, first_result_bytes, index_seconds  # bench/, beside this file

from techrights.catalog import GENERATED_DIRS as GENERATED  # pages rewritten from data/
from techrights.data.models import Region

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1000)
# Each build runs this many times, toolkit and baseline in turn, and the fastest run counts: on a
# shared machine the noise only ever adds time (the timeit convention). BENCH_REPEATS=1 for a quick look.
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
GOALS = {"ratio": 1.3, "seconds_at_1000": 15.0}


# ------------------------------------------------------------------ synthetic data


def _texts(records: list[dict], field: str) -> list[dict]:
    out = []
    for record in records:
        value = record.get(field)
        if isinstance(value, dict) and "en" in value and "es" in value:
            out.append(value)
    return out


def synthetic_case_studies(count: int, seed: int = 7) -> list[dict]:
    """`count` case studies whose bilingual text is recombined from the real records."""
    rng = random.Random(seed)
    data = ROOT / "data"
    cases = yaml.safe_load((data / "case_studies.yml").read_text(encoding="utf-8"))
    ids = {
        name: [r["id"] for r in yaml.safe_load((data / f"{name}.yml").read_text(encoding="utf-8"))]
        for name in ("company_types", "topics", "strategies", "frameworks", "departments", "sources")
    }
    pools = {field: _texts(cases, field) for field in ("title", "summary", "issue", "action", "outcome")}
    lessons = [lesson for case in cases for lesson in case.get("lessons", [])]
    regions = list(typing.get_args(Region))  # every region the data allows
    countries = [
        "NG",
        "KE",
        "ZA",
        "VN",
        "MM",
        "ID",
        "PH",
        "IN",
        "BR",
        "CL",
        "MX",
        "CO",
        "TR",
        "EG",
        "TN",
        "US",
    ]
    out = []
    for number in range(1, count + 1):
        title = rng.choice(pools["title"])
        out.append(
            {
                "id": f"synthetic-case-{number:04d}",
                "title": {"en": f"{title['en']} ({number})", "es": f"{title['es']} ({number})"},
                "summary": rng.choice(pools["summary"]),
                "countries": [rng.choice(countries)],
                "region": rng.choice(regions),
                "organisations": [{"name": f"Synthetic Organisation {number}"}],
                "years": sorted({rng.randint(2015, 2025) for _ in range(rng.randint(1, 3))}),
                "company_types": rng.sample(ids["company_types"], 1),
                "topics": rng.sample(ids["topics"], 2),
                "strategies": rng.sample(ids["strategies"], 3),
                "frameworks": rng.sample(ids["frameworks"], 2),
                "departments": rng.sample(ids["departments"], 1),
                "issue": rng.choice(pools["issue"]),
                "action": rng.choice(pools["action"]),
                "outcome": rng.choice(pools["outcome"]),
                "result": rng.choice(["policy-change", "practice-change", "partial", "no-change", "ongoing"]),
                "lessons": rng.sample(lessons, min(3, len(lessons))),
                "sources": rng.sample(ids["sources"], 1),
                "reviewed": dt.date(2026, 11, 1),
            }
        )
    return out


# ------------------------------------------------------------------ projects


def toolkit_project(target: Path, count: int) -> Path:
    """A copy of the project with `count` synthetic case studies added to the real ones."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "data", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    shutil.copytree(
        ROOT / "content",
        target / "content",
        ignore=lambda folder, names: [n for n in names if n in GENERATED],
    )
    path = target / "data/case_studies.yml"
    cases = yaml.safe_load(path.read_text(encoding="utf-8")) + synthetic_case_studies(count)
    # Data files refuse YAML aliases, which safe_dump writes for repeated objects: write out in full.
    dumper = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})
    path.write_text(yaml.dump(cases, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def baseline_project(target: Path, toolkit: Path) -> Path:
    """Plain Material over the toolkit's generated Markdown: same pages, same text, short nav."""
    docs = target / "docs"
    for page in sorted((toolkit / "content").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
        text = re.sub(r"\{\{.*?\}\}", "", text)  # macros: plain MkDocs has none
        out = docs / page.relative_to(toolkit / "content")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")
    listing = sorted(p.relative_to(docs).as_posix() for p in docs.glob("*/*/index.md"))
    config = {
        "site_name": "Baseline",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": [
            "attr_list",
            "def_list",
            "md_in_html",
            "tables",
            "admonition",
            {"toc": {"permalink": True}},
        ],
        "nav": ["index.md", *listing],
        "validation": {
            "nav": {"omitted_files": "ignore"},
            "links": {"not_found": "ignore", "anchors": "ignore"},
        },
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target


# ------------------------------------------------------------------ measuring

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
                  "code": code.returncode, "stderr": code.stderr[-2000:]}))
"""


def timed_build(project: Path, site: Path, *, toolkit: bool) -> dict:
    """Build in a fresh process, as a maintainer would: `make build` (techrights build) for the
    toolkit, `mkdocs build` for plain Material. Peak memory is the largest process's."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    if toolkit:
        build = ["-m", "techrights.cli", "--root", str(project), "build", "--site-dir", str(site)]
    else:
        build = ["-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    command = [sys.executable, "-c", MEASURE, sys.executable, *build]
    result = json.loads(subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout)
    if result["code"] != 0:
        raise SystemExit(f"build of {project} failed:\n{result['stderr']}")
    return result


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.files.append(attributes["src"])
        if tag == "link" and attributes.get("rel") in ("stylesheet", "icon") and attributes.get("href"):
            self.files.append(attributes["href"])


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_load(site: Path, page: Path) -> int:
    """gzip bytes of a page and every asset it references (what a first visit fetches)."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    total = gz(page)
    for reference in dict.fromkeys(parser.files):
        asset = (page.parent / reference.split("?")[0]).resolve()
        if asset.is_file():
            total += gz(asset)
    if (site / "search/search_index.json").is_file():  # Material fetches it on every first view
        total += gz(site / "search/search_index.json")
    return total


def measure(site: Path, sample: str) -> dict:
    pages = list(site.rglob("*.html"))
    # The whole index in pieces (a query loads only a few of them; test_search checks that part).
    index = {
        lang: sum(gz(piece) for piece in folder.glob("*.js"))
        for lang in ("en", "es")
        if (folder := site / f"assets/search/{lang}").is_dir()
    }
    if not index and (site / "search/search_index.json").is_file():
        index = {"en+es": gz(site / "search/search_index.json")}
    sample_page = site / sample / "index.html"
    return {
        "pages": len(pages),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "index": index,
        "first_load": first_load(site, sample_page),
        "page_html": gz(sample_page),
    }


# ------------------------------------------------------------------ report


def run() -> str:
    rows = []
    with tempfile.TemporaryDirectory(prefix="tk-bench-") as tmp:
        work = Path(tmp)
        for count in SIZES:
            project = toolkit_project(work / f"toolkit-{count}", count)
            toolkit = timed_build(project, work / f"site-{count}", toolkit=True)
            base_project = baseline_project(work / f"baseline-{count}", project)
            baseline = timed_build(base_project, work / f"baseline-site-{count}", toolkit=False)
            for _ in range(REPEATS - 1):  # in turn, so that both meet the same background load
                toolkit = min(
                    toolkit,
                    timed_build(project, work / f"site-{count}", toolkit=True),
                    key=lambda r: r["seconds"],
                )
                baseline = min(
                    baseline,
                    timed_build(base_project, work / f"baseline-site-{count}", toolkit=False),
                    key=lambda r: r["seconds"],
                )
            toolkit.update(measure(work / f"site-{count}", "es/case-studies/synthetic-case-0001"))
            toolkit["search_bytes"] = first_result_bytes(work / f"site-{count}")
            toolkit["index_seconds"] = index_seconds(work / f"site-{count}")
            baseline.update(measure(work / f"baseline-site-{count}", "es/case-studies/synthetic-case-0001"))
            rows.append((count, toolkit, baseline))
            print(
                f"  built {count} case studies: toolkit {toolkit['seconds']:.1f} s, "
                f"baseline {baseline['seconds']:.1f} s",
                file=sys.stderr,
            )

    def index(sizes: dict) -> str:
        return ", ".join(f"{lang} {size / 1024:.0f} KB" for lang, size in sizes.items())

    lines = [
        "| case studies | build | s | CPU s | peak MB | pages | site MB | search index (gzip) | first load (gzip) "
        "| page HTML (gzip) |",
        "|---:|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for count, toolkit, baseline in rows:
        for name, result in (("toolkit", toolkit), ("plain Material", baseline)):
            lines.append(
                f"| {count:,} | {name} | {result['seconds']:.1f} | {result['cpu']:.1f} | {result['peak_kb'] / 1024:.0f} "
                f"| {result['pages']:,} | "
                f"{result['site_mb']:.1f} | {index(result['index'])} | {result['first_load'] / 1024:.1f} KB | "
                f"{result['page_html'] / 1024:.1f} KB |"
            )
        lines.append(
            f"| {count:,} | **ratio** | **{toolkit['seconds'] / baseline['seconds']:.2f}×** "
            f"| {toolkit['cpu'] / baseline['cpu']:.2f}× | | | | | | |"
        )

    (small_n, small, _), (large_n, large, large_base) = rows[0], rows[-1]
    per_page_small = small["seconds"] / small["pages"]
    per_page_large = large["seconds"] / large["pages"]
    ratio = large["seconds"] / large_base["seconds"]
    verdicts = [
        f"- Build time at {large_n:,} case studies: {large['seconds']:.1f} s "
        f"(goal ≤ {GOALS['seconds_at_1000']:.0f} s): {'met' if large['seconds'] <= GOALS['seconds_at_1000'] else 'NOT met'}.",
        f"- Ratio to plain Material at {large_n:,}: {ratio:.2f}× (goal ≤ {GOALS['ratio']}×): "
        f"{'met' if ratio <= GOALS['ratio'] else 'NOT met'}.",
        f"- Growth: {per_page_small * 1000:.1f} ms a page at {small_n:,}, {per_page_large * 1000:.1f} ms a page at "
        f"{large_n:,} ({'linear' if per_page_large <= per_page_small * 1.25 else 'worse than linear'}).",
        f"- First load: {small['first_load'] / 1024:.1f} KB at {small_n:,}, {large['first_load'] / 1024:.1f} KB at "
        f"{large_n:,}; page HTML {small['page_html'] / 1024:.1f} KB and {large['page_html'] / 1024:.1f} KB "
        f"({'independent of the number of case studies' if abs(large['first_load'] - small['first_load']) < 512 else 'GROWS with the number of case studies'}).",
    ]
    verdicts.append(
        f"- Search, first results of every query below at most {BUDGET // 1000} KB gzip: "
        + (
            "met"
            if all(b <= BUDGET for _, t, _ in rows for q in t["search_bytes"].values() for b in q.values())
            else "NOT met"
        )
        + "."
    )
    search_lines = [
        "",
        "### Search: the first results of a query",
        "",
        "What the search page transfers for a query's first results, in a fresh browser: search.js and",
        "the index pieces it loads (gzip), and the seconds the post-build step takes to build each",
        "language's index over the built pages (bench/search_bench.py).",
        "",
        "| language | query | " + " | ".join(f"{count:,} case studies" for count, _, _ in rows) + " |",
        "|---|---|" + "---:|" * len(rows),
    ]
    for lang, queries in QUERIES.items():
        for query in queries:
            cells = " | ".join(f"{t['search_bytes'][lang][query] / 1024:.1f} KB" for _, t, _ in rows)
            search_lines.append(f"| {lang} | {query} | {cells} |")
        cells = " | ".join(f"{t['index_seconds'][lang]:.1f} s" for _, t, _ in rows)
        search_lines.append(f"| {lang} | *index build* | {cells} |")
    machine = f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    header = [
        "# Benchmark results",
        "",
        f"Run on {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {machine}, with `make bench`",
        f"(bench/bench.py); seconds are the fastest of {REPEATS} builds each, toolkit and baseline in turn.",
        "The toolkit is built as `make build` builds it (`techrights build`: validation and page",
        "generation, one MkDocs process per language side by side, then the post-build steps, each",
        "language in its own worker); its peak MB is the largest of those processes. CPU s adds up the",
        "processor time of every process: the toolkit does more work than plain Material (validation,",
        "generation, its own search index, two MkDocs processes) and spreads it over both cores.",
        "Both builds cover English and Spanish; the baseline is plain MkDocs +",
        "Material (its own search plugin, no i18n, macros or hooks) over the same generated Markdown",
        "with the same short navigation. First load counts a case-study page and every asset it",
        "references, plus Material's search index for the baseline, which fetches it on every first",
        "view; the toolkit's per-language index loads in pieces, only when the reader searches.",
        "",
    ]
    return "\n".join(header + lines + ["", *verdicts, *search_lines, ""])


HISTORY = "\n## History\n"  # measurements kept from run to run (before/after a change)


def main() -> int:
    from edit_loop import run as edit_loop  # bench/edit_loop.py, beside this file
    from lighthouse import run as lighthouse  # bench/lighthouse.py, beside this file

    report = run() + "\n" + edit_loop() + "\n" + lighthouse()
    print(report)
    target = ROOT / "bench" / "results.md"
    old = target.read_text(encoding="utf-8") if target.is_file() else ""
    kept = old[old.index(HISTORY) :] if HISTORY in old else ""
    target.write_text(report + kept, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
