"""Boot tests: the hypervisor under QEMU with boot-time domains, through the
documented launcher. Systems are booted once per fixture and shared."""
import os
import re

import pytest

from bootlib import (
    HYPERCALL_CHECKS, NOT_SUPPORTED, check_bad_hypercalls_leave_everything_running,
    check_console_lines_carry_one_prefix, check_domains_then_the_machine_power_off,
    check_hypercalls_see_the_callers_own_domain, check_mistakes_taken_at_own_vector,
    check_neighbour_runs_to_completion, check_only_first_injection_logged,
    expect_neighbour_ticking_on, expect_reset_with_scrubbed_memory, spawn, ten_timer_ticks,
    timer_lines)
from conftest import BOOT_TIMEOUT, boot, guest, started_domains


@pytest.fixture(scope="module")
def side_by_side():
    """Three domains at once, each on its own pCPUs, all running to completion."""
    return boot("--smp", "6", "--mem", "1G",
                "--domain", guest("hello") + ",cpus=0,cmdline=name=first",
                "--domain", guest("smp") + ",cpus=1-3",
                "--domain", guest("irq") + ",cpus=4-5")


@pytest.fixture(scope="module")
def isolation():
    """Misbehaving guests beside a well-behaved one (irq, domain 4)."""
    return boot("--smp", "8",
                "--domain", guest("faulty") + ",cpus=0,cmdline=mem",
                "--domain", guest("faulty") + ",name=trapper,cpus=1,cmdline=trap",
                "--domain", guest("faulty") + ",name=stormy,cpus=2,cmdline=storm",
                "--domain", guest("irq") + ",cpus=3-4",
                "--domain", guest("faulty") + ",name=undef,cpus=5,cmdline=sysreg",
                "--domain", guest("faulty") + ",name=straddler,cpus=6,cmdline=straddle",
                "--domain", guest("faulty") + ",name=decoder,cpus=7,cmdline=decode")


def test_every_pcpu_comes_online(side_by_side):
    assert "6 pCPUs online" in side_by_side.output


def test_domains_get_their_own_pcpus(side_by_side):
    assert started_domains(side_by_side) == {
        "hello": (1, "0"), "smp": (2, "1,2,3"), "irq": (3, "4,5")}, side_by_side


def test_hello_boots_with_its_device_tree(side_by_side):
    out = side_by_side.domain_lines(1, "hello")
    assert out[0] == "hello from first", side_by_side
    assert "hello: mpidr 0x80000000" in out
    assert "hello: memory 0x40000000 size 0x4000000" in out
    assert "hello: memory clean" in out
    assert out[-1] == "hello: done"


def test_smp_guest_starts_all_its_vcpus(side_by_side):
    out = side_by_side.domain_lines(2, "smp")
    assert "smp: all 3 cpus up" in out, side_by_side
    up = {line.split("mpidr ")[1] for line in out if " up, mpidr " in line}
    assert up == {"0x80000001", "0x80000002"}
    assert out[-1] == "smp: done"
    assert not [line for line in out if "FAIL" in line]


def test_irq_guest_gets_timer_interrupts_and_sgis(side_by_side):
    out = side_by_side.domain_lines(3, "irq")
    assert timer_lines(out) == ten_timer_ticks(), side_by_side
    assert "irq: cpu1 got sgi from cpu0" in out
    assert "irq: cpu0 got sgi from cpu1" in out
    # The timer reaches the guest through a hardware-backed list register:
    # the hypervisor no longer masks it (CNTV_CTL.IMASK) behind its back.
    assert not [line for line in out if "FAIL" in line], side_by_side
    assert out[-1] == "irq: done"


def test_spi_reaches_the_vcpu_it_is_routed_to(side_by_side):
    """SPI 33 routed to vCPU 1: made pending through the distributor, moved
    from vCPU 0's list register while pending there, enabled and cleared
    while pending."""
    out = side_by_side.domain_lines(3, "irq")
    assert [line for line in out if "spi" in line] == [
        "irq: cpu1 got spi 33",
        "irq: spi 33 routed reached cpu1",
        "irq: cpu1 got spi 33",
        "irq: spi 33 moved while pending reached cpu1",
        "irq: cpu1 got spi 33",
        "irq: spi 33 enabled while pending reached cpu1",
        "irq: spi 33 cleared while pending stayed quiet"], side_by_side


