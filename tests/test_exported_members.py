import gkreview


def test_all_is_sorted_and_importable():
    assert gkreview.__all__ == sorted(gkreview.__all__)
    for name in gkreview.__all__:
        assert hasattr(gkreview, name), name


def test_public_api_is_pinned():
    # changing the public face is a decision: update this list on purpose
    assert gkreview.__all__ == [
        "Attribute",
        "ConfigurationError",
        "Document",
        "ExtractionError",
        "Finding",
        "GkreviewError",
        "Gongwen",
        "IncompatibleModelError",
        "LegalBasis",
        "Limits",
        "ModelError",
        "Page",
        "PageQuality",
        "Reason",
        "RedactionResult",
        "Report",
        "Reviewer",
        "ScanOptions",
        "ScanResult",
        "Secrecy",
        "Severity",
        "Status",
        "Suggestion",
        "__version__",
        "collect_files",
        "extract",
        "redact",
        "review",
        "scan",
    ]


def test_import_stays_light():
    import subprocess
    import sys

    code = "import sys, gkreview; print(sorted(m for m in ('sklearn', 'pdfplumber', 'jieba', 'fastapi') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_import_has_no_handler_side_effects():
    import logging

    handlers = logging.getLogger("gkreview").handlers
    assert all(isinstance(h, logging.NullHandler) for h in handlers)
