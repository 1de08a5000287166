"""One place for a language's data: generator/data/<code>/, found through load_language()."""
from __future__ import annotations

import pytest

from pelican.plugins.explainer.language import (UnsupportedLanguage, language_dir, load_language,
                                                supported_languages)


def test_dutch_is_supported_and_its_data_loads_from_one_folder():
    assert "nl" in supported_languages()
    dutch = load_language("nl")
    assert dutch.folder == language_dir("nl")
    assert "zeggen" in dutch.quotes.say_verbs or "zei" in dutch.quotes.say_verbs
    assert dutch.temporal.months["januari"] == 1
    assert "st" in {a.lower() for a in dutch.temporal.abbreviations}


def test_a_language_code_is_matched_without_case():
    assert load_language("NL").code == "nl"


def test_an_unsupported_language_is_one_clear_error_naming_what_to_add():
    with pytest.raises(UnsupportedLanguage) as raised:
        load_language("en")
    message = str(raised.value)
    assert "'en'" in message and "supported: nl" in message and "generator/data/en/" in message
    assert "\n" not in message
