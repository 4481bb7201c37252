"""The core's unit tests, built for the host with a test HAL (tests/host)."""
import subprocess

import pytest

from conftest import CORE_TESTS


def _names():
    out = subprocess.run([str(CORE_TESTS), "--list"], stdout=subprocess.PIPE, check=True)
    return sorted(out.stdout.decode().split())


@pytest.mark.parametrize("name", _names())
def test_core(name):
    proc = subprocess.run([str(CORE_TESTS), name], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    assert proc.returncode == 0, proc.stdout.decode()
    assert f"PASS {name}" in proc.stdout.decode()
