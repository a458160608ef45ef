"""Find the headless Chromium that browser tests and PDF printing drive, installing Debian's when possible.

Order: $CHROMIUM_PATH, a chromium on PATH (Debian's package), Playwright's own
download. `python -m techrights.outputs.chromium --install` adds Debian's package (and the
DejaVu fonts PDFs embed) when none is found and this is a root shell with apt-get;
otherwise it says what to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HOW_TO = """No Chromium found for the browser tests. Any one of these works:
  - Debian/Ubuntu:   sudo apt-get install chromium        (then run make test again)
  - with internet:   .venv/bin/playwright install chromium
  - your own build:  CHROMIUM_PATH=/path/to/chromium make test"""


def playwright_chromium() -> str | None:
    """Playwright's downloaded browser, when `playwright install chromium` was run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # no driver or no browser: treat as absent
        return None
    return path if path and Path(path).is_file() else None


def find_chromium() -> tuple[str | None, str]:
    """(executable or None for Playwright's own, where it came from); raises if none."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return configured, "CHROMIUM_PATH"
        raise FileNotFoundError(f"CHROMIUM_PATH={configured} is not an executable file.\n{HOW_TO}")
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found, "PATH"
    if playwright_chromium():
        return None, "playwright"
    raise FileNotFoundError(HOW_TO)


def install_debian_chromium() -> bool:
    """apt-get install chromium, when we are root on a system with apt-get."""
    if not shutil.which("apt-get") or os.geteuid() != 0:
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("Installing Debian's chromium for the browser tests (about 30 s)…", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return True


def main(argv: list[str]) -> int:
    try:
        path, origin = find_chromium()
    except FileNotFoundError as missing:
        if "--install" in argv and not os.environ.get("CHROMIUM_PATH"):
            try:
                installed = install_debian_chromium()
            except subprocess.CalledProcessError as error:
                print(f"apt-get failed ({error}).\n{HOW_TO}", file=sys.stderr)
                return 1
            if installed:
                return main([])
        print(missing, file=sys.stderr)
        return 1
    print(f"Chromium for browser tests: {path or 'Playwright download'} (from {origin})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
