# The two set-up commands: `make html` (build the site) and `make test` (run the tests).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: html test serve publish clean model evaluate benchmark

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@# The editable install imports pelican.plugins.explainer from generator/; Pelican finds namespace
	@# plugins by listing the pelican/plugins folder, so the working tree is linked in there as well.
	ln -sfn "$(CURDIR)/generator" "$$($(PY) -c 'import pelican.plugins as p; print(p.__path__[0])')/explainer"
	touch $(STAMP)

html: $(STAMP)
	$(PY) -m pelican.plugins.explainer build --settings pelicanconf.py --output output

# SITEURL=https://example.org make publish: absolute links, feeds, search index, atomic swap into output/.
publish: $(STAMP)
	@test -n "$(SITEURL)" || { echo "make publish: set SITEURL, e.g. SITEURL=https://example.org make publish" >&2; exit 2; }
	SITEURL='$(SITEURL)' $(PY) -m pelican.plugins.explainer build --settings publishconf.py --output output

# Preview on http://127.0.0.1:$(PORT)/; rebuilds (in a fresh process) when content/, theme/, the settings
# or generator/ (the plugin's source) change. See generator/site/preview.py.
serve: $(STAMP)
	$(PY) -m pelican.plugins.explainer.site.preview --settings pelicanconf.py --output output --bind 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest -q

# make model [DATA=DIR] [STAGES=convert,lexicon,parser,assemble,evaluate]: all stages by default; the STAGES
# shown keep the shipped NER (the way the shipped folder was built, see docs/model-card.md).
model: $(STAMP)
	$(PY) -m pip install --quiet -e '.[training]'
	$(PY) training/train.py $(DATA) $(if $(STAGES),--stages $(STAGES))

evaluate: $(STAMP)
	$(PY) -m pelican.plugins.explainer evaluate ../shared/gold/seed.gold.json ../shared/gold/meantime-nl-dev.gold.json ../shared/gold/dpg-dev.gold.json

clean:
	rm -rf output output.staging output.previous .cache/explainer
