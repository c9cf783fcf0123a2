"""``make bench``: measure the checklist tool against its peers, in one run, and write
``docs/benchmarks.md``.

Every target is a ratio between two measurements taken here, on the same
files: machines differ, ratios travel. Commands compared with each other run in
alternation, so that a slow spell of the machine hits both. Each command runs in
a fresh process (as in a pre-commit hook or a CI step); times are the median of
several runs, peak memory is the child process's maximum resident set size.
"""

from __future__ import annotations

import compileall
import gzip
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import chain_text, checklist_text, unknown_keys_text, write_corpus

FORM_BUDGET = 20_000
"""Bytes, gzipped, of the form's JS and CSS loaded up front (checklist.min.js and
checklist.min.css, made by src/checklist/site/assets.py)."""

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}


@dataclass
class Measure:
    """One command's median time and peak memory."""

    seconds: float
    peak_mib: float


def run(
    command: list[str], *, repeat: int = 3, cwd: Path | None = None, ok: tuple[int, ...] = (0,)
) -> Measure:
    """Run a command ``repeat`` times in fresh processes; median time, largest peak memory."""
    times = []
    peak = 0.0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run(
            command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - started)
        if done.returncode not in ok:
            raise SystemExit(
                f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}{done.stderr}"
            )
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        # ru_maxrss of children is the largest so far; measure in a wrapper for the exact peak.
        peak = max(peak, after / 1024, before / 1024)
    return Measure(statistics.median(times), peak)


def side_by_side(
    commands: dict[str, list[str]], *, repeat: int, cwd: Path | None = None
) -> dict[str, Measure]:
    """Run commands in alternation, ``repeat`` rounds, each starting with the next command.

    A ratio between two commands is then measured under the same conditions:
    a slow spell of the machine hits both, instead of whichever ran during it.
    """
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    peaks = dict.fromkeys(names, 0.0)
    for round_ in range(repeat):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            measure = run(commands[name], repeat=1, cwd=cwd)
            times[name].append(measure.seconds)
            peaks[name] = max(peaks[name], measure.peak_mib)
    return {name: Measure(statistics.median(times[name]), peaks[name]) for name in names}


