"""The hand labels of the fixture calls' buyer lines stay in step with the files, and the
objection detection `review` relies on keeps finding the real objections."""

from __future__ import annotations

from benchmarks.review_detection import figures, judge, labels


def test_every_buyer_line_is_labelled_and_every_label_is_a_buyer_line() -> None:
    judged = judge()
    assert all(j.labels != ("?",) for j in judged), [j for j in judged if j.labels == ("?",)]
    labelled = sum(len(lines) for lines in labels().values())
    assert labelled == len(judged) == 34


def test_detection_keeps_its_precision_and_recall_on_the_fixture_calls() -> None:
    # Measured when `review` was written: precision 0.48 (14/29), recall 0.93 (14/15); once
    # the matcher declined dates, courtesies and names: precision 0.58 (14/24), same recall;
    # once a line of a call must read like pushback (objections/heard.py): 0.87 (13/15) and
    # 0.87 (13/15). The bar is the issue's: precision 0.8 at recall 0.85.
    found = figures(judge())
    assert found.objections == 15
    assert found.recall >= 0.85
    assert found.precision >= 0.8
    assert found.family_right == found.true_positives
