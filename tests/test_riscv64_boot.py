"""riscv64 boot tests: the hypervisor in HS mode on QEMU virt under OpenSBI,
with boot-time domains, through the documented launcher (--arch riscv64);
the arm64 bare-metal ones (test_boot.py) for the same guests, built from the
same sources. Systems are booted once per fixture and shared."""
import pytest

from bootlib import (
    HYPERCALL_CHECKS, check_bad_hypercalls_leave_everything_running,
    check_console_lines_carry_one_prefix, check_domains_then_the_machine_power_off,
    check_hypercalls_see_the_callers_own_domain, check_mistakes_taken_at_own_vector,
    check_neighbour_runs_to_completion, check_only_first_injection_logged,
    expect_neighbour_ticking_on, expect_reset_with_scrubbed_memory, ten_timer_ticks, timer_lines)
from bootlib import spawn as spawn_launcher
from conftest import BUILD, boot, started_domains


def guest(name):
    return str(BUILD / "riscv64" / "guests" / f"{name}.bin")


def rv_boot(*args, **kwargs):
    return boot("--arch", "riscv64", *args, **kwargs)


def spawn(*args):
    return spawn_launcher(*args, arch_args=("--arch", "riscv64"))


@pytest.fixture(scope="module")
def side_by_side():
    """Three domains at once, each on its own harts, all running to completion."""
    return rv_boot("--smp", "6", "--mem", "1G",
                   "--domain", guest("hello") + ",cpus=0,cmdline=name=first",
                   "--domain", guest("smp") + ",cpus=1-3",
                   "--domain", guest("irq") + ",cpus=4-5")


@pytest.fixture(scope="module")
def isolation():
    """Misbehaving guests beside a well-behaved one (smp, domain 4)."""
    return rv_boot("--smp", "7",
                   "--domain", guest("faulty") + ",cpus=0,cmdline=mem",
                   "--domain", guest("faulty") + ",name=trapper,cpus=1,cmdline=trap",
                   "--domain", guest("faulty") + ",name=stormy,cpus=2,cmdline=storm",
                   "--domain", guest("smp") + ",cpus=3-4",
                   "--domain", guest("faulty") + ",name=undef,cpus=5,cmdline=sysreg",
                   "--domain", guest("faulty") + ",name=stale,cpus=6,cmdline=stale")


def test_every_hart_comes_online(side_by_side):
    assert "6 pCPUs online" in side_by_side.output, side_by_side


def test_domains_get_their_own_harts(side_by_side):
    assert started_domains(side_by_side) == {
        "hello": (1, "0"), "smp": (2, "1,2,3"), "irq": (3, "4,5")}, side_by_side


def test_hello_boots_with_its_device_tree(side_by_side):
    out = side_by_side.domain_lines(1, "hello")
    assert out[0] == "hello from first", side_by_side
    assert "hello: hart 0x0" in out
    assert "hello: memory 0x80000000 size 0x4000000" in out
    assert "hello: memory clean" in out
    assert out[-1] == "hello: done"


def test_smp_guest_starts_all_its_vcpus_through_hsm(side_by_side):
    out = side_by_side.domain_lines(2, "smp")
    assert "smp: all 3 cpus up" in out, side_by_side
    up = {line.split("hart ")[1] for line in out if " up, hart " in line}
    assert up == {"0x1", "0x2"}
    assert out[-1] == "smp: done"
    assert not [line for line in out if "FAIL" in line]


def test_irq_guest_gets_timer_interrupts_and_ipis(side_by_side):
    out = side_by_side.domain_lines(3, "irq")
    assert timer_lines(out) == ten_timer_ticks(), side_by_side
    assert "irq: cpu1 got sgi from cpu0" in out
    assert "irq: cpu0 got sgi from cpu1" in out


def test_plic_source_reaches_the_vcpu_it_is_routed_to(side_by_side):
    """Source 10 (the UART's) enabled at vCPU 1's context: raised through
    the emulated 16550, moved from vCPU 0's context while pending there,
    enabled while pending; a PLIC keeps what it latched, so there is no
    clearing while pending."""
    out = side_by_side.domain_lines(3, "irq")
    assert [line for line in out if "source" in line] == [
        "irq: cpu1 got source 10",
        "irq: source 10 routed reached cpu1",
        "irq: cpu1 got source 10",
        "irq: source 10 moved while pending reached cpu1",
        "irq: cpu1 got source 10",
        "irq: source 10 enabled while pending reached cpu1"], side_by_side


def test_irq_guest_runs_to_completion(side_by_side):
    out = side_by_side.domain_lines(3, "irq")
    assert not [line for line in out if "FAIL" in line], side_by_side
    assert out[-1] == "irq: done"


def test_irq_guest_with_native_wfi():
    """WFI not trapped (hstatus.VTW clear): the guest's timer and IPIs wake
    its hart in hardware."""
    result = rv_boot("--smp", "3", "--domain", guest("irq") + ",cpus=1-2,wfi=native")
    out = result.domain_lines(1, "irq")
    assert timer_lines(out) == ten_timer_ticks(), result
    assert "irq: cpu0 got sgi from cpu1" in out
    assert out[-1] == "irq: done", result


def test_guests_timer_is_sstc_when_the_hart_has_it(side_by_side):
    assert "guests' timer: Sstc (vstimecmp)" in side_by_side.log(), side_by_side