def peak_of(command: list[str], cwd: Path | None = None) -> float:
    """The peak memory of one run of a command, measured in a wrapper process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [PYTHON, "-c", wrapper, *command],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()) / 1024


BARE_PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)


def validation_rows(
    work: Path, sizes: list[int], repeat: int
) -> tuple[list[dict[str, object]], dict[int, dict[str, Measure]]]:
    """checklist validate, check-jsonschema and a bare C-loader parse on the same files."""
    schemas = work / "schemas"
    schemas.mkdir()
    for kind in ("checklist", "assessment"):
        (schemas / f"{kind}.schema.json").write_text(
            subprocess.run(
                [str(BIN / "checklist"), "schema", kind], capture_output=True, text=True, check=True
            ).stdout,
            encoding="utf-8",
        )
    rows: list[dict[str, object]] = []
    results: dict[int, dict[str, Measure]] = {}
    for size in sizes:
        # The largest corpus takes the peer minutes to check: one run of it is enough.
        runs = 1 if size >= 1000 else repeat
        folder = work / f"corpus-{size}"
        files = write_corpus(folder, size)
        checklists = [str(p) for p in files if p.name.startswith("checklist")]
        assessments = [str(p) for p in files if p.name.startswith("assessment")]
        items = sum(40 for _ in files)
        measures = {
            "checklist validate": (
                run([str(BIN / "checklist"), "validate", str(folder)], repeat=runs),
                peak_of([str(BIN / "checklist"), "validate", str(folder)]),
            ),
            "check-jsonschema": (
                _sum(
                    run(
                        [
                            str(BIN / "check-jsonschema"),
                            "--schemafile",
                            str(schemas / "checklist.schema.json"),
                            *checklists,
                        ],
                        repeat=runs,
                    ),
                    run(
                        [
                            str(BIN / "check-jsonschema"),
                            "--schemafile",
                            str(schemas / "assessment.schema.json"),
                            *assessments,
                        ],
                        repeat=runs,
                    ),
                ),
                max(
                    peak_of(
                        [
                            str(BIN / "check-jsonschema"),
                            "--schemafile",
                            str(schemas / "checklist.schema.json"),
                            *checklists,
                        ]
                    ),
                    peak_of(
                        [
                            str(BIN / "check-jsonschema"),
                            "--schemafile",
                            str(schemas / "assessment.schema.json"),
                            *assessments,
                        ]
                    ),
                ),
            ),
            "PyYAML CSafeLoader parse (floor)": (
                run([PYTHON, "-c", BARE_PARSE, *[str(p) for p in files]], repeat=runs),
                peak_of([PYTHON, "-c", BARE_PARSE, *[str(p) for p in files]]),
            ),
        }
        results[size] = {name: Measure(m.seconds, peak) for name, (m, peak) in measures.items()}
        for name, measure in results[size].items():
            rows.append(
                {
                    "files": len(files),
                    "items": items,
                    "tool": name,
                    "seconds": measure.seconds,
                    "files/s": len(files) / measure.seconds,
                    "peak MiB": measure.peak_mib,
                }
            )
    return rows, results


def worst_cases(work: Path, repeat: int) -> dict[str, tuple[Measure, Measure]]:
    """Hostile shapes below the size limit: `checklist validate` and a bare parse of each file."""
    folder = work / "worst"
    folder.mkdir()
    files = {
        "100,000 unknown keys (1 MB)": unknown_keys_text(100_000),
        "a 6,000-item `when` chain": chain_text(6_000),
    }
    results = {}
    for name, text in files.items():
        path = folder / f"{len(results)}.yaml"
        path.write_text(text, encoding="utf-8")
        ours = run([str(BIN / "checklist"), "validate", str(path)], repeat=repeat, ok=(0, 1))
        floor = run([PYTHON, "-c", BARE_PARSE, str(path)], repeat=repeat)
        results[f"{name}, {len(text.encode()) / 1e6:.2f} MB"] = (ours, floor)
    return results


def _sum(a: Measure, b: Measure) -> Measure:
    return Measure(a.seconds + b.seconds, max(a.peak_mib, b.peak_mib))


def single_file(work: Path, repeat: int) -> tuple[Measure, Measure]:
    """The pre-commit case: one assessment file, cold process, each tool."""
    folder = work / "single"
    folder.mkdir()
    path = folder / "assessment.yaml"
    shutil.copy(ROOT / "examples" / "restaurant-recommender-ml-fit.yaml", path)
    # Run where a team's assessment lives: a repository without this project's checklists/.
    schema = work / "schemas" / "assessment.schema.json"
    measured = side_by_side(
        {
            "ours": [str(BIN / "checklist"), "validate", path.name],
            "peer": [str(BIN / "check-jsonschema"), "--schemafile", str(schema), path.name],
        },
        repeat=repeat,
        cwd=folder,
    )
    return measured["ours"], measured["peer"]


def report_and_validate(work: Path, repeat: int) -> tuple[Measure, Measure]:
    """The worked example's report (which tries every other answer to each question, to say
    what one answer would change) against validating the same file, cold processes."""
    folder = work / "report"
    folder.mkdir()
    path = folder / "assessment.yaml"
    shutil.copy(ROOT / "examples" / "restaurant-recommender-ml-fit.yaml", path)
    measured = side_by_side(
        {
            "report": [str(BIN / "checklist"), "report", path.name],
            "validate": [str(BIN / "checklist"), "validate", path.name],
        },
        repeat=repeat,
        cwd=folder,
    )
    return measured["report"], measured["validate"]


IMPORTS = {
    "import PyYAML and pydantic (what any pydantic validator loads)": "import yaml; from pydantic import BaseModel",
    "import the build's own modules (MkDocs, Jinja, Markdown)": "import mkdocs.plugins, mkdocs.commands.build, jinja2, markdown",
    "... and the mkdocs-macros plugin": "import mkdocs.plugins, mkdocs.commands.build, jinja2, markdown, mkdocs_macros.plugin",
    "... and this project's macros (pydantic, the models)": (
        "import mkdocs.plugins, mkdocs.commands.build, jinja2, markdown, mkdocs_macros.plugin, checklist.site.macros"
    ),
}


def import_costs(repeat: int) -> dict[str, Measure]:
    """Cold imports that the one-file check and the site build cannot avoid: where the time goes."""
    return side_by_side(
        {name: [PYTHON, "-c", code] for name, code in IMPORTS.items()}, repeat=repeat
    )


def cold_start(repeat: int) -> dict[str, Measure]:
    """``checklist --version`` and ``--help`` against ``python -c pass``."""
    return side_by_side(
        {
            "python -c pass": [PYTHON, "-c", "pass"],
            "checklist --version": [str(BIN / "checklist"), "--version"],
            "checklist --help": [str(BIN / "checklist"), "--help"],
        },
        repeat=repeat,
    )


def compile_sources(*folders: Path) -> None:
    """Byte-compile this project's Python files, as pip does for the packages it installs.

    The peers and every other library here run from bytecode that pip wrote at install
    time; this package is installed in editable mode and runs from ``src/``, whose bytecode
    Python writes on the first import, unless PYTHONDONTWRITEBYTECODE is set (as on some
    CI and agent machines): then every run of ``checklist`` and every site build with the
    macros compiled some 10,000 lines from source (about 0.1 s), a cost no peer and no
    build without the macros pays. Python still checks each file's time stamp and size
    against its bytecode, so an edited file is compiled again, not run stale.
    """
    for folder in folders:
        compileall.compile_dir(folder, quiet=1)


def site_builds(work: Path, repeat: int) -> dict[str, Measure]:
    """The real site with and without the macros plugin; a synthetic site with 10 and 100 checklists."""
    results: dict[str, Measure] = {}
    project = work / "site-project"
    for name in (
        "docs",
        "overrides",
        "checklists",
        "examples",
        "src",
        "mkdocs.yml",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
    ):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  - macros:")
    end = config.index("  - mkdocstrings:")
    (project / "mkdocs-no-macros.yml").write_text(config[:start] + config[end:], encoding="utf-8")
    compile_sources(project / "src")  # the hooks, which both builds load from the copy
    mkdocs = str(BIN / "mkdocs")
    builds = {
        "site with macros": [mkdocs, "build", "-q", "-d", str(work / "out1")],
        "same pages without the macros plugin": [
            mkdocs,
            "build",
            "-q",
            "-f",
            "mkdocs-no-macros.yml",
            "-d",
            str(work / "out2"),
        ],
    }
    # One build of each first, not timed: the copy starts without .cache/, and the first
    # build to run (always the one with the macros) would otherwise minify the form's
    # scripts and styles for both (src/checklist/site/assets.py, a hook that both builds
    # run), one to two seconds more in one of the five runs. A contributor rebuilding the
    # site has the cache; so do both builds here.
    for command in builds.values():
        run(command, repeat=1, cwd=project)
    results.update(side_by_side(builds, repeat=max(repeat, 5), cwd=project))
    for count in (10, 100):
        synthetic = work / f"synthetic-{count}"
        (synthetic / "docs" / "checklists").mkdir(parents=True)
        (synthetic / "checklists").mkdir()
        (synthetic / "docs" / "index.md").write_text("# Synthetic\n", encoding="utf-8")
        nav = ["  - index.md"]
        for n in range(count):
            (synthetic / "checklists" / f"bench-{n}.yaml").write_text(
                checklist_text(n), encoding="utf-8"
            )
            (synthetic / "docs" / "checklists" / f"bench-{n}.md").write_text(
                f'---\nrender_macros: true\n---\n\n{{{{ checklist_page("bench-{n}") }}}}\n',
                encoding="utf-8",
            )
            nav.append(f"  - checklists/bench-{n}.md")
        (synthetic / "mkdocs.yml").write_text(
            "site_name: Synthetic\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  font: false\n"
            "plugins:\n  - search\n  - macros:\n      modules: [checklist.site.macros]\n"
            "      render_by_default: false\n"
            "markdown_extensions: [admonition, attr_list, tables, pymdownx.details]\n"
            "nav:\n" + "\n".join(nav) + "\n",
            encoding="utf-8",
        )
        results[f"synthetic site, {count} checklists"] = run(
            [mkdocs, "build", "-q", "-d", str(work / f"out-{count}")], repeat=repeat, cwd=synthetic
        )
    return results


def browser_rescoring(work: Path) -> float | None:
    """Median milliseconds for the browser evaluator to re-score a 500-item checklist."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    from checklist.loader import load_bytes
    from checklist.site.render import SiteContext, form_data

    loaded = load_bytes(checklist_text(0, items=500, conditional=True).encode(), file="bench.yaml")
    assert loaded.document is not None, loaded.problems
    assert loaded.ok, loaded.problems
    data = form_data(loaded.document, SiteContext())  # type: ignore[arg-type]
    answers = {f"i{n}": {"answer": ["yes", "good", 0.5, 50][n % 4]} for n in range(500)}
    chromium = os.environ.get("CHECKLIST_CHROMIUM") or "/usr/bin/chromium"
    from checklist.site import assets

    # The evaluator alone, minified as the site serves it at the start of checklist.min.js.
    script = assets.minified(
        "evaluator.js", assets.scope(ROOT / "docs" / assets.FOLDER, assets.EVALUATOR)
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium if os.path.exists(chromium) else None,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        page = browser.new_page()
        page.set_content("<!doctype html><title>bench</title>")
        page.add_script_tag(content=script)
        timings = page.evaluate(
            """([c, a]) => {
                const out = [];
                for (let n = 0; n < 60; n++) {
                    a["i" + (n % 500)] = {answer: n % 2 ? "yes" : "no"};
                    const t = performance.now();
                    ChecklistEvaluator.evaluate(c, a);
                    out.push(performance.now() - t);
                }
                return out.slice(10);
            }""",
            [data, answers],
        )
        browser.close()
    return float(statistics.median(timings))


def asset_size(site: Path) -> int:
    """The form's own JavaScript and CSS as the built site serves them, gzipped.

    The vendored YAML parser and the scripts the form loads only when a reader imports a
    file, opens a share link, exports or shares answers, or has answers saved for an older
    major version (``assets.ON_DEMAND``) are excluded.
    """
    from checklist.site import assets

    folder = site / assets.FOLDER
    files = [folder / name for name in assets.BUNDLES if name not in assets.ON_DEMAND]
    missing = [str(path) for path in files if not path.exists()]
    if missing:
        raise SystemExit(f"not in the built site: {', '.join(missing)}")
    return sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main() -> int:
    quick = "--quick" in sys.argv
    repeat = 1 if quick else 3
    sizes = [10, 100] if quick else [10, 100, 1000]
    compile_sources(ROOT / "src")
    with tempfile.TemporaryDirectory(prefix="checklist-bench-") as tmp:
        work = Path(tmp)
        rows, results = validation_rows(work, sizes, repeat)
        ours_one, peer_one = single_file(work, max(repeat, 11))
        report_one, validate_one = report_and_validate(work, max(repeat, 11))
        starts = cold_start(max(repeat, 15))
        imports = import_costs(max(repeat, 11))
        builds = site_builds(work, repeat)
        worst = worst_cases(work, repeat)
        rescoring = browser_rescoring(work)
        size = asset_size(work / "out1")
    largest = max(sizes)
    big = results[largest]
    ours, peer, floor = (
        big["checklist validate"],
        big["check-jsonschema"],
        big["PyYAML CSafeLoader parse (floor)"],
    )
    base = starts["python -c pass"].seconds
    targets = [
        (
            "One assessment, cold process: `checklist validate` / `check-jsonschema`",
            ours_one.seconds / peer_one.seconds,
            "≤ 0.5",
            ours_one.seconds / peer_one.seconds <= 0.5,
        ),
        (
            "One assessment: `checklist report` (with what one answer would change) / "
            "`checklist validate`",
            report_one.seconds / validate_one.seconds,
            "≤ 1.5",
            report_one.seconds / validate_one.seconds <= 1.5,
        ),
        (
            f"{largest} files: `check-jsonschema` / `checklist validate` (speed-up)",
            peer.seconds / ours.seconds,
            "≥ 3",
            peer.seconds / ours.seconds >= 3,
        ),
        (
            f"{largest} files: `checklist validate` / bare C-loader parse",
            ours.seconds / floor.seconds,
            "≤ 2",
            ours.seconds / floor.seconds <= 2,
        ),
        (
            f"{largest} files: peak memory of `checklist validate` (MiB)",
            ours.peak_mib,
            "< 200",
            ours.peak_mib < 200,
        ),
        (
            "`checklist --version` / `python -c pass`",
            starts["checklist --version"].seconds / base,
            "≤ 4",
            starts["checklist --version"].seconds / base <= 4,
        ),
        (
            "`checklist --help` / `python -c pass`",
            starts["checklist --help"].seconds / base,
            "≤ 4",
            starts["checklist --help"].seconds / base <= 4,
        ),
        (
            "Site build: with macros / without the macros plugin",
            builds["site with macros"].seconds
            / builds["same pages without the macros plugin"].seconds,
            "≤ 1.25",
            builds["site with macros"].seconds
            / builds["same pages without the macros plugin"].seconds
            <= 1.25,
        ),
        (
            "Synthetic site: 100 checklists / 10 checklists",
            builds["synthetic site, 100 checklists"].seconds
            / builds["synthetic site, 10 checklists"].seconds,
            "≤ 10",
            builds["synthetic site, 100 checklists"].seconds
            / builds["synthetic site, 10 checklists"].seconds
            <= 10,
        ),
        ("Form JS + CSS, gzipped (KB)", size / 1000, "≤ 20", size <= FORM_BUDGET),
    ]
    for name, (measure, _) in worst.items():
        targets.append(
            (
                f"Worst case, {name}: `checklist validate` (s)",
                measure.seconds,
                "< 1",
                measure.seconds < 1,
            )
        )
    if rescoring is not None:
        targets.append(
            (
                "Re-scoring a 500-item checklist in Chromium (ms, median)",
                rescoring,
                "≤ 5",
                rescoring <= 5,
            )
        )
    lines = [
        "| Files | Items | Tool | Seconds | Files/s | Peak MiB |",
        "| ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['files']} | {row['items']} | {row['tool']} | {row['seconds']:.3f} | {row['files/s']:.0f} | {row['peak MiB']:.0f} |"
        )
    table = "\n".join(lines)
    other = ["| Measurement | Seconds |", "| --- | ---: |"]
    other += [f"| {name} | {m.seconds:.3f} |" for name, m in {**starts, **builds}.items()]
    other.append(f"| one assessment: `checklist validate` | {ours_one.seconds:.3f} |")
    other.append(f"| one assessment: `check-jsonschema` | {peer_one.seconds:.3f} |")
    other += [f"| {name} | {m.seconds:.3f} |" for name, m in imports.items()]
    for name, (measure, floor_) in worst.items():
        other.append(f"| worst case, {name}: `checklist validate` | {measure.seconds:.3f} |")
        other.append(f"| worst case, {name}: bare C-loader parse | {floor_.seconds:.3f} |")
    target_lines = ["| Target | Measured | Goal | Status |", "| --- | ---: | --- | --- |"]
    target_lines += [
        f"| {name} | {value:.2f} | {goal} | {_verdict(ok)} |" for name, value, goal, ok in targets
    ]
    print(table)
    print()
    print("\n".join(other))
    print()
    print("\n".join(target_lines))
    if not quick:
        page = (ROOT / "benchmarks" / "page.md").read_text(encoding="utf-8")
        page = page.replace("{{machine}}", machine()).replace("{{date}}", time.strftime("%Y-%m-%d"))
        page = page.replace("{{table}}", table).replace("{{other}}", "\n".join(other))
        page = page.replace("{{targets}}", "\n".join(target_lines))
        (ROOT / "docs" / "benchmarks.md").write_text(page, encoding="utf-8")
        print(f"\nwrote {ROOT / 'docs' / 'benchmarks.md'}")
    (ROOT / "test-results").mkdir(exist_ok=True)
    (ROOT / "test-results" / "benchmarks.json").write_text(
        json.dumps(
            {"targets": [{"name": n, "value": v, "goal": g, "met": ok} for n, v, g, ok in targets]},
            indent=2,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
