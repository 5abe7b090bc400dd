# The two commands a newcomer needs: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
# Pango and fonts for every script in the PDF; Chromium, pdftoppm, PostgreSQL and nginx for the tests.
RUN_APT := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core
TEST_APT := chromium poppler-utils postgresql nginx

.PHONY: run test run-deps test-deps venv lint format translations extract-messages update-messages translation-hashes

PYBABEL := $(VENV)/bin/pybabel
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# Installs only the Debian packages that are missing, so a second run does not touch apt.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

run-deps:
	$(call apt_install,$(RUN_APT))

test-deps: run-deps
	$(call apt_install,$(TEST_APT))

# A secret key generated once and kept in instance/, so sessions survive a restart.
instance/secret_key:
	mkdir -p instance
	python3 -c "import secrets; print(secrets.token_hex(32))" > $@

# Translations (issue 11): the .po catalogues are under version control; the compiled .mo are built
# here (by run and test too) and never committed. After changing words: extract, update, translate.
translations: venv $(CATALOGUES:.po=.mo)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(PYBABEL) compile --statistics -d translations -l $*

# N_ and Nn_ mark words in rules/ (which never imports Flask); _l is lazy_gettext in screening/.
extract-messages: venv
	$(PYBABEL) extract -F babel.cfg -k _l -k Nn_:1,2 --add-comments=Translators: --no-location \
	  --project=spine-screen -o translations/messages.pot .

# After a clinical translator has reviewed the translations of changed questions (README, Translations).
translation-hashes: translations
	$(PY) -m screening.i18n.sources

update-messages: extract-messages
	$(PYBABEL) update -i translations/messages.pot -d translations --no-wrap

# The alert sender runs beside the app; with no SMTP_URL set it prints each alert here instead of mailing it.
run: run-deps venv translations instance/secret_key
	export SECRET_KEY=$${SECRET_KEY:-$$(cat instance/secret_key)}; \
	$(VENV)/bin/flask --app screening init-db && { \
	  $(VENV)/bin/screening alerts & sender=$$!; trap 'kill $$sender 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/flask --app screening run; }

test: test-deps venv translations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

lint: venv
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .
