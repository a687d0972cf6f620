"""Thai paragraphs written from the figures, for the page and the official PDF.

The same function writes both; ``digits="thai"`` gives Thai numerals for the official
document, so the figures in the two are the same numbers."""

from iqa_district.thai import thai_digits


def fmt(value, digits="arabic"):
    """A percent as officials write it: two decimals; "-" when there is none."""
    text = "-" if value is None else f"{value:.2f}"
    return thai_digits(text) if digits == "thai" else text


def num(value, digits="arabic"):
    text = f"{value:,}"
    return thai_digits(text) if digits == "thai" else text


def overview(results, office_name, *, digits="arabic"):
    c = results["coverage"]
    year = num(results["academic_year"], digits).replace(",", "")
    text = (
        f"ปีการศึกษา {year} {office_name} มีสถานศึกษาในสังกัด {num(c['schools_total'], digits)} แห่ง "
        f"นำรายงานผลการประเมินตนเองของสถานศึกษาที่สำนักงานเขตพื้นที่การศึกษาพิจารณารับรายงานแล้ว "
        f"{num(c['accepted'], digits)} แห่ง"
    )
    if results["include_submitted"]:
        text += f" และที่ส่งแล้วแต่ยังรอการพิจารณา {num(c['submitted'], digits)} แห่ง"
    text += (
        f" รวม {num(c['schools'], digits)} แห่ง คิดเป็นร้อยละ {fmt(c['percent'], digits)} "
        "ของสถานศึกษาทั้งหมด มาศึกษา วิเคราะห์ และสังเคราะห์เป็นภาพรวมของเขตพื้นที่การศึกษา"
    )
    return text


def standard_paragraphs(standard, level_labels, *, digits="arabic"):
    n = standard["n"]
    number = num(standard["number"], digits)
    paragraphs = []
    if not n:
        return [f"ไม่มีสถานศึกษาที่รายงานผลการประเมินมาตรฐานที่ {number}"]
    spread = " ".join(
        f"ระดับ{level_labels[e['level']]} {num(e['count'], digits)} แห่ง (ร้อยละ {fmt(e['percent'], digits)})"
        for e in standard["levels"]
    )
    paragraphs.append(
        f"สถานศึกษาร้อยละ {fmt(standard['good_plus']['percent'], digits)} มีผลการประเมิน"
        f"มาตรฐานที่ {number} อยู่ในระดับดีเลิศขึ้นไป จากสถานศึกษาที่รายงานผล "
        f"{num(n, digits)} แห่ง โดยอยู่ใน{spread}"
    )
    target = standard["target"]
    if target["n"]:
        text = (
            f"สถานศึกษาที่กำหนดค่าเป้าหมายของมาตรฐานนี้ {num(target['n'], digits)} แห่ง "
            f"บรรลุค่าเป้าหมายทุกประเด็น {num(target['met'], digits)} แห่ง "
            f"คิดเป็นร้อยละ {fmt(target['percent'], digits)}"
        )
        below = len(standard["below_target"])
        if below:
            text += (
                f" ยังไม่บรรลุค่าเป้าหมาย {num(below, digits)} แห่ง "
                "ซึ่งสำนักงานเขตพื้นที่การศึกษาควรนิเทศ ติดตาม และช่วยเหลือเป็นลำดับแรก"
            )
        paragraphs.append(text)
    change = standard.get("change")
    if change and change["delta"] is not None:
        year = num(change["previous_year"], digits).replace(",", "")
        if change["delta"] > 0:
            trend = f"เพิ่มขึ้นร้อยละ {fmt(change['delta'], digits)}"
        elif change["delta"] < 0:
            trend = f"ลดลงร้อยละ {fmt(-change['delta'], digits)}"
        else:
            trend = "เท่าเดิม"
        paragraphs.append(
            f"เมื่อเทียบกับปีการศึกษา {year} (ร้อยละ {fmt(change['previous_percent'], digits)}) "
            f"สัดส่วนสถานศึกษาที่อยู่ในระดับดีเลิศขึ้นไป{trend}"
        )
    items = [i for i in standard["items"] if i["good_plus"]["percent"] is not None]
    if len(items) >= 2:
        best = max(items, key=lambda i: i["good_plus"]["percent"])
        worst = min(items, key=lambda i: i["good_plus"]["percent"])
        if best is not worst and best["good_plus"]["percent"] != worst["good_plus"]["percent"]:
            paragraphs.append(
                "ประเด็นพิจารณาที่มีสถานศึกษาอยู่ในระดับดีเลิศขึ้นไปมากที่สุด คือ "
                f"ประเด็น {thai_digits(best['code']) if digits == 'thai' else best['code']} "
                f"{best['title']} (ร้อยละ {fmt(best['good_plus']['percent'], digits)}) "
                "และน้อยที่สุด คือ "
                f"ประเด็น {thai_digits(worst['code']) if digits == 'thai' else worst['code']} "
                f"{worst['title']} (ร้อยละ {fmt(worst['good_plus']['percent'], digits)})"
            )
    return paragraphs


