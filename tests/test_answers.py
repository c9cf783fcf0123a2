"""Checking one answer against its item: what is wrong, and the value probably meant."""

from __future__ import annotations

import pytest

from checklist.answers import answer_problem
from checklist.models import Item


def _item(answer: dict[str, object]) -> Item:
    return Item.model_validate(
        {"id": "i", "question": "Q?", "severity": "low", "answer": answer, "hint": "H."}
    )


MULTI = _item(
    {
        "type": "multi",
        "options": [
            {"value": "tests", "label": "Unit tests"},
            {"value": "review", "label": "Code review"},
        ],
    }
)


@pytest.mark.parametrize(
    ("item", "value", "meant"),
    [
        (_item({"type": "yes_no"}), "NO", "'no'"),
        (MULTI, ["Code review"], "'review'"),
        (MULTI, ["tets"], "'tests'"),
        (
            _item(
                {
                    "type": "scale",
                    "levels": [{"value": 0.5, "label": "Half"}, {"value": 1, "label": "All"}],
                }
            ),
            "half",
            "0.5",
        ),
    ],
)
def test_a_hand_written_answer_gets_the_value_it_means(
    item: Item, value: str | list[str], meant: str
) -> None:
    message = answer_problem(item, value)
    assert message is not None
    assert f"; did you mean {meant}?" in message


def test_no_value_is_searched_for_once_the_file_has_its_share_of_suggestions() -> None:
    message = answer_problem(_item({"type": "yes_no"}), "Yes", suggest=False)
    assert message == "expected yes or no, found 'Yes'"
