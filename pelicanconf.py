"""Pelican settings for local builds and the preview server (``make html``, ``make serve``)."""

AUTHOR = "Explainer"
SITENAME = "Explainers"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Brussels"
DEFAULT_LANG = "nl"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
THEME = "theme"

PLUGINS = ["explainer"]

# Explainer settings (every default, documented: generator/site/settings.py)
EXPLAINER_SPACY_MODEL = "default"  # "default" (ours), "rules", or an installed spaCy pipeline name/path
EXPLAINER_CACHE_PATH = ".cache/explainer"
EXPLAINER_UI_LANG = "nl"  # "nl" or "en"
# A stand-alone explainer site: the bundled theme's article.html renders each article as its
# explainer's overview (a site with its own theme leaves this at "page").
EXPLAINER_OVERVIEW = "article"

# Each article's overview lives at /<slug>/; its explainer pages below it.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
ARTICLE_LANG_URL = "{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "{slug}-{lang}/index.html"
STATIC_PATHS = []
READERS = {"txt": None, "html": None, "htm": None}
IGNORE_FILES = [".#*", "*.explainer.yaml"]

DIRECT_TEMPLATES = ["index", "404"]  # 404.html: what the web host shows for a missing page
PAGE_SAVE_AS = ""
PAGE_URL = ""
DRAFT_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Every value a template prints is escaped unless it is markupsafe.Markup built by our own code:
# article text, names and quotes come from outside and must never become markup.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

RELATIVE_URLS = True

# Pelican's own cache of what its readers made of each file, checked by content hash: a rebuild
# reads (Markdown → HTML) only the articles that changed. `explainer build` keeps one folder per
# settings fingerprint below CACHE_PATH (generator/build/atomic.py), so changed settings re-read all.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = ".cache/pelican"
