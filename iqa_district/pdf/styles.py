"""Faster styling in WeasyPrint: pseudo-element styles computed when asked for.

WeasyPrint's user-agent stylesheet has universal rules for ``::marker``,
``::footnote-call``, ``::footnote-marker``, ``::note-call``, ``::note-marker`` and
``::note-callback``, so every element of a document gets six pseudo-element styles,
computed up front, although only list items draw a marker and only footnotes and notes
use the others. On a table of thousands of cells that was a quarter of WeasyPrint's
styling time. Here those six styles are computed the first time the box builder asks
for one; the cascade is the one WeasyPrint collected, so every style is exactly the
same, and a pseudo-element whose cascade sets ``anchor`` (the one side effect of
computing a style up front) is still computed up front.

Patches pinned WeasyPrint internals (``textlayer.WEASYPRINT_VERSION``); installed once
by ``render_pdf``.
"""

from weasyprint.css import StyleFor

from .textlayer import check_version

LAZY_PSEUDO_TYPES = frozenset(
    {"marker", "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"}
)

_original_set_computed_styles = StyleFor.set_computed_styles
_original_call = StyleFor.__call__
_installed = False


def install():
    """Install the patch (idempotent)."""
    global _installed
    if _installed:
        return
    check_version()
    StyleFor.set_computed_styles = _set_computed_styles
    StyleFor.__call__ = _call
    _installed = True


def _set_computed_styles(
    self, element, parent, root=None, pseudo_type=None, base_url=None, target_collector=None
):
    if pseudo_type in LAZY_PSEUDO_TYPES and parent is element:
        cascaded = self.get_cascaded_styles().get((element, pseudo_type), {})
        if "anchor" not in cascaded:
            # The cascade dict itself is kept: StyleFor clears only the mapping.
            self.__dict__.setdefault("iqa_lazy_styles", {})[element, pseudo_type] = (
                cascaded,
                root,
                base_url,
                target_collector,
            )
            return
    _original_set_computed_styles(
        self,
        element,
        parent,
        root=root,
        pseudo_type=pseudo_type,
        base_url=base_url,
        target_collector=target_collector,
    )


def _call(self, element, pseudo_type=None):
    if pseudo_type in LAZY_PSEUDO_TYPES:
        lazy = self.__dict__.get("iqa_lazy_styles")
        entry = lazy.pop((element, pseudo_type), None) if lazy else None
        if entry is not None:
            cascaded, root, base_url, target_collector = entry
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
