"""``parse(text)``: the parts (header, title, body, annotation, colophon, derive) run in order over one text."""

from __future__ import annotations

import logging

from gkreview.errors import ConfigurationError
from gkreview.gongwen.annotation import AnnotationMixin
from gkreview.gongwen.body import BodyMixin
from gkreview.gongwen.colophon import ColophonMixin
from gkreview.gongwen.derive import DeriveMixin
from gkreview.gongwen.model import Gongwen
from gkreview.gongwen.title import TitleMixin

__all__ = ["Parser", "parse"]

log = logging.getLogger("gkreview.gongwen")


def parse(text: str) -> Gongwen:
    """Find the GB/T 9704 elements in ``text`` (offsets into it). Never raises."""
    if not isinstance(text, str) or not text:
        return Gongwen()
    try:
        return Parser(text).run()
    except ConfigurationError:
        raise  # a broken data file is a packaging defect, not a property of the document
    except Exception:  # pragma: no cover - a parser bug must not stop a review
        log.warning("gongwen.parse failed on a %d-character text", len(text), exc_info=True)
        return Gongwen()


class Parser(TitleMixin, BodyMixin, AnnotationMixin, ColophonMixin, DeriveMixin):
    """One parse of one text; ``run()`` once."""

    def run(self) -> Gongwen:
        if not self.lines:
            return Gongwen()
        header = self.header()
        self.marks(header)
        self.registration(header)
        self.draft_marks(header)
        self.signer(header)
        num_idx = self.doc_number(header)
        title_idx = self.title(header, num_idx)
        anchor = max((i for i in (num_idx, title_idx) if i is not None), default=None)
        anchor_line = header[anchor].index if anchor is not None and anchor < len(header) else None
        self.addressees(anchor_line)
        body_from = max(self.used, default=-1) + 1
        date_idx = self.date(body_from)
        if date_idx is not None:
            self.signature(date_idx)
            if self.f.get("order_mark"):
                self.order_title(date_idx)
        self.annotation(date_idx)
        self.declared(date_idx)
        self.attachments(body_from, date_idx)
        self.back_matter(date_idx if date_idx is not None else body_from)
        self.classify()
        return self.build()

    def build(self) -> Gongwen:
        f = self.f
        return Gongwen(
            title=f.get("title"),
            doc_number=f.get("doc_number"),
            doc_type=f.get("doc_type"),
            subtype=f.get("subtype"),
            issuer=f.get("issuer"),
            date=f.get("date"),
            secrecy=f.get("secrecy"),
            declared_attribute=f.get("declared_attribute"),
            declared_text=f.get("declared_text"),
            addressees=f.get("addressees", ()),
            cc=f.get("cc", ()),
            copy_number=f.get("copy_number"),
            urgency=f.get("urgency"),
            signer=f.get("signer") or f.get("order_signer"),
            attachments=f.get("attachments", ()),
            annotation=f.get("annotation"),
            print_issuer=f.get("print_issuer"),
            print_date=f.get("print_date"),
            direction=f.get("direction"),
            issuer_type=f.get("issuer_type"),
            doc_number_problems=f.get("doc_number_problems", ()),
            circulation_scope=f.get("circulation_scope"),
            spans=dict(self.spans),
            issuers=f.get("issuers", ()),
            issuer_mark=f.get("issuer_mark"),
            relay=f.get("relay"),
            draft_marker=f.get("draft_marker"),
            declared_note=f.get("declared_note"),
            registration_number=f.get("registration_number"),
        )
