"""Faster styling in WeasyPrint: pseudo-element styles computed when asked for.

WeasyPrint's user-agent stylesheet has universal rules for ``::marker``,
``::footnote-call``, ``::footnote-marker``, ``::note-call``, ``::note-marker`` and
``::note-callback``, so every element of a document matches six more selectors and gets
six pseudo-element styles, computed up front, although only list items draw a marker and
only footnotes and notes use the others. On a table of thousands of cells that was a
quarter of WeasyPrint's styling time.

Here those six rules are taken out of the UA stylesheet that selectors are matched
against, and a pseudo-element style is computed the first time the box builder asks for
it, from the author declarations the cascade collected for it plus the UA declarations
it lacks (UA normal declarations lose to every author declaration, so that is the
cascade WeasyPrint computes). Every style is therefore exactly the same; a
pseudo-element whose cascade sets ``anchor`` (the one side effect of computing a style
up front) is still computed up front.

Patches pinned WeasyPrint internals (``upstream``, imported via ``internals``); installed
once by ``render_pdf``.
"""

import math
from typing import Any

import tinycss2
import weasyprint

from .internals import (
    UA,
    UA_COUNTER_STYLE,
    UA_STYLESHEET,
    StyleFor,
    declaration_precedence,
    preprocess_declarations,
)
from .upstream import LAZY_PSEUDO_TYPES, take_lazy_rules

# WeasyPrint's cascade of one element or pseudo-element: property name -> (values, weight).
_Cascade = dict[str, tuple[Any, tuple[Any, ...]]]

# What WeasyPrint gives a UA declaration of "::name": user-agent precedence, no layer,
# the specificity of one pseudo-element.
_UA_WEIGHT = (declaration_precedence("user agent", False), math.inf, (0, 0, 1))

_original_set_computed_styles = StyleFor.set_computed_styles
_original_call = StyleFor.__call__
_original_ua_stylesheets = weasyprint.HTML._ua_stylesheets
_lean_ua: Any = None
_ua_declarations: dict[str, tuple[tuple[str, Any], ...]] = {}
_installed = False


def install() -> None:
    """Install the patch (idempotent)."""
    global _installed, _lean_ua
    if _installed:
        return
    lean_text, taken = take_lazy_rules(UA)
    if set(taken) != LAZY_PSEUDO_TYPES:
        raise RuntimeError(
            "WeasyPrint's UA stylesheet changed: re-check iqa_district/pdf/styles.py"
        )
    for pseudo_type, block in taken.items():
        declarations = preprocess_declarations(None, tinycss2.parse_blocks_contents(block))
        _ua_declarations[pseudo_type] = tuple(
            (name, values) for name, values, important in declarations if not important
        )
    _lean_ua = weasyprint.CSS(string=lean_text, counter_style=UA_COUNTER_STYLE)
    weasyprint.HTML._ua_stylesheets = _ua_stylesheets
    StyleFor.set_computed_styles = _set_computed_styles
    StyleFor.__call__ = _call
    _installed = True


def _ua_stylesheets(self: Any, forms: bool = False) -> list[Any]:
    return [
        _lean_ua if sheet is UA_STYLESHEET else sheet
        for sheet in _original_ua_stylesheets(self, forms)
    ]


def _with_ua(cascaded: _Cascade, pseudo_type: str) -> _Cascade:
    """The author cascade of a pseudo-element plus the UA declarations it lacks."""
    for name, values in _ua_declarations[pseudo_type]:
        if name not in cascaded:
            cascaded[name] = (values, _UA_WEIGHT)
    return cascaded


def _set_computed_styles(
    self: Any,
    element: Any,
    parent: Any,
    root: Any = None,
    pseudo_type: str | None = None,
    base_url: str | None = None,
    target_collector: Any = None,
) -> None:
    if pseudo_type is None and parent is None:
        # The root element, first of all: what a later pseudo-element style needs.
        self.__dict__["iqa_style_arguments"] = (root, base_url, target_collector)
    elif pseudo_type in LAZY_PSEUDO_TYPES and parent is element:
        cascaded = self.get_cascaded_styles().get((element, pseudo_type), {})
        if "anchor" not in cascaded:
            # Author declarations only; the dict itself survives StyleFor's clear().
            self.__dict__.setdefault("iqa_lazy_styles", {})[element, pseudo_type] = cascaded
            return
        _with_ua(cascaded, pseudo_type)
    _original_set_computed_styles(
        self,
        element,
        parent,
        root=root,
        pseudo_type=pseudo_type,
        base_url=base_url,
        target_collector=target_collector,
    )


def _call(self: Any, element: Any, pseudo_type: str | None = None) -> Any:
    if (
        pseudo_type in LAZY_PSEUDO_TYPES
        and (element, pseudo_type) not in self.get_computed_styles()
        and "iqa_style_arguments" in self.__dict__
    ):
        lazy = self.__dict__.get("iqa_lazy_styles") or {}
        cascaded = _with_ua(dict(lazy.pop((element, pseudo_type), {})), pseudo_type)
        root, base_url, target_collector = self.__dict__["iqa_style_arguments"]
        cascaded_styles = self.get_cascaded_styles()
        cascaded_styles[element, pseudo_type] = cascaded
        try:
            _original_set_computed_styles(
                self,
                element,
                parent=element,
                root=root,
                pseudo_type=pseudo_type,
                base_url=base_url,
                target_collector=target_collector,
            )
        finally:
            del cascaded_styles[element, pseudo_type]
    return _original_call(self, element, pseudo_type)
