"""Running tools/verify_export.py as an auditor would: a separate, isolated Python."""

import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "verify_export.py"


def run_verifier(path: Path, *args: str) -> tuple[int, str]:
    """The verifier isolated (-I) and without site-packages (-S), so it can only use the
    standard library, never the project."""
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(TOOL), str(path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


PROOF_TOOL = TOOL.with_name("verify_proof.py")


def run_proof_verifier(*args: str) -> tuple[int, str]:
    """tools/verify_proof.py isolated (-I: no project on the path), with site-packages for
    its one dependency, `cryptography`."""
    done = subprocess.run(
        [sys.executable, "-I", str(PROOF_TOOL), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr
