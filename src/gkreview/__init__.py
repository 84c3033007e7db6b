"""gkreview: pre-review of Chinese government drafts (公文) before publication.

Suggests the disclosure attribute (主动公开 / 依申请公开 / 不予公开) with its legal basis and flags
negative-list content (secrecy marks, personal information, trade secrets, internal and process
information) for the human reviewer, who decides.

    >>> import gkreview
    >>> report = gkreview.review("draft.docx")
    >>> report.suggestion.attribute
"""

from __future__ import annotations

import logging

from gkreview._version import __version__
from gkreview.batch import (
    ScanOptions,
    ScanResult,
    Skipped,
    Walk,
    collect_files,
    file_sha256,
    limit_memory,
    scan,
    start_worker,
    walk_tree,
)
from gkreview.document import Document, ErrorInfo, Page, PageQuality, Status
from gkreview.errors import (
    ConfigurationError,
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    ExtractionError,
    ExtractionTimeoutError,
    GkreviewError,
    HostileDocumentError,
    IncompatibleModelError,
    ModelError,
    OutputError,
    ScanUsageError,
    UnreadableTextError,
    UnsupportedFormatError,
)
from gkreview.finding import Finding, Severity
from gkreview.gongwen import Gongwen, Secrecy
from gkreview.law import LegalBasis
from gkreview.masking import mask_text
from gkreview.outputs.common import ScanSummary
from gkreview.readers.limits import Limits
from gkreview.redact import RedactionResult, redact
from gkreview.report import Report
from gkreview.review import Reviewer, extract, review
from gkreview.suggestion import Attribute, Reason, Suggestion
from gkreview.summary import summary_zh

logging.getLogger("gkreview").addHandler(logging.NullHandler())

__all__ = [
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
