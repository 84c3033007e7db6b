"""The one XML parser of the readers: no DTDs, no entities, no network, bounded size."""

from __future__ import annotations

from typing import Any

from lxml import etree

from gkreview.errors import CorruptDocumentError, HostileDocumentError

__all__ = ["parse_xml"]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, part: str = "") -> etree._Element:
    """Parse one XML part. A DOCTYPE (entity declarations, external references) is refused:
    no OOXML or OFD part needs one, and it is how billion-laughs and XXE attacks arrive."""
    where = f" in {part}" if part else ""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data or b"D\x00O\x00C\x00T\x00Y\x00P\x00E" in data:
        raise HostileDocumentError(f"XML with a DOCTYPE/entity declarations refused{where}")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(f"malformed XML{where}: {exc}") from exc
    if root is None:
        raise CorruptDocumentError(f"empty XML{where}")
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise HostileDocumentError(f"XML with a DOCTYPE refused{where}")
    return root
