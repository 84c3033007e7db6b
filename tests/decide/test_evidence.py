"""Every reason shows its evidence (finding ids) and every ground that applies, the deciding one first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gkreview.decide.rules import Rule, supporting_findings, validate_rules
from gkreview.errors import ConfigurationError
from gkreview.report import Report
from gkreview.review import Reviewer
from tests.conftest import iter_corpus


@pytest.fixture(scope="module")
def reviewer() -> Reviewer:
    return Reviewer()


def _uses_findings(when: Any) -> bool:
    if isinstance(when, dict):
        return "findings" in when or any(_uses_findings(v) for v in when.values())
    if isinstance(when, list):
        return any(_uses_findings(v) for v in when)
    return False


def _problems(report: Report, rules: dict[str, Rule]) -> list[str]:
    """Reasons that rest on a finding but carry no id, and ids that are not in the report."""
    ids = {f.id for f in report.findings}
    out = []
    for r in report.suggestion.reasons:
        missing = set(r.finding_ids) - ids
        if missing:
            out.append(f"{r.rule}: finding ids {sorted(missing)} not in the report")
        rule = rules.get(r.rule)
        if rule is None:
            continue
        rests = _uses_findings(rule.when) or bool(supporting_findings(rule, report.findings, []))
        if rests and not r.finding_ids:
            out.append(f"{r.rule} ({r.code}) rests on a finding but lists none")
    return out


def test_memo_secrecy_reason_cites_the_mark_and_lists_the_other_grounds(
    reviewer: Reviewer, samples_dir: Path, check_report: Any
) -> None:
    report = reviewer.review(samples_dir / "memo.txt")
    assert check_report.problems(report.to_dict()) == []
    s = report.suggestion
    by_code = {r.code: r for r in s.reasons}
    marks = [f.id for f in report.findings if f.category == "secrecy_mark"]
    assert marks and s.attribute == "withheld"
    first = s.reasons[0]
    assert (first.code, first.secondary) == ("ART14_STATE_SECRET", False)
    assert marks[0] in first.finding_ids
    # 妥否，请批示 in a 请示: 第十六条 still applies after 解密, and so does 第十五条
    process = by_code["ART16_PROCESS_INFO"]
    assert process.secondary and process.modality == "discretionary"
    assert set(process.finding_ids) >= {f.id for f in report.findings if f.category == "process_info"}
    assert by_code["ART15_PRIVACY"].secondary and by_code["ART15_PRIVACY"].finding_ids
    assert [r.secondary for r in s.reasons if r.rule != "periodic_review"] == [False, True, True]
    assert s.reasons[-1].code == "ART18_PERIODIC_REVIEW"
    assert _problems(report, {r.id: r for r in reviewer.decider.profile.rules}) == []


def _inject(text: str) -> str:
    return "000127\n机密★5年\n" + text


def test_every_reason_that_rests_on_a_finding_carries_its_ids(reviewer: Reviewer, samples_dir: Path) -> None:
    """Real published documents, as they are and with a 密级 mark injected, and the contract samples."""
    rules = {r.id: r for r in reviewer.decider.profile.rules}
    texts: list[tuple[str, str]] = []
    for name in ("govcn_statecouncil", "policies_central_shandong", "lawrefbook"):
        texts += [(str(r["id"]), str(r["text"])) for r in iter_corpus(name, limit=8)]
    reports = [reviewer.review_text(t, name=i) for i, t in texts]
    reports += [reviewer.review_text(_inject(t), name=i) for i, t in texts]
    reports += [reviewer.review(p) for p in sorted(samples_dir.iterdir()) if p.suffix != ".md"]
    problems = [f"{rep.path}: {p}" for rep in reports for p in _problems(rep, rules)]
    assert problems == []
    injected = reports[len(texts) : 2 * len(texts)]
    with_ids = [
        rep
        for rep in injected
        if any(
            r.code == "ART14_STATE_SECRET" and not r.secondary and r.finding_ids
            for r in rep.suggestion.reasons
        )
    ]
    assert len(with_ids) == len(injected)
    cited = 0
    for rep in reports:
        cited += sum(bool(r.finding_ids) for r in rep.suggestion.reasons)
    assert cited >= len(injected)  # the check above is not vacuous


def test_a_request_withheld_by_form_keeps_its_topic_basis_as_secondary(reviewer: Reviewer) -> None:
    text = "关于追加教育经费的请示\n市人民政府：\n现将有关情况报告如下。\n妥否，请批示。\n某市教育局\n2024年1月1日"
    s = reviewer.review_text(text).suggestion
    assert s.attribute == "withheld" and s.decided_by == "qingshi"
    assert (s.reasons[0].rule, s.reasons[0].secondary) == ("qingshi", False)
    livelihood = [r for r in s.reasons if r.rule == "livelihood"]
    assert livelihood and livelihood[0].secondary
    grounds = [r.secondary for r in s.reasons if r.rule != "periodic_review"]
    assert grounds == sorted(grounds)  # deciding first, further grounds after
    assert s.reasons[-1].rule == "periodic_review"


# ───────────────────────── unit: which findings support a rule ─────────────────────────


def _f(fid: str, category: str, code: str, start: int, end: int, severity: str = "high") -> Any:
    from gkreview.finding import Finding

    return Finding("t", category, code, severity, 0.9, start, end, "**", id=fid)


def _rule(**kw: Any) -> Rule:
    raw = {"id": "r", "kind": "discretionary", "code": "ART16_PROCESS_INFO", "when": {"title": ["请示$"]}}
    (rule,) = validate_rules([{**raw, **kw}], source="test")
    return rule


def test_supporting_findings_same_code_covering_the_span_first() -> None:
    fs = [
        _f("f1", "process_info", "ART16_PROCESS_INFO", 100, 106),
        _f("f2", "process_info", "ART16_PROCESS_INFO", 3, 8),
        _f("f3", "personal_info", "ART15_PRIVACY", 4, 6),  # covers the span, other ground
        _f("f4", "process_info", "ART16_PROCESS_INFO", 50, 52, severity="low"),  # too weak
    ]
    assert supporting_findings(_rule(), fs, [(0, 10)]) == ["f2", "f1"]
    assert supporting_findings(_rule(), fs, []) == ["f2", "f1"]


def test_evidence_spec_selects_by_category() -> None:
    rule = _rule(code="WORK_SECRET", evidence={"category": ["work_secret"]})
    fs = [
        _f("f1", "work_secret", "ART16_INTERNAL_AFFAIRS", 0, 4),
        _f("f2", "internal_affairs", "ART16_INTERNAL_AFFAIRS", 9, 12),
    ]
    assert supporting_findings(rule, fs, []) == ["f1"]


@pytest.mark.parametrize("evidence", [["work_secret"], {"min_count": 2}, {"min_severity": "severe"}])
def test_bad_evidence_spec_fails_at_load(evidence: Any) -> None:
    with pytest.raises(ConfigurationError, match="evidence"):
        _rule(evidence=evidence)


@pytest.mark.slow
def test_real_test_split_every_reason_cites_its_findings(reviewer: Reviewer, shared_dir: Path) -> None:
    """All 1,081 real test-split documents, as published and with a 密级 mark injected (~20 s)."""
    from gkreview.training.corpus import load, split_of

    rules = {r.id: r for r in reviewer.decider.profile.rules}
    corpora = sorted((shared_dir / "corpora").glob("*.jsonl.gz"))
    problems: list[str] = []
    n = cited_mark = 0
    for ex in load(corpora, strip_declared=False):
        if split_of(ex.split_key) != "test":
            continue
        n += 1
        for text in (ex.text, _inject(ex.text)):
            rep = reviewer.review_text(text, name=ex.id)
            problems += [f"{ex.id}: {p}" for p in _problems(rep, rules)]
        marks = {f.id for f in rep.findings if f.category == "secrecy_mark"}
        first = rep.suggestion.reasons[0]
        cited_mark += first.code == "ART14_STATE_SECRET" and bool(marks & set(first.finding_ids))
    assert n > 1000 and problems[:5] == []
    assert cited_mark == n
