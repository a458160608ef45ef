"""Vendored front-end files are exactly the published packages' files."""

import hashlib
import json
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "overrides/assets/vendor/lunr"


def test_vendored_files_match_their_manifest():
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    for package in manifest["packages"].values():
        assert package["license"] in ("MIT", "MPL-1.1")
    assert (VENDOR / "LICENSE-lunr.txt").is_file() and (VENDOR / "LICENSE-lunr-languages.txt").is_file()
