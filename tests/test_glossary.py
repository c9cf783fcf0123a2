"""The glossary hook: one page of terms becomes every page's tooltips."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.site.glossary import abbreviations, forms, read_glossary
from tests.conftest import ROOT


def test_the_glossary_page_reads_as_terms_and_plain_definitions() -> None:
    terms = read_glossary(ROOT / "docs" / "glossary.md")
    assert terms["feature store"].startswith("A shared service")
    for required in (
        "held-out data", "holdout", "time split", "p50", "p95", "p99", "canary release",
        "shadow deployment", "A/B test", "feature store", "model registry", "concept drift",
        "data drift", "label drift", "feedback loop", "cold start", "NDCG", "precision",
        "recall", "baseline", "ROI", "SLA", "SLO", "MLOps", "technical debt",
        "selective labels", "unsupervised learning", "self-supervised learning",
        "pre-trained model", "fine-tuning", "fallback", "autoscaling", "satisficing metric",
        "optimizing metric",
    ):  # fmt: skip
        assert required in terms, required
    # One sentence each: a tooltip, not an essay.
    for term, definition in terms.items():
        assert definition.endswith("."), term
        assert ". " not in definition, term
    assert list(terms) == sorted(terms, key=str.casefold), "keep the terms in alphabetical order"


def test_a_definition_may_continue_on_indented_lines(tmp_path: Path) -> None:
    page = tmp_path / "glossary.md"
    page.write_text(
        "# Glossary\n\nSome text.\n\nterm one\n:   First line\n    and second.\n\n"
        "term two\n:   Two.\n",
        encoding="utf-8",
    )
    assert read_glossary(page) == {"term one": "First line and second.", "term two": "Two."}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("term\n:   With a [link](x.md).\n", "glossary.md:2: the definition of 'term' is not plain text"),
        ("term\n:   One.\n\nterm\n:   Two.\n", "glossary.md:5: 'term' is defined twice"),
    ],
)  # fmt: skip
def test_a_bad_glossary_entry_is_named_with_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    page = tmp_path / "glossary.md"
    page.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="glossary") as raised:
        read_glossary(page)
    assert str(raised.value) == f"{tmp_path}/{message}"


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("feature store", ["feature store", "feature stores", "Feature store", "Feature stores"]),
        ("model registry", ["model registry", "model registries", "Model registry", "Model registries"]),
        ("A/B test", ["A/B test", "A/B tests"]),
        ("NDCG", ["NDCG", "NDCGs"]),
        ("MLOps", ["MLOps"]),
        ("recall", ["recall", "Recall"]),
        ("held-out data", ["held-out data", "Held-out data"]),
        ("fine-tuning", ["fine-tuning", "Fine-tuning"]),
        ("selective labels", ["selective labels", "Selective labels"]),
    ],
)  # fmt: skip
def test_a_term_stands_for_its_plural_and_its_capitalised_form(
    term: str, expected: list[str]
) -> None:
    assert forms(term) == expected


def test_two_terms_with_one_spelling_are_refused() -> None:
    with pytest.raises(ValueError, match="'Cold starts' stands for both"):
        abbreviations({"cold start": "One.", "Cold starts": "Two."})


def test_the_site_lists_the_abbr_extension_and_the_hook() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - abbr\n" in config
    assert "  - src/checklist/site/glossary.py\n" in config


def test_materials_improved_tooltips_stay_off() -> None:
    """Material's ``content.tooltips`` writes an element's ``title`` into the page as HTML.

    The navigation gives each page's link a title from the page title, and a checklist's
    title is untrusted YAML: with the feature on, the hostile checklist's
    ``<img onerror=...>`` ran (tests/test_hostile_site.py). Glossary terms use the
    browser's own tooltip, which shows the title as text.
    """
    features = [
        line.strip()
        for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    assert "- content.tooltips" not in features
