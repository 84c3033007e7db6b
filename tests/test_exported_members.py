import gkreview


def test_all_is_sorted_and_importable():
    assert gkreview.__all__ == sorted(gkreview.__all__)
    for name in gkreview.__all__:
        assert hasattr(gkreview, name), name


def test_public_api_is_pinned():
    assert set(gkreview.__all__) >= {
        "Document",
        "Finding",
        "GkreviewError",
        "Report",
        "Reviewer",
        "Suggestion",
        "extract",
        "review",
    }


def test_import_has_no_handler_side_effects():
    import logging

    handlers = logging.getLogger("gkreview").handlers
    assert all(isinstance(h, logging.NullHandler) for h in handlers)
