# The two commands a new user needs: `make serve` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8001
# Serve another build with `make serve DB=path/to/nato.db` (the metadata is for a file named nato.db).
DB ?= nato.db
SOURCES := build_db.py $(wildcard extract/*.py) $(wildcard extract/data/*) $(wildcard seeds/*)

.PHONY: install build serve test eval clean chromium corpus-check

# Serving needs only the package; the tests add their extras (Playwright,
# Dask, Hypothesis) on top.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

nato.db: $(VENV)/.installed $(SOURCES)
	$(PY) build_db.py seeds -o nato.db

build: nato.db

# Robots are blocked (datasette-block-robots) unless ALLOW_ROBOTS=1, which
# serves a robots.txt that disallows nothing.
LOAD_PLUGINS := $(if $(ALLOW_ROBOTS),ROBOTS_TXT="User-agent: *",)

# Read-only (immutable) with a SQL time limit, on loopback. Tables show 25 rows a
# page, queries up to 200 rows (a table's CSV is streamed whole, plugins/csv_whole.py; paged JSON gives all of
# them), and facets are not suggested: every page stays under 100 ms at 10,000
# articles and under 200 ms at a million statements, its facet and row counts
# counted once (plugins/counts_once.py; bench/RESULTS.md). One request may fetch at most 64 MB
# (plugins/answer_limits.py). --reload (hupper, a Datasette dependency) restarts
# the server when a build replaces $(DB), so a rebuilt database is served whole:
# an immutable database's connections would keep the old file and new ones
# open the new one (plugins/one_database.py refuses those until the restart).
# `datasette -i`, not `datasette serve -i`: hupper's worker reads `serve` as a file name.
SETTINGS := --setting sql_time_limit_ms 2000 --setting max_returned_rows 200 --setting suggest_facets off \
	--setting default_page_size 25
serve: $(VENV)/.installed $(DB)
	$(LOAD_PLUGINS) $(VENV)/bin/datasette -i $(DB) -m metadata.yml --host 127.0.0.1 --port $(PORT) \
		--plugins-dir plugins --template-dir templates $(SETTINGS) --reload

# Browser tests drive Debian's Chromium with Playwright; no browser is downloaded.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "Chromium could not be installed (apt-get needs root): the browser tests will be skipped."

test: $(VENV)/.installed-test chromium
	$(PY) -m pytest -q

# Precision, recall and F1: first on the development set (40 real articles
# the rules were not written against, in ../shared/gold-dev), then on the seeds.
SHARED ?= ../shared
dev.db: $(VENV)/.installed $(SOURCES)
	$(PY) build_db.py $(SHARED)/gold-dev/dev.jsonl -o dev.db --force

# The whole OrangeSum corpus (11,932 articles, ~10 minutes on two cores) with
# 100 hostile inputs mixed in (tests/hostile.py): the build must not crash,
# every good article must be built and every hostile input named in
# `skipped`, and no speaker text may fail the noun-phrase rule. (The build
# exits 1 because it skips, so "-".)
CORPUS := $(SHARED)/corpus/orangesum/orangesum_monde_politique.jsonl
corpus-check: $(VENV)/.installed-test
	rm -rf corpus-hostile && $(PY) tests/hostile.py corpus-hostile 100
	-$(PY) build_db.py $(CORPUS) corpus-hostile -o corpus.db --workers 2 --force -q > corpus-build.log 2>&1
	@tail -1 corpus-build.log
	CORPUS_DB=corpus.db CORPUS=$(CORPUS) HOSTILE=corpus-hostile $(PY) -m pytest -q \
		tests/test_dev_set.py tests/test_hostile_inputs.py -k full_corpus

eval: nato.db dev.db
	@echo "== development set ($(SHARED)/gold-dev, 40 real articles)"
	@$(PY) tests/score.py dev.db $(SHARED)/gold-dev/gold.json
	@echo "junk speaker texts: $$($(PY) $(SHARED)/tools/junk_speakers.py dev.db)"
	@echo "== seeds (tests/gold)"
	@$(PY) tests/score.py nato.db tests/gold
	@echo "== phrasing suite (tests/phrasings)"
	@$(PY) tests/phrasings/check.py | tail -3

clean:
	rm -f nato.db dev.db
