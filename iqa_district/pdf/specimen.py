"""A specimen official document: the Thai text corpus the text-layer tests check, and a
long report for the benchmark. Rendered from ``pdf/_specimen.html``; no database.

The corpus covers what breaks Thai text extraction: stacked vowel and tone marks,
สระอำ (drawn as two glyphs), consonants whose shape the font's ``ccmp`` changes
(ฐ ญ before lower vowels), ฎ ฏ ฤ, Thai numerals, and Thai mixed with Latin and digits.
"""

import datetime

CORPUS = (
    "ผู้ใหญ่ ปู่ย่า ที่ ทั้งนี้ ซึ่ง น้ำท่วม",
    "กำหนด ประจำปี คำสั่ง ทำงาน ซ้ำซ้อน ค่ำคืน น้ำใจ",
    "ฐานะ ญาติ กฎหมาย ปฏิบัติ ฤดูกาล กตัญญู ปัญญา ฤทธิ์ ปฏิรูป",
    "ศักดิ์สิทธิ์ ปั้น ก็ เกียรติ ปี่ ป่า ฝั่ง ฟื้นฟู ถึง ชื่อ สิ่งนั้น นั่น",
    "ตัวเลขไทย ๐๑๒๓๔๕๖๗๘๙ ปีการศึกษา ๒๕๖๗ ที่ ๕๑๑/๒๕๖๕",
    "โรงเรียนบ้านหนองไผ่ (School code 1050130001) ได้คะแนน O-NET 45.75% ปี 2567",
    "ระดับคุณภาพ ยอดเยี่ยม ดีเลิศ ดี ปานกลาง กำลังพัฒนา",
)

TABLE_ROWS = (
    ("๑.๑", "ผลสัมฤทธิ์ทางวิชาการของผู้เรียน", "ดีเลิศ", "๘๗.๕๐"),
    ("๑.๒", "คุณลักษณะที่พึงประสงค์ของผู้เรียน", "ยอดเยี่ยม", "๙๒.๒๕"),
    ("๒", "กระบวนการบริหารและการจัดการ (Management)", "ดี", "78.40"),
    ("๓", "กระบวนการจัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ", "ปานกลาง", "๖๕.๐๐"),
)

PARAGRAPH = (
    "สถานศึกษากำหนดมาตรฐานการศึกษาและค่าเป้าหมายประจำปีการศึกษา ๒๕๖๗ "
    "โดยความเห็นชอบของคณะกรรมการสถานศึกษาขั้นพื้นฐาน ทั้งนี้ ผู้บริหาร ครู "
    "และผู้ปกครองร่วมกันวางแผนพัฒนาคุณภาพผู้เรียนอย่างต่อเนื่อง ซึ่งส่งผลให้"
    "ผู้เรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้น และมีคุณลักษณะที่พึงประสงค์ตามที่กำหนด "
    "ในช่วงน้ำท่วมปี 2567 โรงเรียนได้ปรับวิธีจัดการเรียนรู้ผ่านระบบออนไลน์ (Google Classroom)"
)


def specimen_context(
    *, sections: int = 1, cover: bool = True, signed_on: datetime.date | None = None
) -> dict[str, object]:
    """Context for ``pdf/_specimen.html``; ``sections`` repeats the body (a section is
    roughly two pages)."""
    standards = [
        {
            "code": f"{n}.{k}",
            "title": title,
            "level": level,
            "percent": percent,
        }
        for n in range(1, 4)
        for k, (_, title, level, percent) in enumerate(TABLE_ROWS, start=1)
    ]
    return {
        "cover": cover,
        "corpus": CORPUS,
        "table_rows": TABLE_ROWS,
        "sections": [
            {"number": n, "paragraphs": [PARAGRAPH] * 4, "standards": standards}
            for n in range(1, sections + 1)
        ],
        "office": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต ๑",
        "school": "โรงเรียนบ้านหนองไผ่",
        "year_be": 2567,
        "signed_on": signed_on or datetime.date(2024, 12, 16),
        "signer_name": "นางสาวสมใจ ใจดี",
        "signer_position": "ศึกษานิเทศก์ชำนาญการพิเศษ",
    }


def render_bare_weasyprint(html: str) -> bytes:
    """``html`` through WeasyPrint alone (none of the engine's patches installed in this
    process: no text-layer fix, no style patches), for the benchmark beside ours."""
    import weasyprint

    from .fetcher import make_url_fetcher

    pdf: bytes = weasyprint.HTML(
        string=html, base_url="static:/", url_fetcher=make_url_fetcher(())
    ).write_pdf()
    return pdf
