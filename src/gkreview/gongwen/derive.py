"""What follows from the elements found: 文种 and subtype, relay (转发/印发…), direction, issuers, issuer type."""

from __future__ import annotations

import re

from gkreview.gongwen.lines import CJK, ISSUER_SPLIT_RE
from gkreview.gongwen.state import ParserState
from gkreview.gongwen.title import strip_brackets

__all__ = ["DeriveMixin"]

_TITLE_PREFIX_RE = re.compile(rf"^(?P<org>[{CJK}、·\s]{{2,60}}?)(?:关于|对)")


class DeriveMixin(ParserState):
    def classify(self) -> None:
        title = self.f.get("title")
        if self.f.get("order_mark"):
            self.f["doc_type"] = "命令"
        if title:
            core = strip_brackets(title)
            for marker in self.r.draft_markers if "draft_marker" not in self.f else ():
                if marker in title[-16:]:
                    self.f["draft_marker"] = marker
                    break
            rm = self.r.relay_re.search(core)
            if rm and "doc_type" not in self.f:
                self.f["relay"] = rm.group("verb")
                self.f["doc_type"] = self._type_of(rm.group("type"))
                inner = strip_brackets(rm.group("inner").strip('《》〈〉“”" '))
                self.f["subtype"] = next((s for s in self.r.subtypes if inner.endswith(s)), None)
            elif "doc_type" not in self.f:
                ending = next((e for e in self.r.endings if core.endswith(e)), None)
                self.f["doc_type"] = self._type_of(ending) if ending else None
                sub = next((s for s in self.r.subtypes if core.endswith(s)), None)
                if sub and sub != self.f["doc_type"]:
                    self.f["subtype"] = sub
            elif self.f.get("doc_type") == "命令":
                self.f["subtype"] = next((s for s in self.r.subtypes if core.endswith(s)), None)
        dt = self.f.get("doc_type")
        direction = self.r.doc_types.get(dt) if dt else None
        if self.f.get("signer"):
            direction = "upward"
        self.f["direction"] = direction
        self.issuer()

    def _type_of(self, word: str | None) -> str | None:
        if word is None:
            return None
        if word in self.r.doc_types:
            return word
        return self.r.aliases.get(word)

    def issuer(self) -> None:
        orgs: list[str] = list(self.f.get("sig_orgs") or [])
        mark_orgs: list[str] = list(self.f.get("mark_orgs") or [])
        if orgs and mark_orgs:
            joined = "".join(mark_orgs)
            if all(o in joined for o in orgs):
                orgs = mark_orgs  # a 署名 wrapped by PDF extraction ("运输局") is a fragment of the 标志
        if self.f.get("order_mark"):
            orgs = [self.f["order_mark"].removeprefix("中华人民共和国").removesuffix("令")]
        if not orgs:
            orgs = list(self.f.get("mark_orgs") or [])
        if not orgs and self.f.get("title"):
            m = _TITLE_PREFIX_RE.match(self.f["title"])
            if m:
                orgs = [o for o in ISSUER_SPLIT_RE.split(m.group("org")) if len(o) >= 2]
        orgs = [o for o in orgs if o and not re.fullmatch(r"\d+", o)]
        if not orgs:
            return
        # drop personal names of a signature (e.g. "总理 李克强") when an organ is also named
        organs = [o for o in orgs if self.r.org_suffix_re.search(o) or self.r.party_re.search(o)]
        orgs = organs or orgs
        self.f["issuers"] = tuple(dict.fromkeys(orgs))
        self.f["issuer"] = "、".join(self.f["issuers"])
        kinds = {self._kind(o) for o in self.f["issuers"]}
        kinds.discard(None)
        if {"party", "government"} <= kinds:
            self.f["issuer_type"] = "joint"
        elif len(kinds) == 1:
            self.f["issuer_type"] = kinds.pop()
        elif kinds:
            self.f["issuer_type"] = "joint"

    def _kind(self, org: str) -> str | None:
        if self.r.party_re.search(org):
            return "party"
        if self.r.other_re.search(org):
            return "other"
        if self.r.government_re.search(org):
            return "government"
        return None

    # -- run -----------------------------------------------------------------
