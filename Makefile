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
	touch $(STAMP)

html: $(STAMP)
	$(PY) -m generator build --settings pelicanconf.py --output output

publish: $(STAMP)
	$(PY) -m generator build --settings publishconf.py --output output

serve: $(STAMP)
	$(VENV)/bin/pelican content --settings pelicanconf.py --output output --listen --autoreload --bind 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest -q

model: $(STAMP)
	$(PY) training/train.py $(DATA)

evaluate: $(STAMP)
	$(PY) -m generator evaluate ../shared/gold/seed.gold.json ../shared/gold/meantime-nl-dev.gold.json

clean:
	rm -rf output output.staging output.previous .cache/explainer
