"""Draw the sample county's 图解 and record its interview stand-in: `python scripts/sample_media.py`.

The sample 松岭县 (content/, copied to tests/fixtures/sample/) publishes a 图解 of
《松岭县政府投资项目管理办法》 and a 领导政务访谈 on the 临时救助 rules. Their
pictures are drawn here with Pillow and the Noto Sans CJK font (Debian's
fonts-noto-cjk), as a county's designer would export them: 1080 px wide PNGs,
flat colours, large type. The interview's audio is a three-second chime (8 kHz,
8-bit WAV, 24 KB), standing in for a recording a sample cannot have; its
transcript is the document's body. The 政务新媒体 register's QR codes are made
with segno (`pip install -e '.[sample]'`), each encoding its fictional account's
address. The files are committed; run this only to change them, then copy them
to tests/fixtures/sample/ as well.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).parent.parent
FONTS = Path("/usr/share/fonts/opentype/noto")
SC = 2  # the Simplified Chinese face in the Noto CJK collections
WIDTH, MARGIN = 1080, 60
BLUE, LIGHT, RED, INK, MUTED, WHITE = "#1d4e89", "#e8eef6", "#b3261e", "#1b2430", "#55606e", "#ffffff"


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"NotoSansCJK-{'Bold' if bold else 'Regular'}.ttc"), size, index=SC)


class Poster:
    """A tall canvas drawn top to bottom, cropped to what was drawn."""

    def __init__(self, title: str, subtitle: str):
        self.image = Image.new("RGB", (WIDTH, 4000), WHITE)
        self.draw = ImageDraw.Draw(self.image)
        lines = self.wrap(title, font(54, True), WIDTH - 2 * MARGIN)
        band = 48 + len(lines) * 68 + 70
        self.draw.rectangle((0, 0, WIDTH, band), fill=BLUE)
        below = self.text_block(title, font(54, True), WHITE, 40, spacing=14)
        self.draw.text((MARGIN, below + 8), subtitle, font=font(30), fill="#d9e4f2")
        self.y = band + 50

    def wrap(self, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
        lines, line = [], ""
        for char in text:
            if self.draw.textlength(line + char, font=face) > width:
                lines.append(line)
                line = char
            else:
                line += char
        return lines + [line] if line else lines

    def text_block(self, text, face, fill, y, x=MARGIN, width=WIDTH - 2 * MARGIN, spacing=10, center=False) -> int:
        for line in self.wrap(text, face, width):
            left = x + (width - self.draw.textlength(line, font=face)) / 2 if center else x
            self.draw.text((left, y), line, font=face, fill=fill)
            y += face.size + spacing
        return y

    def heading(self, number: str, text: str) -> None:
        self.draw.rounded_rectangle((MARGIN, self.y, MARGIN + 76, self.y + 76), 14, fill=RED)
        self.draw.text((MARGIN + 38, self.y + 38), number, font=font(44, True), fill=WHITE, anchor="mm")
        self.draw.text((MARGIN + 100, self.y + 38), text, font=font(44, True), fill=INK, anchor="lm")
        self.y += 110

    def boxes(self, labels: list[str], columns: int = 2, height: int = 120) -> None:
        gap = 24
        width = (WIDTH - 2 * MARGIN - gap * (columns - 1)) // columns
        for index, label in enumerate(labels):
            row, column = divmod(index, columns)
            x = MARGIN + column * (width + gap)
            y = self.y + row * (height + gap)
            self.draw.rounded_rectangle((x, y, x + width, y + height), 18, fill=LIGHT, outline=BLUE, width=3)
            lines = self.wrap(label, font(34, True), width - 40)
            top = y + (height - len(lines) * 46) / 2
            for line in lines:
                self.draw.text((x + width / 2, top + 20), line, font=font(34, True), fill=BLUE, anchor="mm")
                top += 46
        rows = math.ceil(len(labels) / columns)
        self.y += rows * (height + gap) + 6

    def arrow(self) -> None:
        middle = WIDTH // 2
        self.draw.rectangle((middle - 8, self.y, middle + 8, self.y + 34), fill=RED)
        self.draw.polygon([(middle - 30, self.y + 30), (middle + 30, self.y + 30), (middle, self.y + 66)], fill=RED)
        self.y += 80

    def note(self, text: str, fill: str = "#fdf1ef", ink: str = RED) -> None:
        face = font(34)
        lines = self.wrap(text, face, WIDTH - 2 * MARGIN - 60)
        height = len(lines) * 48 + 44
        self.draw.rounded_rectangle((MARGIN, self.y, WIDTH - MARGIN, self.y + height), 18, fill=fill)
        self.text_block(text, face, ink, self.y + 22, x=MARGIN + 30, width=WIDTH - 2 * MARGIN - 60, spacing=14)
        self.y += height + 36

    def paragraph(self, text: str) -> None:
        self.y = self.text_block(text, font(34), INK, self.y, spacing=14) + 24

    def save(self, path: Path, footer: str) -> None:
        self.y += 10
        self.draw.line((MARGIN, self.y, WIDTH - MARGIN, self.y), fill="#d5dbe3", width=2)
        self.draw.text((WIDTH // 2, self.y + 44), footer, font=font(28), fill=MUTED, anchor="mm")
        self.image.crop((0, 0, WIDTH, self.y + 90)).save(path, optimize=True)


INVESTMENT = ROOT / "content" / "松岭县人民政府" / "2025"
SOURCE = "松岭县人民政府 · 松政发〔2025〕8号"


def investment_graphics() -> None:
    poster = Poster("一图读懂《松岭县政府投资项目管理办法》", "松政发〔2025〕8号　2025年5月1日起施行")
    poster.heading("1", "哪些项目适用")
    poster.paragraph("使用县级预算安排的资金进行固定资产投资建设的项目，资金来源包括：")
    poster.boxes(["一般公共预算", "政府性基金预算", "国有资本经营预算", "政府债券资金"])
    poster.arrow()
    poster.note("以上资金用于固定资产投资建设的项目，都按《办法》管理", fill=LIGHT, ink=BLUE)
    poster.save(INVESTMENT / "政府投资项目管理办法图解1.png", SOURCE)

    poster = Poster("政府投资项目怎样审批", "审批制：逐项报批，未经审批不得开工")
    poster.heading("2", "三个报批环节")
    for step, last in (("项目建议书", False), ("可行性研究报告", False), ("初步设计", True)):
        poster.boxes([step], columns=1, height=110)
        if not last:
            poster.arrow()
    poster.paragraph("以上三个环节均由县发展和改革局审批。")
    poster.note("总投资3000万元以上的项目，还要提交县政府常务会议审议")
    poster.note("项目未经审批，不得安排资金、不得开工建设")
    poster.save(INVESTMENT / "政府投资项目管理办法图解2.png", SOURCE)

    poster = Poster("资金怎样拨付，谁来监督", "按进度拨付，全过程监督")
    poster.heading("3", "资金和监督")
    poster.boxes(["县财政局：按项目实际进度拨付资金，不得提前或超额拨付", "县审计局：依法对项目进行审计监督"], 1, 150)
    poster.note("项目单位擅自变更建设内容、扩大建设规模的，依法追究责任")
    poster.heading("4", "施行时间")
    poster.paragraph("自2025年5月1日起施行，有效期5年，至2030年4月30日。")
    poster.paragraph("政策咨询：县发展和改革局投资股　0469-5822104")
    poster.save(INVESTMENT / "政府投资项目管理办法图解3.png", SOURCE)


def chime(path: Path, seconds: float = 3.0, rate: int = 8000) -> None:
    """Two soft decaying tones, 8-bit mono: a few kilobytes that every browser plays."""
    frames = bytearray()
    for n in range(int(seconds * rate)):
        t = n / rate
        tone = 660 if t < 1.2 else 880
        start = 0 if t < 1.2 else 1.2
        level = math.exp(-3 * (t - start)) * math.sin(2 * math.pi * tone * t)
        frames += struct.pack("B", int(128 + 60 * level))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


# The sample's accounts (content/政务新媒体/): file name -> the address its QR code opens (fictional).
ACCOUNTS = {
    "松岭发布-微信.png": "https://weixin.qq.com/r/songlingfabu",
    "松岭发布-抖音.png": "https://v.douyin.com/songlingfabu/",
    "松岭应急-微信.png": "https://weixin.qq.com/r/songlingyingji",
    "松岭教育-微信.png": "https://weixin.qq.com/r/songlingjiaoyu",
}


def qr_codes() -> None:
    import segno  # only here: the generator itself does not need it

    folder = ROOT / "content" / "政务新媒体" / "二维码"
    folder.mkdir(parents=True, exist_ok=True)
    for name, address in ACCOUNTS.items():
        segno.make(address, error="m").save(str(folder / name), scale=6, border=2)


if __name__ == "__main__":
    investment_graphics()
    qr_codes()
    chime(ROOT / "content" / "松岭县人民政府" / "2026" / "临时救助政策访谈录音.wav")
