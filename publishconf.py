"""Pelican settings for publishing (``SITEURL=https://… make publish``): absolute URLs, feeds, no drafts.

``SITEURL`` comes from the environment and must be an absolute http(s) URL (in the publish workflow:
the GitHub Pages ``base_url``); every internal link in the published site starts with it.
"""
import os
import sys
from urllib.parse import urlparse

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if urlparse(SITEURL).scheme not in ("http", "https") or not urlparse(SITEURL).netloc:
    raise ValueError(f"SITEURL must be an absolute http(s) URL, got {SITEURL!r}: "
                     "run SITEURL=https://example.org make publish")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"

# Drafts (``Status: draft``) are never written to the published site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_LANG_URL = ""

DELETE_OUTPUT_DIRECTORY = True