def test_irq_guest_with_native_wfi():
    """WFI not trapped: the guest's timer and SGIs wake it in hardware."""
    result = boot("--smp", "3", "--domain", guest("irq") + ",cpus=1-2,wfi=native")
    out = result.domain_lines(1, "irq")
    assert timer_lines(out) == ten_timer_ticks(), result
    assert "irq: cpu0 got sgi from cpu1" in out
    assert out[-1] == "irq: done", result


def test_timer_interrupt_a_stopped_domain_left_active_does_not_stick():
    """The domain resets from inside its timer handler, before ending the
    interrupt: restarted on the same pCPU, it must get its timer again."""
    child = spawn("--smp", "2", "--domain", guest("irq") + ",cpus=1,cmdline=reset")
    try:
        child.expect(r"\(d1:irq\) irq: resetting from the timer handler")
        child.expect(r"d1 \(irq\) restarted")
        child.expect(r"\(d1:irq\) irq: (timer 1|FAIL[^\r\n]*)")
        assert child.match.group(1) == "timer 1"
        child.expect(r"\(d1:irq\) irq: timer 2")
    finally:
        child.terminate(force=True)


def test_console_lines_carry_one_prefix_and_never_interleave(side_by_side):
    check_console_lines_carry_one_prefix(
        side_by_side, {"hello": "hello", "smp": "smp: ", "irq": "irq: "})


def test_domains_power_off_and_then_the_machine(side_by_side):
    check_domains_then_the_machine_power_off(side_by_side, ("hello", "smp", "irq"))


@pytest.mark.parametrize("domain_id, name, reason", [
    (3, "stormy", "crashed: instruction fetch from IPA 0x10200, outside its memory"),
    (6, "straddler", "crashed: read of 8 bytes at IPA 0x9000ffc: -ERANGE from pl011, pc 0x"),
])
def test_guest_that_cannot_go_on_is_stopped_alone(isolation, domain_id, name, reason):
    log = isolation.log()
    assert any(line.startswith(f"d{domain_id} ({name}) {reason}") for line in log), isolation
    assert "faulty: still alive" not in isolation.domain_lines(domain_id, name)


@pytest.mark.parametrize("domain_id, name, taken", [
    (1, "faulty", ["faulty: the read took a data abort at its own vector",
                   "faulty: the write took a data abort at its own vector"] * 3),  # below RAM, at its end, beyond it
    (2, "trapper", ["faulty: ldp took a data abort at its own vector"]),
    (5, "undef", ["faulty: mrs took UNDEF at its own vector"]),
])
def test_guest_mistake_becomes_its_own_exception(isolation, domain_id, name, taken):
    """As under Xen: an access to nothing, or one that cannot be emulated (a
    pair), is the guest's data abort, and an unknown trapped system register
    its UNDEF; the guest handles them and goes on. (QEMU 7.2 does not
    implement HCR_EL2.TIDCP: there the CPU itself makes the IMPLEMENTATION
    DEFINED register UNDEFINED, and the hypervisor never sees it.)"""
    check_mistakes_taken_at_own_vector(isolation, domain_id, name, taken)


def test_only_the_first_injected_exception_is_logged(isolation):
    check_only_first_injection_logged(
        isolation, r"d1 \(faulty\) vCPU 0: read of 4 bytes at IPA 0x20000000, "
        r"outside its RAM and devices, "
        r"pc 0x[0-9a-f]+, data abort injected \(further ones not logged\)")


