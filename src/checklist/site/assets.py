"""The form's scripts and styles: small modules in the docs folder, served as a few files.

A MkDocs hook (``hooks:`` in ``mkdocs.yml``). The form's code is kept in
``docs/assets/checklist/`` as modules with one job each (``evaluator/``: the rule
language, a mirror of the Python package; ``form/``: storage, share links, controls,
the result panel...; ``styles/``: the style sheet in parts). A reader's browser gets
them joined, in the order of `BUNDLES`, and minified:

- ``checklist.min.js``: the evaluator, then the form, each part of one inside a single
  function scope, so that the parts share their names and the minifier can shorten
  them. It defines ``window.ChecklistEvaluator`` and ``window.ChecklistForm``.
- ``checklist.min.css``: the style sheet.
- ``export.min.js``, ``import.min.js``, ``upgrade.min.js``, ``progress.min.js``,
  ``recover.min.js`` and ``margin.min.js``: loaded by the form only when a reader exports
  or shares answers, imports a file or opens a share link, has answers saved for an older
  major version, opens the checklists index (the reader's progress on each), has answers
  that must be set aside (they no longer fit, or two tabs changed them differently), or
  has a settled verdict (the answers one change away from another verdict).

One file and one request for what every checklist page needs, and one shared
compression dictionary: the benchmarks hold the form's scripts and styles to 20 KB
gzipped. The modules themselves are not copied into the site.

Scripts are minified by ``calmjs.parse`` (it parses ES5, which the form is written in,
and renames local names); styles by ``csscompressor``. Both are pure Python, so the
site still builds offline with what ``pip install -e '.[docs]'`` brings.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

FOLDER = "assets/checklist"
"""Where the modules are, in the docs folder, and where the site serves the bundles."""

EVALUATOR = (
    "evaluator/rules.js",
    "evaluator/points.js",
    "evaluator/explain.js",
    "evaluator/engine.js",
    "evaluator/api.js",
)
"""The rule language, in order: its parts share one function scope, given ``root``."""

FORM = (
    "form/base.js",
    "form/answers.js",
    "form/controls.js",
    "form/storage.js",
    "form/panel.js",
    "form/charts.js",
    "form/thread.js",
    "form/transfer.js",
    "form/setup.js",
)
"""The live form, in order: its parts share one function scope."""

STYLES = (
    "styles/base.css",
    "styles/form.css",
    "styles/question.css",
    "styles/result.css",
    "styles/pages.css",
    "styles/print.css",
)
"""The style sheet, in cascade order: print last, so that it overrides the screen."""

BUNDLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "checklist.min.js": (EVALUATOR, FORM),
    "checklist.min.css": (STYLES,),
    "export.min.js": (("export.js",),),
    "import.min.js": (("import.js",),),
    "upgrade.min.js": (("upgrade.js",),),
    "progress.min.js": (("progress.js",),),
    "recover.min.js": (("recover.js",),),
    "margin.min.js": (("margin.js",),),
}
"""Each served file, from its groups of modules: one function scope per group of a script."""

ON_DEMAND = (
    "export.min.js",
    "import.min.js",
    "upgrade.min.js",
    "progress.min.js",
    "recover.min.js",
    "margin.min.js",
)
"""Served files a checklist page loads only when a reader needs them."""


def modules() -> list[str]:
    """Every module the bundles are made of, relative to `FOLDER`."""
    return [name for groups in BUNDLES.values() for group in groups for name in group]


def scope(folder: Path, group: tuple[str, ...]) -> str:
    """The script modules `group` in `folder` as one strict-mode function, given the
    global object as ``root``: the names of one module are the names of all."""
    text = "\n".join(_read(folder / name) for name in group)
    return f'(function (root) {{\n"use strict";\n{text}\n}})(self);\n'


def joined(folder: Path, served: str) -> str:
    """The served file `served`, from the modules in `folder`, before minifying: a style
    sheet's modules one after the other, a script's groups each as one `scope`."""
    if served.endswith(".css"):
        return "\n".join(_read(folder / name) for group in BUNDLES[served] for name in group)
    return "\n".join(scope(folder, group) for group in BUNDLES[served])


def minified(served: str, text: str) -> str:
    """`text` minified as the site serves it."""
    if served.endswith(".css"):
        import csscompressor

        return str(csscompressor.compress(text))
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    tree = es5(text)
    return str(minify_print(tree, obfuscate=True, obfuscate_globals=False, drop_semi=True))


CACHE = ".cache/checklist-assets"
"""Where, beside ``mkdocs.yml``, the minified files are kept between builds (git ignores it):
minifying takes about two seconds a build, and the modules seldom change."""


def build(folder: Path, served: str, cache: Path | None = None) -> str:
    """The served file `served`, made from the modules in `folder`; kept in `cache`, a
    folder, and taken from there while the modules and the minifiers stay the same.

    A script that does not parse is reported by its module, line and column: each module
    parses on its own too, so the first one that does not is the one to mend.
    """
    text = joined(folder, served)
    if cache is None:
        return _minified_or_error(folder, served, text)
    key = hashlib.sha256("\0".join([_minifiers(), served, text]).encode()).hexdigest()[:24]
    kept = cache / f"{key}-{served}"
    with contextlib.suppress(OSError):
        return kept.read_text(encoding="utf-8")
    out = _minified_or_error(folder, served, text)
    with contextlib.suppress(OSError):  # a folder that cannot be written: minify next time
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob(f"*-{served}"):  # what earlier modules made
            old.unlink()
        part = kept.with_name(kept.name + ".part")
        part.write_text(out, encoding="utf-8")
        part.replace(kept)
    return out


@functools.cache
def _minifiers() -> str:
    from importlib.metadata import version

    return f"calmjs.parse {version('calmjs.parse')}, csscompressor {version('csscompressor')}"


def _minified_or_error(folder: Path, served: str, text: str) -> str:
    from calmjs.parse.exceptions import ECMASyntaxError

    try:
        return minified(served, text)
    except ECMASyntaxError as error:
        from calmjs.parse import es5

        for group in BUNDLES[served]:
            for name in group:
                try:
                    es5(_read(folder / name))
                except ECMASyntaxError as found:
                    raise PluginError(
                        f"{folder / name}: {found} (the form's scripts are ES5, with BigInt)"
                    ) from found
        raise PluginError(f"{served}: {error}") from error


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"the form's module {path} cannot be read: {error}") from error


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Serve the bundles in place of the modules they are made of."""
    folder = Path(config["docs_dir"]) / FOLDER
    cache = Path(config["config_file_path"]).parent / CACHE
    for file in list(files):
        if file.src_uri.startswith(FOLDER + "/") and file.src_uri.endswith((".js", ".css")):
            files.remove(file)
    for served in BUNDLES:
        files.append(
            File.generated(config, f"{FOLDER}/{served}", content=build(folder, served, cache))
        )
    return files
