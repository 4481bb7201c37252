"""The core's unit tests, built for the host with a test HAL (tests/host):
with arm64's types and table format (core-tests), and with riscv64's
(riscv64-tests: its G-stage tables, decoder and PLIC too)."""
import subprocess

import pytest

from conftest import CORE_TESTS, RV_CORE_TESTS


def _names(binary):
    out = subprocess.run([str(binary), "--list"], stdout=subprocess.PIPE, check=True)
    return sorted(out.stdout.decode().split())


def _run(binary, name):
    proc = subprocess.run([str(binary), name], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    assert proc.returncode == 0, proc.stdout.decode()
    assert f"PASS {name}" in proc.stdout.decode()


@pytest.mark.parametrize("name", _names(CORE_TESTS))
def test_core(name):
    _run(CORE_TESTS, name)


@pytest.mark.parametrize("name", _names(RV_CORE_TESTS))
def test_core_riscv64(name):
    _run(RV_CORE_TESTS, name)
