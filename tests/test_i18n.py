"""The UI translations a Jinja environment gets (generator/site/i18n.py): the same answers as Jinja's
own newstyle gettext, only kept once asked."""
from __future__ import annotations

import jinja2
import pytest

from pelican.plugins.explainer.site import i18n

PAGE = ('{{ _("Search") }}|{{ _("Search") }}|{{ gettext("Skip to content") }}|{{ _("%(num)d actor", num=2) }}|'
        '{{ ngettext("%(num)d actor", "%(num)d actors", 3) }}|{{ _("100%% van de stemmen") }}|'
        '{{ _("<em>nadruk</em>") }}|{% trans %}Search{% endtrans %}')


def jinja_own(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=autoescape, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(i18n.translations_for("nl"), newstyle=True)
    return env


@pytest.mark.parametrize("autoescape", [True, False])
def test_kept_answers_are_the_answers_jinja_gives(autoescape):
    env = jinja2.Environment(autoescape=autoescape, extensions=["jinja2.ext.i18n"])
    i18n.install(env, "nl")
    page = env.from_string(PAGE)
    expected = jinja_own(autoescape).from_string(PAGE).render()
    assert "Zoeken|Zoeken|" in expected
    assert page.render() == expected
    assert page.render() == expected  # asked again: the kept answers


def test_a_gettext_installed_later_is_the_one_underscore_calls():
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    i18n.install(env, "nl")
    assert env.from_string('{{ _("Search") }}').render() == "Zoeken"
    env.install_gettext_callables(str.upper, lambda one, many, n: one if n == 1 else many, newstyle=True)
    assert env.from_string('{{ _("Search") }}').render() == "SEARCH"
