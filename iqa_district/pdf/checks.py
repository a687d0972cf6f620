"""The system check that refuses a WeasyPrint the engine was not written for.

It runs with ``manage.py check`` and before ``migrate`` (so on every deploy, see
docker-compose.yml), not at the first PDF: the pinned WeasyPrint and pydyf, a usable
Pango, every internal the engine imports, copies or patches, and the UA stylesheet rules
the styles patch takes out. Each problem is its own error, so one run lists them all.
"""

import importlib
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error

from . import upstream

_REDIFF = (
    "iqa_district/pdf copies and patches WeasyPrint internals: re-diff the functions "
    "tests/pdf/test_upstream.py fingerprints against the installed version, port what "
    "changed, then update the pins in requirements.txt and iqa_district/pdf/upstream.py "
    "together. Or install the pinned versions (pip install -r requirements.txt)."
)


def check_pdf_engine(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    try:
        importlib.import_module("weasyprint")
        importlib.import_module("pydyf")
    except (ImportError, OSError) as error:
        # OSError: WeasyPrint loads Pango, HarfBuzz and fontconfig when imported.
        return [
            Error(
                f"The PDF engine cannot import WeasyPrint: {error}",
                hint="Install requirements.txt and the system libraries WeasyPrint loads "
                "(Pango, HarfBuzz, fontconfig: the packages the Dockerfile installs).",
                id="iqa_district.pdf.E006",
            )
        ]
    return [
        *_version_errors(),
        *_pango_errors(),
        *_internal_errors(),
        *_ua_rule_errors(),
    ]


def _version_errors() -> list[CheckMessage]:
    names = {"weasyprint": ("WeasyPrint", "E001"), "pydyf": ("pydyf", "E002")}
    errors: list[CheckMessage] = []
    for package, pin in upstream.PINS.items():
        installed = upstream.installed_version(package)
        if installed != pin:
            name, code = names[package]
            errors.append(
                Error(
                    f"{name} {installed} is installed, but the PDF engine is written against "
                    f"{name} {pin} (the pin in requirements.txt).",
                    hint=_REDIFF,
                    id=f"iqa_district.pdf.{code}",
                )
            )
    return errors


def _pango_errors() -> list[CheckMessage]:
    try:
        number = int(importlib.import_module("weasyprint.text.ffi").pango.pango_version())
    except (ImportError, AttributeError) as error:
        found = f"WeasyPrint does not report the Pango version it loaded ({error})"
    else:
        # Pango encodes 1.50.12 as 15012.
        version = (number // 10000, number // 100 % 100, number % 100)
        if version >= upstream.PANGO_MIN_VERSION:
            return []
        found = f"WeasyPrint loaded Pango {'.'.join(map(str, version))}"
    minimum = ".".join(map(str, upstream.PANGO_MIN_VERSION))
    return [
        Error(
            f"{found}; the PDF engine needs Pango {minimum} or later.",
            hint=f"Install Pango {minimum} or later (Debian: libpango-1.0-0 libpangoft2-1.0-0).",
            id="iqa_district.pdf.E003",
        )
    ]


def _internal_errors() -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for module_name, path in upstream.INTERNALS:
        try:
            target: object = importlib.import_module(module_name)
            for attribute in path.split("."):
                target = getattr(target, attribute)
        except (ImportError, AttributeError):
            package = module_name.partition(".")[0]
            errors.append(
                Error(
                    f"{module_name}.{path} is missing from {package} "
                    f"{upstream.installed_version(package)}; the PDF engine imports, copies "
                    f"or patches it (written against {package} {upstream.PINS[package]}).",
                    hint=_REDIFF,
                    id="iqa_district.pdf.E004",
                )
            )
    return errors


def _ua_rule_errors() -> list[CheckMessage]:
    try:
        ua = importlib.import_module("weasyprint.html").UA
    except (ImportError, AttributeError):
        return []  # reported as a missing internal
    _, taken = upstream.take_lazy_rules(str(ua))
    return [
        Error(
            f"WeasyPrint's user-agent stylesheet (weasyprint/css/html5_ua.css) has no "
            f"universal ::{pseudo_type} rule, which the styles patch takes out of selector "
            "matching.",
            hint="Re-check iqa_district/pdf/styles.py against the new UA stylesheet. " + _REDIFF,
            id="iqa_district.pdf.E005",
        )
        for pseudo_type in sorted(upstream.LAZY_PSEUDO_TYPES - set(taken))
    ]
