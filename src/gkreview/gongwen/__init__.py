"""GB/T 9704-2012 公文 elements found in extracted text.

``parse(text)`` reads the 版头 (份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人), the 主体
(标题, 主送机关, 附件说明, 发文机关署名, 成文日期, 附注) and the 版记 (抄送机关, 印发机关和印发日期) from
the text any reader produces (PDF text, DOCX paragraphs, plain text, markdown-ish law texts), plus what
follows from them: 文种 and subtype, direction, issuer type, the disclosure attribute the document
declares in its 附注 (（此件公开发布）…) or 公开方式 row, and problems with the 发文字号.

Every element's ``[start, end)`` offsets into ``text`` are in ``Gongwen.spans``. The parser works line by
line with short, anchored patterns (no unbounded backtracking), reads only the first lines for the
版头 marks, and never raises: a string it cannot make sense of gives an empty ``Gongwen``. Word
lists (文种, subtypes, 附注 phrases, organisation kinds) are data: ``data/gongwen/*.yaml``.

The modules, one part each:

- ``model``: ``Gongwen`` and ``Secrecy``, the result;
- ``rules``: the word lists loaded from ``data/gongwen/*.yaml``;
- ``lines``: the non-blank lines of a text, width folding, dates, shared patterns;
- ``state``: what one parse works on; the parts below are mixins over it;
- ``header`` (版头), ``title`` (标题), ``body`` (主送, 成文日期, 署名, 附件), ``annotation`` (附注, the
  declared attribute), ``colophon`` (版记: 抄送, 印发), ``derive`` (文种, direction, issuers);
- ``parser``: ``parse()`` and the ``Parser`` that runs the parts in order.
"""

from __future__ import annotations

from gkreview.gongwen.lines import normalise_date
from gkreview.gongwen.model import Gongwen, Secrecy
from gkreview.gongwen.parser import Parser as _Parser  # noqa: F401  (tests run the parser without the safety net)
from gkreview.gongwen.parser import parse

__all__ = ["Gongwen", "Secrecy", "normalise_date", "parse"]