def test_timer_without_sstc_is_sbi_set_timer_through_hvip():
    """A hart without Sstc: the guest's SBI set_timer becomes the
    hypervisor's own timer, its interrupt the guest's VSTIP."""
    result = rv_boot("--cpu", "rv64,sstc=off", "--smp", "3",
                     "--domain", guest("irq") + ",cpus=1-2")
    assert "guests' timer: SBI set_timer, emulated through hvip" in result.log(), result
    out = result.domain_lines(1, "irq")
    assert timer_lines(out) == ten_timer_ticks(), result
    assert "irq: cpu0 got sgi from cpu1" in out
    assert out[-1] == "irq: done", result


def test_console_lines_carry_one_prefix_and_never_interleave(side_by_side):
    check_console_lines_carry_one_prefix(
        side_by_side, {"hello": "hello", "smp": "smp: ", "irq": "irq: "})


def test_domains_power_off_and_then_the_machine(side_by_side):
    """Each guest's SBI SRST shutdown stops its domain; the hypervisor's own
    SRST to OpenSBI ends QEMU when none is left."""
    check_domains_then_the_machine_power_off(side_by_side, ("hello", "smp", "irq"))


def test_guest_that_cannot_go_on_is_stopped_alone(isolation):
    """stvec at unmapped memory: its breakpoint vectors into nothing."""
    log = isolation.log()
    assert any(line.startswith("d3 (stormy) crashed: instruction fetch from GPA 0x10000, "
                               "outside its memory") for line in log), isolation
    assert "faulty: still alive" not in isolation.domain_lines(3, "stormy")


@pytest.mark.parametrize("domain_id, name, taken", [
    (1, "faulty", ["faulty: the read took an access fault at its own vector",
                   "faulty: the write took an access fault at its own vector"] * 3),
    (2, "trapper", ["faulty: amoor.w took an access fault at its own vector"]),
    (5, "undef", ["faulty: csrr took an illegal instruction at its own vector"]),
    # The hypervisor reads the instruction: stval may still hold the WFI.
    (6, "stale", ["faulty: hlv.b took an illegal instruction at its own vector"]),
])
def test_guest_mistake_becomes_its_own_exception(isolation, domain_id, name, taken):
    """An access to nothing, or an atomic on a device, is the guest's own
    load/store access fault; an unknown CSR its illegal instruction (the
    hart raises it in VS mode: the hypervisor delegates it)."""
    check_mistakes_taken_at_own_vector(isolation, domain_id, name, taken)


def test_only_the_first_injected_exception_is_logged(isolation):
    check_only_first_injection_logged(
        isolation, r"d1 \(faulty\) vCPU 0: read of 4 bytes at GPA 0x8000000, "
        r"outside its RAM and devices, "
        r"pc 0x[0-9a-f]+, access fault injected \(further ones not logged\)")


def test_neighbour_of_faulty_guests_runs_to_completion(isolation):
    check_neighbour_runs_to_completion(isolation, 4, "smp")


def test_reset_restarts_from_the_original_image_with_scrubbed_memory():
    """SRST cold reboot restarts the domain alone, its memory scrubbed."""
    expect_reset_with_scrubbed_memory(
        spawn("--smp", "2", "--domain", guest("hello") + ",cpus=1,cmdline=reset"))


def test_domain_powering_off_leaves_its_neighbour_running():
    expect_neighbour_ticking_on(spawn("--smp", "3",
                                      "--domain", guest("hello") + ",cpus=0,cmdline=spin",
                                      "--domain", guest("smp") + ",cpus=1-2"))


def test_ctrl_a_three_times_moves_console_input_between_domains():
    """The physical UART's receive interrupt comes through the machine's
    PLIC to the hypervisor, which moves the focus on Ctrl-a three times:
    each domain, then the hypervisor itself, round again."""
    child = spawn("--smp", "3", "--domain", guest("hello") + ",name=one,cpus=1,cmdline=wait",
                  "--domain", guest("hello") + ",name=two,cpus=2,cmdline=wait")
    try:
        child.expect(r"console input: d1 \(one\)")
        child.expect(r"\(d2:two\) hello: done")
        # Each Ctrl-a doubled: QEMU's own escape sends one on.
        focus = []
        for _ in range(3):
            child.send("\x01\x01" * 3)
            child.expect(r"console input: ([^;\r\n]+)[;\r\n]")
            focus.append(child.match.group(1))
        assert focus == ["d2 (two)", "hypervisor ('l' lists domains)", "d1 (one)"]
    finally:
        child.terminate(force=True)


@pytest.fixture(scope="module")
def hypercalls():
    """The hcall guest, an ordinary domain, calling Septum through the SBI
    vendor extension 0x09534550."""
    return rv_boot("--smp", "3", "--domain", guest("hcall") + ",cpus=1",
                   "--domain", guest("hello") + ",cpus=2")


SBI_ERR_NOT_SUPPORTED = -2


# An unknown FID of the extension is SBI's own refusal.
@pytest.mark.parametrize("check, value",
                         HYPERCALL_CHECKS + [("unknown function", SBI_ERR_NOT_SUPPORTED)])
def test_hypercall_from_an_ordinary_domain(hypercalls, check, value):
    assert f"hcall: {check} = {value}" in hypercalls.domain_lines(1, "hcall"), hypercalls


def test_hypercalls_see_the_callers_own_domain(hypercalls):
    check_hypercalls_see_the_callers_own_domain(hypercalls)


def test_bad_hypercalls_leave_everything_running(hypercalls):
    check_bad_hypercalls_leave_everything_running(hypercalls)