def recommendations(results, set_labels, category_labels, *, digits="arabic"):
    """Recommendations for district policy, each drawn from a figure."""
    out = []
    for level_set in results["level_sets"]:
        scored = [s for s in level_set["standards"] if s["good_plus"]["percent"] is not None]
        if not scored:
            continue
        weakest = min(scored, key=lambda s: (s["good_plus"]["percent"], s["number"]))
        text = (
            f"{set_labels[level_set['level']]}: ควรส่งเสริมและพัฒนาสถานศึกษาในมาตรฐานที่ "
            f"{num(weakest['number'], digits)} {weakest['title']} ซึ่งมีสถานศึกษาอยู่ในระดับดีเลิศขึ้นไป"
            f"ร้อยละ {fmt(weakest['good_plus']['percent'], digits)} น้อยที่สุดในระดับนี้ เป็นลำดับแรก"
        )
        if weakest["improvements"]:
            phrases = " ".join(p["phrase"] for p in weakest["improvements"][:3])
            text += f" โดยเน้นเรื่องที่สถานศึกษาระบุเป็นจุดที่ควรพัฒนาร่วมกัน ได้แก่ {phrases}"
        out.append(text)
        for standard in level_set["standards"]:
            change = standard.get("change")
            if change and change["delta"] is not None and change["delta"] < 0:
                out.append(
                    f"ควรวิเคราะห์สาเหตุที่สัดส่วนสถานศึกษาระดับดีเลิศขึ้นไปของมาตรฐานที่ "
                    f"{num(standard['number'], digits)} ({set_labels[level_set['level']]}) "
                    f"ลดลงร้อยละ {fmt(-change['delta'], digits)} จากปีการศึกษาก่อน"
                )
    below = {
        school["code"]
        for level_set in results["level_sets"]
        for standard in level_set["standards"]
        for school in standard["below_target"]
    }
    if below:
        out.append(
            f"ควรนิเทศ ติดตาม และให้ความช่วยเหลือสถานศึกษาที่ยังไม่บรรลุค่าเป้าหมาย "
            f"จำนวน {num(len(below), digits)} แห่ง ตามรายชื่อในรายงานนี้ อย่างใกล้ชิด"
        )
    if results["help_needs"]:
        top = results["help_needs"][0]
        out.append(
            f"ควรจัดสรรทรัพยากรและการช่วยเหลือด้าน{category_labels.get(top['category'], top['category'])} "
            f"ซึ่งสถานศึกษาต้องการมากที่สุด ({num(top['schools'], digits)} แห่ง)"
        )
    strengths = [
        (p["schools"], p["phrase"])
        for level_set in results["level_sets"]
        for standard in level_set["standards"]
        for p in standard["strengths"]
    ]
    if strengths:
        schools, phrase = max(strengths, key=lambda s: (s[0], -len(s[1])))
        out.append(
            f"ควรจัดเวทีแลกเปลี่ยนเรียนรู้และขยายผลแนวปฏิบัติที่ดีเรื่อง {phrase} "
            f"ซึ่งสถานศึกษา {num(schools, digits)} แห่งระบุเป็นจุดเด่น"
        )
    c = results["coverage"]
    missing = c["schools_total"] - c["schools"]
    if missing > 0:
        out.append(
            "ควรติดตามให้สถานศึกษาที่ยังไม่ได้ส่งหรือยังไม่ผ่านการพิจารณารายงานผลการประเมินตนเอง "
            f"อีก {num(missing, digits)} แห่ง ดำเนินการให้แล้วเสร็จ"
        )
    return out
