"""legacy_citation (2007 条例 citations; the 2019 article from law.yaml). Positives SYNTHETIC; negatives real."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft

DET = "legacy_citation"


def test_reply_citing_the_2007_text(detector_set):
    text = draft("legacy_citation")
    hits = {text[f.start : f.end]: f for f in detector_set.detect(text) if f.detector == DET}
    assert set(hits) == {"第十四条第四款", "第二十二条"}
    assert (
        hits["第二十二条"].extra["now_basis"] == "第三十七条"
        and "第三十七条" in hits["第二十二条"].explanation
    )
    assert {f.severity for f in hits.values()} == {"medium"}
    assert {f.reason_code for f in hits.values()} == {"LEGACY_CITATION"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据《政府信息公开条例》第八条，公开后可能危及社会稳定的信息不予公开。", ["第八条"]),
        ("根据《中华人民共和国政府信息公开条例》第二十二条的规定，对申请内容作区分处理。", ["第二十二条"]),
        ("根据《政府信息公开条例》第十四条的规定，涉及商业秘密的内容不予公开。", ["第十四条"]),
        ("本机关依据《政府信息公开条例》（国务院令第492号）作出答复。", ["政府信息公开条例"]),
        # current numbering, or the version named: not legacy
        ("依据《政府信息公开条例》第十四条，属于国家秘密的信息不予公开。", []),
        ("根据《政府信息公开条例》第三十七条的规定，作区分处理。", []),
        ("根据《政府信息公开条例》（2019年修订）第二十三条，征求第三方意见。", []),
        # hard negatives — real published texts
        ("2007年4月5日 中华人民共和国国务院令第492号公布", []),
        ("违反本条例第十四条第四款规定，外部装修施工工地未按规定设置围挡的，责令限期改正。", []),
    ],
)
def test_legacy_table(detector_set, text, expected):
    assert [text[f.start : f.end] for f in detector_set.detect(text) if f.detector == DET] == expected
