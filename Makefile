# The two commands to know are `make run` and `make test` (see README.md).
VENV := .venv
BIN := $(VENV)/bin
# Checks and tests never need a real secret key; `make run` keeps its own in .env.
CHECK_ENV := DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-not-secret-only-for-checks}
# Extra pytest arguments, e.g. `make test ARGS="-k admin -x"`.
ARGS ?=

.PHONY: install run dev test lint format check bench lock

install: $(VENV)/.installed

# Creates the virtualenv only when missing; reinstalls only when the lock changed. The lock pins every package and
# what it depends on, so a fresh clone gets the versions CI tested.
$(VENV)/.installed: requirements-dev.lock
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

# After a change to requirements.txt or requirements-dev.txt: the locks again, for Python 3.11 and later
# (requirements.lock, what a server installs, holds the same versions as requirements-dev.lock).
lock:
	test -x $(BIN)/uv || $(MAKE) install
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 requirements-dev.txt -o requirements-dev.lock
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 requirements.txt -c requirements-dev.lock \
		-o requirements.lock

run: install
	scripts/run.sh

# For developers: Django's runserver, which reloads on every code change, with DEBUG on (never in production).
dev: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} PORT=$${PORT:-8000} scripts/run.sh --dev

# Ends with the branch coverage of the project's code, file by file (fully covered files left out): a report to read,
# not a threshold to meet.
test: check
	$(BIN)/pytest -n auto --cov --cov-report=term:skip-covered $(ARGS)

# Response times and memory of the main pages on generated content (not part of `make test`); see bench/README.md.
# Options go in ARGS, e.g. `make bench ARGS="--figures 5000"`, `ARGS="--load"` (gunicorn + wrk), `ARGS="--scale large"`.
bench: install
	$(BIN)/python bench/run.py $(ARGS)

# What CI checks before the tests: lint and formatting, security lint (bandit: every finding left is justified on
# its line with `# nosec`), Django's system checks, no model change without a migration.
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Its log (a line for each nosec it meets more than once) is shown only when it fails.
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive . 2>$(VENV)/bandit.log || { cat $(VENV)/bandit.log; exit 1; }
	$(CHECK_ENV) $(BIN)/python manage.py check
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
