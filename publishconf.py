"""Pelican settings for publishing (``SITEURL=https://… make publish``): absolute URLs, feeds."""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
