"""SYNTHETIC value generators (valid checksums, real division codes). Never real people."""

from __future__ import annotations

import datetime as _dt
import random

from stdnum import luhn

from gkreview.detectors.checksums import resident_id_check_digit, resident_id_ok
from gkreview.detectors.data import area_codes, mobile_prefixes, regions, surnames

__all__ = ["SyntheticValues"]

_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯健俊帆鹏飞鑫波晨阳"
_ROADS = ("人民路", "解放路", "建设路", "和平街", "中山路", "文化路", "幸福路", "胜利街", "新华路", "朝阳路")
_ESTATES = ("幸福小区", "阳光花园", "翠苑", "锦绣家园", "东方新村", "金色公寓")
_PERSONAL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "gmail.com", "foxmail.com")
_PLATE_PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


class SyntheticValues:
    """Deterministic generators (``seed``). All output is synthetic."""

    def __init__(self, seed: int = 20261125) -> None:
        self.rng = random.Random(seed)
        regs = regions()
        self._counties = sorted(
            c for c, (_n, lvl) in regs.items() if lvl == 2 and not c.startswith(("71", "81", "82"))
        )
        self._regs = regs
        self._prefixes = sorted(p for p in mobile_prefixes() if p[:2] in ("13", "15", "17", "18", "19"))
        self._areas = sorted(area_codes())
        single, _compound = surnames()
        self._surnames = sorted(single)

    def resident_id(self) -> str:
        r = self.rng
        while True:
            code = r.choice(self._counties)
            born = _dt.date(1950, 1, 1) + _dt.timedelta(days=r.randrange(0, 365 * 55))
            body = f"{code}{born:%Y%m%d}{r.randrange(0, 1000):03d}"
            number = body + resident_id_check_digit(body)
            if resident_id_ok(number):
                return number

    def resident_id_15(self) -> str:
        r = self.rng
        code = r.choice(self._counties)
        born = _dt.date(1940, 1, 1) + _dt.timedelta(days=r.randrange(0, 365 * 40))
        return f"{code}{born:%y%m%d}{r.randrange(1, 1000):03d}"

    def mobile(self) -> str:
        return self.rng.choice(self._prefixes) + f"{self.rng.randrange(0, 10**8):08d}"

    def landline(self) -> str:
        return (
            self.rng.choice(self._areas)
            + str(self.rng.randrange(2, 9))
            + f"{self.rng.randrange(0, 10**7):07d}"
        )

    def bank_card(self) -> str:
        n = self.rng.choice((16, 19))
        body = "62" + "".join(str(self.rng.randrange(10)) for _ in range(n - 3))
        return body + luhn.calc_check_digit(body)

    def passport(self) -> str:
        return "E" + f"{self.rng.randrange(10**7, 10**8):08d}"

    def hk_macao_permit(self) -> str:
        return "C" + self.rng.choice(_PLATE_LETTERS) + f"{self.rng.randrange(0, 10**7):07d}"

    def tw_permit(self) -> str:
        return f"{self.rng.randrange(10**7, 10**8):08d}"

    def plate(self) -> str:
        return (
            self.rng.choice(_PLATE_PROV)
            + self.rng.choice(_PLATE_LETTERS)
            + f"{self.rng.randrange(10**4, 10**5):05d}"
        )

    def email(self) -> str:
        local = "".join(
            self.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(self.rng.randrange(5, 10))
        )
        return f"{local}{self.rng.randrange(10, 99)}@{self.rng.choice(_PERSONAL_DOMAINS)}"

    def name(self) -> str:
        return self.rng.choice(self._surnames) + "".join(
            self.rng.choice(_GIVEN) for _ in range(self.rng.choice((1, 2)))
        )

    def address(self, bare: bool = False) -> str:
        r = self.rng
        code = r.choice(self._counties)
        prov = self._regs.get(code[:2] + "0000", ("", 0))[0]
        city = self._regs.get(code[:4] + "00", ("", 0))[0]
        county = self._regs[code][0]
        town = r.choice(("城关镇", "新华街道", "东风街道", "河东镇", "城南街道"))
        head = prov + (city if city != prov else "") + county + town
        if bare:
            return f"{head}{r.choice(_ESTATES)}{r.randrange(1, 40)}栋{r.randrange(1, 6)}单元{r.randrange(101, 2801)}室"
        return (
            f"{head}{r.choice(_ROADS)}{r.randrange(1, 300)}号{r.randrange(1, 20)}栋{r.randrange(101, 2801)}室"
        )

    # -- spelling variants of a number -----------------------------------------------------
    def spell(self, value: str, variant: str) -> str:
        if variant == "plain":
            return value
        if variant == "fullwidth":
            return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in value)
        groups = _groups(value)
        if variant == "spaced":
            return " ".join(groups)
        if variant == "hyphen":
            return "-".join(groups)
        if variant == "linebreak":
            cut = len(value) // 2
            return value[:cut] + "\n" + value[cut:]
        if variant == "pdf_wrap":  # a PDF line wrap inside the number, next line indented with 全角 spaces
            cut = self.rng.randrange(3, len(value) - 2)
            return value[:cut] + "\n\u3000\u3000" + value[cut:]
        raise ValueError(variant)


def _groups(value: str) -> list[str]:
    n = len(value)
    sizes = {18: (6, 8, 4), 11: (3, 4, 4), 16: (4, 4, 4, 4), 19: (4, 4, 4, 4, 3), 15: (6, 6, 3)}.get(n, (n,))
    out, i = [], 0
    for s in sizes:
        out.append(value[i : i + s])
        i += s
    return out
