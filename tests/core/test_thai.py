import datetime

import pytest
from django.template import Context, Template

from iqa_district import thai


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.date(2022, 12, 16), "๑๖ ธันวาคม พ.ศ. ๒๕๖๕"),
        (datetime.date(2024, 1, 1), "๑ มกราคม พ.ศ. ๒๕๖๗"),
        (datetime.date(2023, 2, 28), "๒๘ กุมภาพันธ์ พ.ศ. ๒๕๖๖"),
    ],
)
def test_long_date_in_buddhist_era_with_thai_digits(value, expected):
    assert thai.format_date_long(value) == expected


def test_long_date_with_arabic_digits():
    assert (
        thai.format_date_long(datetime.date(2022, 12, 16), digits="arabic") == "16 ธันวาคม พ.ศ. 2565"
    )


def test_short_date():
    assert thai.format_date_short(datetime.date(2022, 12, 16)) == "16 ธ.ค. 65"
    assert thai.format_date_short(datetime.date(2043, 5, 1)) == "1 พ.ค. 86"
    assert thai.format_date_short(datetime.date(2057, 5, 1)) == "1 พ.ค. 00"


def test_aware_datetime_is_shown_in_bangkok_time():
    # 20:00 UTC on 31 Dec is already 1 Jan in Bangkok (UTC+7).
    value = datetime.datetime(2023, 12, 31, 20, 0, tzinfo=datetime.UTC)
    assert thai.format_date_long(value, digits="arabic") == "1 มกราคม พ.ศ. 2567"
    assert thai.format_datetime_short(value) == "1 ม.ค. 67 03:00"


def test_thai_and_arabic_digits_round_trip():
    assert thai.thai_digits("ที่ 511/2565") == "ที่ ๕๑๑/๒๕๖๕"
    assert thai.arabic_digits("๕๑๑/๒๕๖๕") == "511/2565"
    assert thai.thai_digits(None) == ""


@pytest.mark.parametrize(
    "day, expected",
    [
        (datetime.date(2023, 5, 15), 2565),  # last day of 2565
        (datetime.date(2023, 5, 16), 2566),  # first day of 2566
        (datetime.date(2024, 2, 29), 2566),
        (datetime.date(2023, 12, 31), 2566),
        (datetime.date(2024, 1, 1), 2566),
    ],
)
def test_academic_year_boundaries(day, expected):
    assert thai.academic_year_of(day) == expected


def test_academic_year_bounds():
    assert thai.academic_year_bounds(2566) == (
        datetime.date(2023, 5, 16),
        datetime.date(2024, 5, 15),
    )


@pytest.mark.parametrize(
    "day, expected",
    [
        (datetime.date(2021, 9, 30), 2564),
        (datetime.date(2021, 10, 1), 2565),  # FY 2565 = 1 Oct 2564 – 30 Sep 2565
        (datetime.date(2022, 9, 30), 2565),
        (datetime.date(2022, 10, 1), 2566),
    ],
)
def test_fiscal_year_boundaries(day, expected):
    assert thai.fiscal_year_of(day) == expected


def test_fiscal_year_bounds():
    assert thai.fiscal_year_bounds(2565) == (datetime.date(2021, 10, 1), datetime.date(2022, 9, 30))


def test_template_filters_are_builtins():
    out = Template(
        "{{ d|thai_date }}|{{ d|thai_date_short }}|{{ 2567|thai_num }}|{{ d|be_year }}|{{ n|number }}"
    ).render(Context({"d": datetime.date(2022, 12, 16), "n": 12345}))
    assert out == "๑๖ ธันวาคม พ.ศ. ๒๕๖๕|16 ธ.ค. 2565|๒๕๖๗|2565|12,345"


def test_empty_values_render_empty():
    assert thai.format_date_long(None) == ""
    assert thai.format_date_short("") == ""


def test_page_dates_have_arabic_digits_and_the_whole_be_year_in_either_language():
    from django.utils import translation

    value = datetime.datetime(2026, 12, 2, 7, 5, tzinfo=datetime.UTC)
    assert thai.format_date_page(value.date()) == "2 ธ.ค. 2569"
    assert thai.format_datetime_page(value) == "2 ธ.ค. 2569 14:05"
    with translation.override("en"):
        assert thai.format_date_page(value.date()) == "2 Dec 2569 BE"
        assert thai.format_datetime_page(value) == "2 Dec 2569 BE 14:05"
        out = Template('{{ d|thai_date_short }}|{{ d|thai_date_short:"thai" }}').render(
            Context({"d": value.date()})
        )
    assert out == "2 Dec 2569 BE|๒ ธ.ค. ๖๙"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("16/12/2565", datetime.date(2022, 12, 16)),
        ("๑๖/๑๒/๒๕๖๕", datetime.date(2022, 12, 16)),
        (" 1 . 6 . 2568 ", datetime.date(2025, 6, 1)),
        ("16-12-2565", datetime.date(2022, 12, 16)),
        ("2022-12-16", datetime.date(2022, 12, 16)),  # a browser's date picker, CE
        ("16/12/2022", datetime.date(2022, 12, 16)),  # a CE year is left as it is
    ],
)
def test_parse_date_reads_what_people_type(text, expected):
    assert thai.parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "16/12", "31/02/2565", "2565/12/16", "สิบหก ธันวา"])
def test_parse_date_refuses_the_rest(text):
    with pytest.raises(ValueError):
        thai.parse_date(text)
