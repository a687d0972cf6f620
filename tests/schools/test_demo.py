"""Demo people look real: a title that matches the name."""

import random

from schools.demo import MEN, WOMEN, person_name


def test_demo_names_carry_the_title_that_matches_them():
    rng = random.Random(1)
    names = [person_name(rng) for _ in range(500)]
    for name in names:
        first = name.split(" ")[0]
        if first.startswith("นางสาว"):
            assert first.removeprefix("นางสาว") in WOMEN, name
        elif first.startswith("นาง"):
            assert first.removeprefix("นาง") in WOMEN, name
        else:
            assert first.startswith("นาย") and first.removeprefix("นาย") in MEN, name
    titles = {name.split(" ")[0][: len("นางสาว")] for name in names}
    assert len(titles) > 2  # men and both titles of women appear
