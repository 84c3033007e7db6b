"""Scan results for the writer tests: real corpus texts reviewed by the real pipeline, plus a few
synthetic findings (synthetic: true — invented ID/phone values, checksum-valid or not) so the
writers have masked values, severities and reasons to show whatever the detectors find today."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gkreview.batch import ScanResult, error_result, review_to_result
from gkreview.finding import Finding
from gkreview.suggestion import Reason
from tests.conftest import iter_corpus

SYNTHETIC_ID = "110101199003071234"  # synthetic, never a real person
SYNTHETIC_PHONE = "13912345678"  # synthetic
ID_MASK = "1101**********1234"
PHONE_MASK = "139****5678"
HOSTILE_NAME = '<img src=x onerror=alert(1)>=HYPERLINK("http://x")&{{rows}}.txt'


def _inject(text: str, value: str, at: int) -> tuple[str, int, int]:
    at = min(at, len(text))
    return text[:at] + value + text[at:], at, at + len(value)


def sample_results(n: int = 4) -> list[ScanResult]:
    from gkreview.review import Reviewer

    reviewer = Reviewer(model=None)
    out: list[ScanResult] = []
    for i, doc in enumerate(iter_corpus("govcn_statecouncil", limit=n)):
        name = HOSTILE_NAME if i == 0 else f"corpus/govcn_{i}.txt"
        text = doc["text"]
        if i == 1:
            # synthetic personal data inside a real text: one ID number and a phone right next to it
            text, s1, e1 = _inject(text, "联系人身份证号" + SYNTHETIC_ID, 120)
            s1 += len("联系人身份证号")
            text, s2, e2 = _inject(text, "，手机" + SYNTHETIC_PHONE, e1)
            s2 += len("，手机")
            report = reviewer.review_text(text, name=name)
            findings = (
                Finding(
                    "cn_resident_id",
                    "personal_info",
                    "ART15_PRIVACY",
                    "high",
                    1.0,
                    s1,
                    e1,
                    ID_MASK,
                    id="f1",
                    label="公民身份号码",
                    extra={"synthetic": True},
                ),
                Finding(
                    "cn_mobile",
                    "personal_info",
                    "ART15_PRIVACY",
                    "medium",
                    0.9,
                    s2,
                    e2,
                    PHONE_MASK,
                    id="f2",
                    label="手机号码",
                    extra={"synthetic": True},
                ),
            )
            reason = Reason(
                "ART15_PRIVACY",
                "《政府信息公开条例》第十五条",
                "含个人信息，公开前应区分处理。",
                ("f1", "f2"),
                article_text="第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。",
            )
            sugg = replace(
                report.suggestion,
                attribute="on_request",
                needs_redaction=True,
                reasons=(reason,),
                declared_conflict=True,
                declared_attribute="active",
            )
            report = replace(report, findings=findings, suggestion=sugg)
        else:
            report = reviewer.review_text(text, name=name)
        out.append(review_to_result(report))
    out.append(error_result("corpus/broken.pdf", "unreadable", "corrupt", "not a PDF", sha256="0" * 64))
    return out


def reports(results: list[ScanResult]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in results]
