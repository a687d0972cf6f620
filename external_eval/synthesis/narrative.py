"""The Thai narrative of form ๗.๓, drafted from the figures for the supervisor to edit
before publishing. Numbers stay Arabic here; the PDF prints them in Thai digits."""

from django.utils.translation import gettext as _


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _kappa_reading(kappa: float | None) -> str:
    """Landis and Koch's bands, as Thai reports quote them."""
    if kappa is None:
        return _("คำนวณไม่ได้")
    if kappa < 0:
        return _("ไม่สอดคล้องกัน")
    for limit, text in (
        (0.20, _("สอดคล้องกันน้อย")),
        (0.40, _("สอดคล้องกันพอใช้")),
        (0.60, _("สอดคล้องกันปานกลาง")),
        (0.80, _("สอดคล้องกันค่อนข้างสูง")),
    ):
        if kappa <= limit:
            return text
    return _("สอดคล้องกันสูงมาก")


def draft(data: dict) -> str:
    if not data["standards"]:
        return _("ยังไม่มีผลการประเมินคุณภาพภายนอกของสถานศึกษาในสังกัดในรอบนี้")
    overall = data["overall"]
    sar = overall["sar"]
    paragraphs = [
        _(
            "จากผล%(round)s สถานศึกษาในสังกัด%(office)s ได้รับการประเมินและมีผลรายมาตรฐานแล้ว "
            "จำนวน %(schools)s แห่ง เมื่อเทียบระดับคุณภาพที่สถานศึกษาประเมินตนเองในรายงาน SAR "
            "กับผลของ สมศ. รวม %(n)s คู่ (สถานศึกษา × มาตรฐาน) พบว่าตรงกันร้อยละ %(exact)s "
            "และต่างกันไม่เกินหนึ่งระดับร้อยละ %(within)s ค่าสัมประสิทธิ์แคปปาแบบถ่วงน้ำหนักกำลังสอง "
            "เท่ากับ %(kappa)s (%(reading)s)"
        )
        % {
            "round": data["round"]["name"],
            "office": data["office"],
            "schools": data["schools"],
            "n": sar["n"],
            "exact": _pct(sar["exact_pct"]),
            "within": _pct(sar["within_one_pct"]),
            "kappa": "-" if sar["kappa"] is None else f"{sar['kappa']:.4f}",
            "reading": _kappa_reading(sar["kappa"]),
        }
    ]
    committee = overall["committee"]
    if committee["n"]:
        paragraphs.append(
            _(
                "ระดับคุณภาพที่คณะกรรมการระดับเขตพื้นที่ประเมินจากการตรวจเยี่ยม (%(n)s คู่) "
                "ตรงกับผลของ สมศ. ร้อยละ %(exact)s ต่างกันไม่เกินหนึ่งระดับร้อยละ %(within)s "
                "ค่าแคปปาเท่ากับ %(kappa)s (%(reading)s)"
            )
            % {
                "n": committee["n"],
                "exact": _pct(committee["exact_pct"]),
                "within": _pct(committee["within_one_pct"]),
                "kappa": "-" if committee["kappa"] is None else f"{committee['kappa']:.4f}",
                "reading": _kappa_reading(committee["kappa"]),
            }
        )
    rated = [s for s in data["standards"] if s["sar"]["n"]]
    if rated:
        lowest = min(rated, key=lambda s: (s["sar"]["exact_pct"], s["label"]))
        highest = max(rated, key=lambda s: (s["sar"]["exact_pct"], s["label"]))
        paragraphs.append(
            _(
                "มาตรฐานที่ผลการประเมินตนเองสอดคล้องกับผลของ สมศ. มากที่สุด คือ %(high)s "
                "(ตรงกันร้อยละ %(high_pct)s) และน้อยที่สุด คือ %(low)s (ตรงกันร้อยละ %(low_pct)s)"
            )
            % {
                "high": highest["label"],
                "high_pct": _pct(highest["sar"]["exact_pct"]),
                "low": lowest["label"],
                "low_pct": _pct(lowest["sar"]["exact_pct"]),
            }
        )
    if data["flagged"]:
        paragraphs.append(
            _(
                "มีสถานศึกษา %(schools)s แห่ง (%(n)s มาตรฐาน) ที่ประเมินตนเองหรือคณะกรรมการประเมินไว้สูงกว่า"
                "ผลของ สมศ. ตั้งแต่สองระดับขึ้นไป เขตพื้นที่ควรนิเทศ ติดตามการประเมินตนเองของสถานศึกษาเหล่านี้"
                "ให้ใช้หลักฐานเชิงประจักษ์ และทบทวนเกณฑ์การประเมินให้สอดคล้องกับ สมศ."
            )
            % {"schools": data["flagged_schools"], "n": len(data["flagged"])}
        )
    else:
        paragraphs.append(_("ไม่มีสถานศึกษาที่ประเมินตนเองสูงกว่าผลของ สมศ. ตั้งแต่สองระดับขึ้นไป"))
    return "\n\n".join(paragraphs)
