"""UI translations from gettext catalogues (``locale/<lang>/LC_MESSAGES/messages.po``), read with Babel.

Message ids are English; the Dutch catalogue is the first UI language. Catalogues are compiled in
memory, so the repository holds only the editable ``.po`` files.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@lru_cache(maxsize=None)
def translations_for(lang: str) -> NullTranslations:
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def install(env, lang: str) -> None:
    """Give a Jinja environment ``_()``/``ngettext`` for the UI language."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations_for(lang), newstyle=True)