def test_accesses_without_syndrome_are_decoded_and_emulated(isolation):
    """*p++ = v and the other single-register forms that write their base
    back trap without a syndrome (ISV = 0); faulty checks every value,
    base register and extension."""
    out = isolation.domain_lines(7, "decoder")
    assert re.fullmatch(r"faulty: \d+ checks of decoded accesses passed", out[-2]), isolation
    assert not [line for line in out if "FAIL" in line or "exception" in line]
    assert out[-1] == "faulty: still alive"
    assert not [line for line in isolation.log() if line.startswith("d7 ")
                and "crashed" in line]


def test_neighbour_of_faulty_guests_runs_to_completion(isolation):
    check_neighbour_runs_to_completion(isolation, 4, "irq")


def test_reset_restarts_from_the_original_image_with_scrubbed_memory():
    expect_reset_with_scrubbed_memory(spawn("--domain", guest("hello") + ",cmdline=reset"))


def test_domain_powering_off_leaves_its_neighbour_running():
    expect_neighbour_ticking_on(spawn("--domain", guest("hello") + ",cpus=0,cmdline=spin",
                                      "--domain", guest("smp") + ",cpus=1-2"))


@pytest.mark.slow
def test_eight_pcpus_four_gib_cpu_max():
    result = boot("--smp", "8", "--mem", "4G", "--cpu", "max",
                  "--domain", guest("smp") + ",cpus=0-7,mem=128M")
    assert started_domains(result) == {"smp": (1, "0,1,2,3,4,5,6,7")}, result
    assert "smp: all 8 cpus up" in result.domain_lines(1, "smp")
    assert result.returncode == 0


@pytest.mark.slow
def test_one_pcpu_512_mib():
    result = boot("--smp", "1", "--mem", "512M", "--domain", guest("irq"))
    out = result.domain_lines(1, "irq")
    assert "irq: timer 10" in out, result
    assert out[-1] == "irq: done"
    assert result.returncode == 0


@pytest.mark.slow
def test_cpu_max_interrupts():
    result = boot("--cpu", "max", "--domain", guest("irq") + ",cpus=2-3")
    assert result.domain_lines(1, "irq")[-1] == "irq: done", result


@pytest.fixture(scope="module")
def hypercalls():
    """The hcall guest, an ordinary domain, exercising the hypercall ABI."""
    return boot("--domain", guest("hcall") + ",cpus=1", "--domain", guest("hello") + ",cpus=2")


@pytest.mark.parametrize("check, value",
                         HYPERCALL_CHECKS + [("unknown function", NOT_SUPPORTED)])
def test_hypercall_from_an_ordinary_domain(hypercalls, check, value):
    assert f"hcall: {check} = {value}" in hypercalls.domain_lines(1, "hcall"), hypercalls


def test_hypercalls_see_the_callers_own_domain(hypercalls):
    check_hypercalls_see_the_callers_own_domain(hypercalls)


def test_bad_hypercalls_leave_everything_running(hypercalls):
    check_bad_hypercalls_leave_everything_running(hypercalls)


# make fuzz runs the fuzzers longer (SEPTUM_FUZZ_SCALE times as many operations).
FUZZ_SCALE = int(os.environ.get("SEPTUM_FUZZ_SCALE", "1"))


@pytest.fixture(scope="module")
def fuzzed():
    """A hostile domain (random HVC/SMC, MMIO over its devices, trapped and
    unknown system registers) beside an ordinary one."""
    ops = 200000 * FUZZ_SCALE
    return boot("--domain", guest("fuzz") + f",cpus=1,cmdline=ops={ops} seed=11",
                "--domain", guest("hello") + ",cpus=2",
                timeout=BOOT_TIMEOUT * FUZZ_SCALE)


def test_hostile_domain_runs_its_course_and_others_go_on(fuzzed):
    fuzz = fuzzed.domain_lines(1, "fuzz")
    assert fuzz and fuzz[-1] == "fuzz: done", fuzzed
    assert fuzzed.domain_lines(2, "hello")[-1] == "hello: done", fuzzed
    assert fuzzed.returncode == 0, fuzzed
    assert not [line for line in fuzzed.log() if "panic" in line.lower()], fuzzed
