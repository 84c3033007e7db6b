"""Reading zip-based formats (DOCX, OFD) without being hurt: size, ratio and member-count limits."""

from __future__ import annotations

import io
import zipfile

from gkreview.errors import CorruptDocumentError, DocumentTooLargeError, EncryptedDocumentError
from gkreview.readers.limits import Limits

__all__ = ["SafeZip"]

_RATIO_MIN_BYTES = 1024 * 1024  # ratio is checked for members that inflate beyond 1 MiB
_CHUNK = 1024 * 1024


class SafeZip:
    """A zip archive in memory whose members are read with bounds (declared and actual sizes)."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self.limits = limits
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise CorruptDocumentError(f"not a readable zip archive: {exc}") from exc
        if len(infos) > limits.max_zip_members:
            raise DocumentTooLargeError(
                f"zip archive has {len(infos)} members (limit {limits.max_zip_members})", code="zip_bomb"
            )
        self._infos = {i.filename.lstrip("/"): i for i in infos}
        self._lower = {k.lower(): k for k in self._infos}

    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, name: str) -> str | None:
        """The stored name matching ``name`` (leading "/" and case ignored), or None."""
        key = name.lstrip("/")
        if key in self._infos:
            return key
        return self._lower.get(key.lower())

    def read(self, name: str) -> bytes:
        key = self.find(name)
        if key is None:
            raise CorruptDocumentError(f"zip member {name!r} is missing")
        info = self._infos[key]
        lim = self.limits
        if info.flag_bits & 0x1:
            raise EncryptedDocumentError(f"zip member {key!r} is encrypted")
        if info.file_size > lim.max_member_bytes:
            raise DocumentTooLargeError(
                f"zip member {key!r} inflates to {info.file_size} bytes (limit {lim.max_member_bytes})",
                code="zip_bomb",
            )
        if info.file_size > _RATIO_MIN_BYTES and info.file_size > lim.max_compression_ratio * max(
            info.compress_size, 1
        ):
            raise DocumentTooLargeError(
                f"zip member {key!r} has compression ratio {info.file_size / max(info.compress_size, 1):.0f}:1 "
                f"(limit {lim.max_compression_ratio:g}:1): a zip bomb?",
                code="zip_bomb",
            )
        cap = min(lim.max_member_bytes, lim.max_uncompressed_bytes - self._read_total)
        out = bytearray()
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > cap:
                        raise DocumentTooLargeError(
                            f"zip member {key!r} inflates beyond {cap} bytes (declared {info.file_size}): "
                            "a zip bomb?",
                            code="zip_bomb",
                        )
                    if len(out) > _RATIO_MIN_BYTES and len(out) > lim.max_compression_ratio * max(
                        info.compress_size, 1
                    ):
                        raise DocumentTooLargeError(
                            f"zip member {key!r} inflates beyond a {lim.max_compression_ratio:g}:1 ratio: a zip bomb?",
                            code="zip_bomb",
                        )
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise CorruptDocumentError(f"zip member {key!r} cannot be read: {exc}") from exc
        except RuntimeError as exc:  # zipfile raises RuntimeError for encrypted members
            raise EncryptedDocumentError(f"zip member {key!r}: {exc}") from exc
        self._read_total += len(out)
        return bytes(out)

    def close(self) -> None:
        self._zip.close()
