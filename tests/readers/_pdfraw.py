"""A hand-written PDF builder for reader tests that need what reportlab cannot make: symbol fonts
with the ToUnicode maps Word writes (Wingdings bullets → U+F06C), private-use glyphs (造字),
embedded files. SYNTHETIC content, faithful structure."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SimpleFont:
    """A non-embedded simple TrueType font whose ToUnicode map sends each byte code to a string."""

    base: str
    to_unicode: dict[int, str]
    symbolic: bool = True


@dataclass
class RawPdf:
    pages: list[list[tuple[str, float, float, str]]] = field(default_factory=list)  # (font, x, y, text)
    fonts: dict[str, SimpleFont] = field(default_factory=dict)  # besides "Song" (STSong-Light)
    files: dict[str, bytes] = field(default_factory=dict)  # embedded files (attachments)

    def build(self) -> bytes:
        objs: list[bytes] = []

        def add(body: bytes) -> int:
            objs.append(body)
            return len(objs)

        def stream(data: bytes, extra: str = "") -> bytes:
            return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"

        cid = add(
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor "
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>"
        )
        font_refs = {
            "Song": add(
                f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
                f"/DescendantFonts [{cid} 0 R] >>".encode()
            )
        }
        for name, f in self.fonts.items():
            cmap = "\n".join(
                f"<{code:02X}> <{''.join(f'{u:04X}' for u in _utf16(text))}>"
                for code, text in sorted(f.to_unicode.items())
            )
            tu = add(
                stream(
                    (
                        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
                        "1 begincodespacerange <00> <FF> endcodespacerange "
                        f"{len(f.to_unicode)} beginbfchar\n{cmap}\nendbfchar endcmap "
                        "CMapName currentdict /CMap defineresource pop end end"
                    ).encode()
                )
            )
            first, last = min(f.to_unicode), max(f.to_unicode)
            desc = add(
                f"<< /Type /FontDescriptor /FontName /{f.base} /Flags {4 if f.symbolic else 32} "
                "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 "
                "/StemV 80 >>".encode()
            )
            font_refs[name] = add(
                f"<< /Type /Font /Subtype /TrueType /BaseFont /{f.base} /FirstChar {first} "
                f"/LastChar {last} /Widths [{' '.join(['800'] * (last - first + 1))}] "
                f"/FontDescriptor {desc} 0 R /ToUnicode {tu} 0 R >>".encode()
            )
        res = " ".join(f"/{n} {r} 0 R" for n, r in font_refs.items())
        pages_id = len(objs) + 1 + 2 * len(self.pages) + 2 * len(self.files)
        kids = []
        for page in self.pages:
            ops = []
            for font, x, y, text in page:
                if font == "Song":
                    hexs = "".join(f"{u:04X}" for u in _utf16(text))
                else:
                    hexs = "".join(f"{ord(ch):02X}" for ch in text)
                ops.append(f"BT /{font} 12 Tf {x} {y} Td <{hexs}> Tj ET")
            content = add(stream("\n".join(ops).encode()))
            kids.append(
                add(
                    f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << {res} >> >> /Contents {content} 0 R >>".encode()
                )
            )
        names = []
        for fname, data in self.files.items():
            ef = add(stream(data, "/Type /EmbeddedFile "))
            spec = add(
                f"<< /Type /Filespec /F ({_ascii(fname)}) /UF <FEFF{''.join(f'{u:04X}' for u in _utf16(fname))}> "
                f"/EF << /F {ef} 0 R >> >>".encode()
            )
            names.append(f"<FEFF{''.join(f'{u:04X}' for u in _utf16(fname))}> {spec} 0 R")
        assert len(objs) + 1 == pages_id
        add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode())
        extra = f" /Names << /EmbeddedFiles << /Names [{' '.join(names)}] >> >>" if names else ""
        root = add(f"<< /Type /Catalog /Pages {pages_id} 0 R{extra} >>".encode())
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objs, 1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(objs) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def _utf16(text: str) -> list[int]:
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def _ascii(name: str) -> str:
    return "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "._-" else "_" for ch in name)
