# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BATCH  ?= corpora/news-sample

.PHONY: demo test test-fast gold install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/mtaudit audit $(BATCH) --out reports/$(notdir $(BATCH)) || [ $$? -eq 1 ]
	@echo "Reports written to reports/$(notdir $(BATCH))/"

# TEST_WORKERS: pytest-xdist workers (auto: one per core; 0: this one process). The whole suite
# waits on subprocesses, servers and a browser, so it runs on every core; the fast tests run in
# one process, since each worker pays ~15 s of CPU to collect and load the dictionaries, Harper
# and the language models again (2 cores: 42 s serial against 63 s with 2 workers, at load 2-3).
test: TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

# Everything but the tests marked slow (subprocess CLI runs, Dask, the browser, the MQM sets): a quick loop.
test-fast: TEST_WORKERS ?= 0
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow" -n $(TEST_WORKERS)

# Rewrite the gold files of tests/test_gold.py after a change meant to change the outputs; read the diff.
gold: $(STAMP)
	MTAUDIT_UPDATE_GOLD=1 $(BIN)/python -m pytest -q tests/test_gold.py

clean:
	rm -rf $(VENV) reports/*/ .pytest_cache

# LanguageTool server for `--grammar languagetool` (needs Java 17 and Maven; port MTAUDIT_LT_PORT, default 8081).
.PHONY: languagetool languagetool-stop
languagetool:
	languagetool/run.sh start

languagetool-stop:
	languagetool/run.sh stop
