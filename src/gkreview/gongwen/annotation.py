"""The 附注 and what it declares: the disclosure attribute ((此件公开发布), a 公开方式 row) and the
circulation scope ((此件发至县级))."""

from __future__ import annotations

import re

from gkreview.gongwen.lines import DATE_LINE_RE, Line, compact
from gkreview.gongwen.rules import BOX_ON
from gkreview.gongwen.state import ParserState

__all__ = ["AnnotationMixin", "note_of"]

_WIDE_GAP_RE = re.compile(r"\s{2,}|\u3000+")
_PAREN_RE = re.compile(r"[（(]\s*(?P<body>[^（）()]{1,60}?)\s*[）)]")


def note_of(ln: Line) -> str | None:
    """The 附注 text if ``ln`` is a whole-line parenthetical note."""
    c = ln.folded.strip()
    if len(c) <= 64 and c[:1] in "（(" and c[-1:] in "）)":
        return ln.raw
    return None


class AnnotationMixin(ParserState):
    def _row_option(self, compact: str) -> str | None:
        """The option a 公开方式/信息公开选项 row selects: "公开方式：主动公开", "公开方式：☑主动公开□依申请公开".

        A sentence that names the options ("公开方式：主动公开和依申请公开两种") selects nothing.
        """
        rm = self.r.declared_row_re.match(compact)
        if not rm:
            return None
        rest = rm.group("rest").rstrip("。.；;")
        opts = list(self.r.declared_option_re.finditer(rest))
        if not opts:
            return None
        if any(o.group("box") for o in opts):
            on = [o.group("option") for o in opts if o.group("box") and o.group("box") in BOX_ON]
            return on[0] if len(on) == 1 else None
        if len(opts) == 1 and opts[0].start() == 0 and opts[0].end() == len(rest):
            return opts[0].group("option")
        return None

    def _label(self, cell: str) -> str | None:
        """The 公开方式 label a table cell holds by itself ("公开方式", "公开方式：")."""
        c = compact(cell).rstrip(":：")
        m = self.r.declared_row_re.match(c + "：x")
        return c if m and m.group("label") == c else None

    def _cell_option(self, ln: Line) -> tuple[str, int] | None:
        """(option, end offset) of a 公开方式 label and its value written in a table: adjacent cells
        of one row ("公开方式\t不公开", cells read as tab- or wide-space-separated), or the label
        cell on its own line with the value on the next line."""
        f = ln.folded
        if "\t" in f:
            cells = f.split("\t")
        else:
            cells = _WIDE_GAP_RE.split(f)
            if len(cells) == 1:
                cells = f.split(" ", 1)
        for i, cell in enumerate(cells[:-1]):
            label = self._label(cell)
            if label and cells[i + 1].strip():
                option = self._row_option(f"{label}：{compact(cells[i + 1])}")
                if option:
                    return option, ln.end
        if len(cells) == 1 and self._label(f):
            nxt = self.lines[ln.index + 1] if ln.index + 1 < len(self.lines) else None
            if nxt is not None and len(nxt.compact) <= 40:
                option = self._row_option(f"{self._label(f)}：{nxt.compact}")
                if option:
                    return option, nxt.end
        return None

    def annotation(self, date_idx: int | None) -> None:
        notes: list[Line] = []
        if date_idx is not None:
            ln = self.lines[date_idx]
            m = DATE_LINE_RE.match(ln.folded)
            if m and m.group("note"):
                self.f["annotation_parts"] = [(ln.start + m.start("note"), ln.start + m.end("note"))]
            for nxt in self.lines[date_idx + 1 : date_idx + 4]:
                if note_of(nxt) is None:
                    break
                notes.append(nxt)
        parts = list(self.f.get("annotation_parts", [])) + [(n.start, n.end) for n in notes]
        if parts:
            self.f["annotation"] = " ".join(self.text[a:b] for a, b in parts)
            self.span("annotation", parts[0][0], parts[-1][1])

    def declared(self, date_idx: int | None) -> None:
        """The attribute declared in a 附注 or 公开方式 row; plus 此件发至… circulation scope."""
        found: list[tuple[int, int, int, str, str, str | None]] = []  # line, start, end, attr, raw, note
        for ln in self.lines:
            if "此件" not in ln.raw and "公开" not in ln.raw:
                continue
            f = ln.folded
            if len(f) <= 80:
                option = self._row_option(ln.compact)
                end = ln.end
                if not option:  # the label and its value in adjacent cells of a table
                    cell = self._cell_option(ln)
                    option, end = cell if cell else (None, end)
                if option:
                    attr = self.r.declared_options[option]
                    note = option if option in ("删减后公开", "部分公开") else None
                    found.append((ln.index, ln.start, end, attr, self.text[ln.start : end], note))
                    continue
            for pm in _PAREN_RE.finditer(f):
                body = compact(pm.group("body"))
                if not body.startswith("此件"):
                    continue
                remainder = (f[: pm.start()] + f[pm.end() :]).strip()
                if remainder and not DATE_LINE_RE.match(remainder) and not _PAREN_RE.fullmatch(remainder):
                    continue  # quoted inside running text
                s, e = ln.start + pm.start(), ln.start + pm.end()
                if body.startswith(self.r.circulation_prefixes) and body not in self.r.declared_phrases:
                    if "circulation_scope" not in self.f:
                        self.f["circulation_scope"] = self.text[s:e]
                        self.span("circulation_scope", s, e)
                    continue
                attr_s = self.r.declared_phrases.get(body)
                if attr_s:
                    found.append((ln.index, s, e, attr_s, self.text[s:e], self.r.declared_notes.get(body)))
            # a bare whole-line phrase: 此件公开发布
            c = ln.compact
            if c in self.r.declared_phrases and not any(x[0] == ln.index for x in found):
                found.append((ln.index, ln.start, ln.end, self.r.declared_phrases[c], ln.raw, None))
        if not found:
            return
        pick = found[-1]
        if date_idx is not None:
            near = [x for x in found if date_idx <= x[0] <= date_idx + 4]
            if near:
                pick = near[0]
        _, s, e, attr, raw, note = pick
        self.f["declared_attribute"] = attr
        self.f["declared_text"] = raw
        self.f["declared_note"] = note
        self.span("declared", s, e)
