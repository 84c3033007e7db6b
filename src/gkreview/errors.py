"""The gkreview exception tree. Every expected failure is one of these.

    GkreviewError
    ├── ExtractionError (also ValueError)       a document could not be read; carries a ``status``
    │   ├── UnsupportedFormatError               status "unsupported"
    │   ├── EncryptedDocumentError               status "encrypted"
    │   ├── CorruptDocumentError                 status "unreadable"
    │   ├── UnreadableTextError                  status "unreadable" (garbled / binary junk)
    │   ├── DocumentTooLargeError                status "too_large" (file size, zip bomb, expansion)
    │   ├── HostileDocumentError                 status "unreadable" (entities, external refs, traversal)
    │   └── ExtractionTimeoutError               status "timeout"
    ├── ConfigurationError (also ValueError)     a bad detector config, lexicon, profile or rule file
    │   └── ScanUsageError                       a scan asked for something impossible (code "usage")
    ├── ModelError                               a model artifact is missing, untrusted or incompatible
    │   └── IncompatibleModelError
    └── OutputError                              a report could not be written

Third-party exceptions are translated into these at one boundary (``gkreview.readers``) with
``raise ... from exc``; the pipeline turns an ``ExtractionError`` into a report status + error record.
The whole tree is exported by ``gkreview`` (``from gkreview import EncryptedDocumentError``).
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "CorruptDocumentError",
    "DocumentTooLargeError",
    "EncryptedDocumentError",
    "ExtractionError",
    "ExtractionTimeoutError",
    "GkreviewError",
    "HostileDocumentError",
    "IncompatibleModelError",
    "ModelError",
    "OutputError",
    "ScanUsageError",
    "UnreadableTextError",
    "UnsupportedFormatError",
]


class GkreviewError(Exception):
    """Root of every error gkreview raises on purpose."""

    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class ExtractionError(GkreviewError, ValueError):
    """A document could not be (fully) read. ``status`` is the report status it maps to."""

    status: str = "unreadable"
    code = "extraction_failed"


class UnsupportedFormatError(ExtractionError):
    status = "unsupported"
    code = "unsupported_format"


class EncryptedDocumentError(ExtractionError):
    status = "encrypted"
    code = "encrypted"


class CorruptDocumentError(ExtractionError):
    status = "unreadable"
    code = "corrupt"


class UnreadableTextError(ExtractionError):
    status = "unreadable"
    code = "unreadable_text"


class DocumentTooLargeError(ExtractionError):
    status = "too_large"
    code = "too_large"


class HostileDocumentError(ExtractionError):
    status = "unreadable"
    code = "hostile_input"


class ExtractionTimeoutError(ExtractionError):
    status = "timeout"
    code = "timeout"


class ConfigurationError(GkreviewError, ValueError):
    code = "configuration"


class ScanUsageError(ConfigurationError):
    """The scan was asked for something impossible (missing path, --resume without a JSONL file…)."""

    code = "usage"


class ModelError(GkreviewError):
    code = "model"


class IncompatibleModelError(ModelError):
    code = "model_incompatible"


class OutputError(GkreviewError):
    code = "output"
