"""riscv64 against a hostile domain: guests/fuzz (fuzz/riscv64/operations.c:
random SBI calls of every extension with hostile arguments, Septum's vendor
calls, trapping CSRs and hypervisor instructions, PLIC and UART accesses,
atomics on devices, accesses to nothing, WFI) beside a well-behaved domain
on other harts. Each seed is a fixed sequence: the same run every time.
The neighbour must finish its work, the hypervisor stay up, and the fuzzer
either run its course or be stopped alone with a reason."""
import os
import re

import pytest

from test_riscv64_boot import guest, rv_boot, spawn

# make fuzz runs the fuzzers longer (SEPTUM_FUZZ_SCALE times as many operations).
OPS = 100000 * int(os.environ.get("SEPTUM_FUZZ_SCALE", "1"))


def fuzz_beside_irq(seed, *extra, cmdline=""):
    return rv_boot(*extra, "--smp", "4",
                   "--domain", guest("fuzz") + f",cpus=1,cmdline=ops={OPS} seed={seed}{cmdline}",
                   "--domain", guest("irq") + ",cpus=2-3")


def assert_hypervisor_healthy(result):
    log = result.log()
    assert not [l for l in log if "panic" in l.lower() or "hypervisor fault" in l], result
    assert log[-1] == "no domain left running: powering off", result
    assert result.returncode == 0, result


def assert_neighbour_finished(result):
    out = result.domain_lines(2, "irq")
    assert [l for l in out if "timer" in l] == [f"irq: timer {n}" for n in range(1, 11)], result
    assert not [l for l in out if "FAIL" in l], result
    assert out[-1] == "irq: done", result
    assert "d2 (irq) shut down, destroyed" in result.log()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_fuzzer_runs_its_course_beside_a_neighbour(seed):
    """Everything it does is either answered or its own exception: it
    finishes, having taken exceptions of each kind."""
    result = fuzz_beside_irq(seed)
    out = result.domain_lines(1, "fuzz")
    assert out and out[-1] == "fuzz: done", result
    taken = re.search(r"undefined (\d+), access fault (\d+), other (\d+)", "\n".join(out))
    assert taken and all(int(n) > 0 for n in taken.groups()), result
    assert "d1 (fuzz) shut down, destroyed" in result.log()
    assert_neighbour_finished(result)
    assert_hypervisor_healthy(result)


def test_fuzzer_on_harts_without_sstc():
    """The SBI set_timer path (the hypervisor's own timer) under fire."""
    result = fuzz_beside_irq(5, "--cpu", "rv64,sstc=off")
    assert "guests' timer: SBI set_timer, emulated through hvip" in result.log(), result
    assert result.domain_lines(1, "fuzz")[-1] == "fuzz: done", result
    assert_neighbour_finished(result)
    assert_hypervisor_healthy(result)


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_fuzzer_with_any_mmio_is_stopped_alone(seed):
    """mmio=any adds accesses the device models refuse (wrong size, a hole,
    straddling a device's end): the domain is stopped with the reason, its
    neighbour goes on."""
    result = fuzz_beside_irq(seed, cmdline=" mmio=any")
    crashed = [l for l in result.log() if l.startswith("d1 (fuzz) crashed: ")]
    assert len(crashed) == 1, result
    assert re.search(r"(read|write) of \d bytes at GPA 0x[0-9a-f]+: -?\w+ from (plic|ns16550a)",
                     crashed[0]), result
    assert "fuzz: done" not in result.domain_lines(1, "fuzz")
    assert_neighbour_finished(result)
    assert_hypervisor_healthy(result)


def test_console_switch_answers_after_the_fuzzer():
    """The hypervisor's own console (Ctrl-a focus switch) still works once
    the fuzzer is done."""
    child = spawn("--smp", "3",
                  "--domain", guest("fuzz") + f",cpus=1,cmdline=ops={OPS // 4} seed=9",
                  "--domain", guest("hello") + ",name=two,cpus=2,cmdline=wait")
    try:
        child.expect(r"console input: d1 \(fuzz\)")
        child.expect(r"\(d1:fuzz\) fuzz: done")
        child.expect(r"d1 \(fuzz\) shut down, destroyed")
        focus = []
        for _ in range(2):
            child.send("\x01\x01" * 3)
            child.expect(r"console input: ([^;\r\n]+)[;\r\n]")
            focus.append(child.match.group(1))
        assert focus == ["d2 (two)", "hypervisor ('l' lists domains)"]
    finally:
        child.terminate(force=True)
