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
        "CorruptDocumentError",
        "Document",
        "DocumentTooLargeError",
        "EncryptedDocumentError",
        "ErrorInfo",
        "ExtractionError",
        "ExtractionTimeoutError",
        "Finding",
        "GkreviewError",
        "Gongwen",
        "HostileDocumentError",
        "IncompatibleModelError",
        "LegalBasis",
        "Limits",
        "ModelError",
        "OutputError",
        "Page",
        "PageQuality",
        "Reason",
        "RedactionResult",
        "Report",
        "Reviewer",
        "ScanOptions",
        "ScanResult",
        "ScanSummary",
        "ScanUsageError",
        "Secrecy",
        "Severity",
        "Skipped",
        "Status",
        "Suggestion",
        "UnreadableTextError",
        "UnsupportedFormatError",
        "Walk",
        "__version__",
        "collect_files",
        "extract",
        "file_sha256",
        "limit_memory",
        "mask_text",
        "redact",
        "review",
        "scan",
        "start_worker",
        "summary_zh",
        "walk_tree",
    ]


def test_the_whole_error_tree_is_exported():
    import inspect

    from gkreview import errors

    tree = {
        n for n, obj in vars(errors).items() if inspect.isclass(obj) and issubclass(obj, errors.GkreviewError)
    }
    assert tree <= set(gkreview.__all__)
    assert tree == set(errors.__all__)
    for name in tree:
        assert getattr(gkreview, name) is getattr(errors, name)


def test_version_is_the_package_version():
    from importlib import metadata

    assert gkreview.__version__ == metadata.version("gkreview")


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
