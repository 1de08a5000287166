# The two set-up commands: `make html` (build the site) and `make test` (run the tests).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# the shared gold and development data (`make evaluate`)
SHARED ?= ../shared
# RUNTIME: what building a site needs (make html, serve, publish, evaluate); STAMP: that plus the test
# tools (make test, and `make .venv/.installed` to set up for development)
RUNTIME := $(VENV)/.runtime
STAMP := $(VENV)/.installed

.PHONY: html test serve publish clean model evaluate benchmark shared-data

$(RUNTIME): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@# The editable install imports pelican.plugins.explainer from generator/; Pelican finds namespace
	@# plugins by listing the pelican/plugins folder, so the working tree is linked in there as well.
	ln -sfn "$(CURDIR)/generator" "$$($(PY) -c 'import pelican.plugins as p; print(p.__path__[0])')/explainer"
	touch $(RUNTIME)

$(STAMP): $(RUNTIME) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

html: $(RUNTIME)
	$(PY) -m pelican.plugins.explainer build --settings pelicanconf.py --output output
	@echo "make html: the site is in output/. To look at it: make serve, then open http://127.0.0.1:$(PORT)/"
	@echo "           (opened from disk, output/index.html shows folder listings instead of pages)"

# SITEURL=https://example.org make publish: absolute links, feeds, search index, atomic swap into output/.
publish: $(RUNTIME)
	@test -n "$(SITEURL)" || { echo "make publish: set SITEURL, e.g. SITEURL=https://example.org make publish" >&2; exit 2; }
	SITEURL='$(SITEURL)' $(PY) -m pelican.plugins.explainer build --settings publishconf.py --output output --strict

# Preview on http://127.0.0.1:$(PORT)/; rebuilds (in a fresh process) when content/, theme/, the settings
# or generator/ (the plugin's source) change. See generator/build/preview.py.
serve: $(RUNTIME)
	$(PY) -m pelican.plugins.explainer.build.preview --settings pelicanconf.py --output output --bind 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest -q

# make model [DATA=DIR] [STAGES=convert,lexicon,parser,assemble,evaluate]: all stages by default; the STAGES
# shown keep the shipped NER (the way the shipped folder was built, see docs/model-card.md).
# make model STAGES=components: after editing generator/data/nl/, refresh the model's copy of the word lists.
model: $(RUNTIME)
	$(PY) -m pip install --quiet -e '.[training]'
	$(PY) training/train.py $(DATA) $(if $(STAGES),--stages $(STAGES))

# Quotes, actors and dates against the shared gold; key figures against benchmarks/gold (offsets into
# the shared articles); quotes against the invented challenge and blind sets (benchmarks/gold/QUOTES.md); actors and
# dates against the invented blind sets (benchmarks/README.md). SHARED=/path/to/shared when it is not next to this folder.
evaluate: shared-data $(RUNTIME)
	$(PY) -m pelican.plugins.explainer evaluate $(SHARED)/gold/seed.gold.json $(SHARED)/gold/meantime-nl-dev.gold.json $(SHARED)/gold/dpg-dev.gold.json
	$(PY) -m pelican.plugins.explainer evaluate benchmarks/gold/meantime-nl-dev.figures.json --articles $(SHARED)/data/meantime-nl-dev
	$(PY) -m pelican.plugins.explainer evaluate benchmarks/gold/quotes-challenge.gold.json benchmarks/gold/quotes-blind2.gold.json benchmarks/gold/quotes-blind3.gold.json benchmarks/gold/quotes-blind4.gold.json benchmarks/gold/quotes-blind5.gold.json benchmarks/gold/quotes-blind6.gold.json --only quotes
	$(PY) -m pelican.plugins.explainer evaluate benchmarks/gold/challenge-nl.gold.json benchmarks/gold/actors-blind2.gold.json benchmarks/gold/actors-blind3.gold.json benchmarks/gold/actors-blind4.gold.json benchmarks/gold/actors-blind5.gold.json benchmarks/gold/actors-blind6.gold.json

shared-data:
	@test -d "$(SHARED)/gold" -a -d "$(SHARED)/data" || { echo "make evaluate: no gold and data in $(SHARED) (set SHARED=/path/to/shared; the data is not part of the repository)" >&2; exit 2; }

clean:
	rm -rf output output.staging output.previous .cache/explainer
