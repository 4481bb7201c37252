"""riscv64 boot tests: the hypervisor in HS mode on QEMU virt under OpenSBI,
with boot-time domains, through the documented launcher (--arch riscv64);
the arm64 bare-metal ones (test_boot.py) for the same guests, built from the
same sources. Systems are booted once per fixture and shared."""
import re

import pexpect
import pytest

from conftest import BOOT_TIMEOUT, BUILD, LAUNCHER, boot, started_domains


def guest(name):
    return str(BUILD / "riscv64" / "guests" / f"{name}.bin")


def rv_boot(*args, **kwargs):
    return boot("--arch", "riscv64", *args, **kwargs)


def spawn(*args):
    return pexpect.spawn(str(LAUNCHER), ["--arch", "riscv64", "--timeout", str(BOOT_TIMEOUT),
                                         *args], encoding="utf-8", timeout=BOOT_TIMEOUT)


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
    assert [f"irq: timer {n}" for n in range(1, 11)] == [l for l in out if "timer" in l], \
        side_by_side
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
    assert [l for l in out if "timer" in l] == [f"irq: timer {n}" for n in range(1, 11)], result
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
    assert [f"irq: timer {n}" for n in range(1, 11)] == [l for l in out if "timer" in l], result
    assert "irq: cpu0 got sgi from cpu1" in out
    assert out[-1] == "irq: done", result


def test_console_lines_carry_one_prefix_and_never_interleave(side_by_side):
    expected_start = {"hello": "hello", "smp": "smp: ", "irq": "irq: "}
    for line in side_by_side.lines:
        m = re.match(r"\(d(\d)+:(\w+)\) (.*)", line)
        if not m:
            continue
        assert m.group(3).startswith(expected_start[m.group(2)]), line
        assert "(d" not in m.group(3), line


def test_domains_power_off_and_then_the_machine(side_by_side):
    """Each guest's SBI SRST shutdown stops its domain; the hypervisor's own
    SRST to OpenSBI ends QEMU when none is left."""
    log = side_by_side.log()
    for name in ("hello", "smp", "irq"):
        assert any(line.endswith(f"({name}) shut down, destroyed") for line in log), side_by_side
    assert log[-1] == "no domain left running: powering off"
    assert side_by_side.returncode == 0


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
    out = isolation.domain_lines(domain_id, name)
    assert [line for line in out if " took " in line] == taken, isolation
    assert not [line for line in out if "FAIL" in line]
    assert out[-1] == "faulty: still alive"
    assert f"d{domain_id} ({name}) shut down, destroyed" in isolation.log()


def test_only_the_first_injected_exception_is_logged(isolation):
    injected = [line for line in isolation.log() if line.startswith("d1 (faulty) vCPU 0: ")]
    assert len(injected) == 1, isolation
    assert re.fullmatch(r"d1 \(faulty\) vCPU 0: read of 4 bytes at GPA 0x8000000, outside its "
                        r"RAM and devices, pc 0x[0-9a-f]+, access fault injected \(further ones "
                        r"not logged\)", injected[0])


def test_neighbour_of_faulty_guests_runs_to_completion(isolation):
    out = isolation.domain_lines(4, "smp")
    assert out[-1] == "smp: done", isolation
    assert "d4 (smp) shut down, destroyed" in isolation.log()
    assert not [line for line in isolation.log() if "hypervisor fault" in line]
    assert isolation.returncode == 0


def test_reset_restarts_from_the_original_image_with_scrubbed_memory():
    """SRST cold reboot restarts the domain alone, its memory scrubbed."""
    child = spawn("--smp", "2", "--domain", guest("hello") + ",cpus=1,cmdline=reset")
    try:
        child.expect(r"hello: memory (clean|NOT scrubbed)")
        assert child.match.group(1) == "clean"
        child.expect("hello: resetting")
        child.expect(r"d1 \(hello\) restarted")
        child.expect(r"\(d1:hello\) hello from hello")
        child.expect(r"hello: memory (clean|NOT scrubbed)")
        assert child.match.group(1) == "clean"
        child.expect("hello: done")
    finally:
        child.terminate(force=True)


def test_domain_powering_off_leaves_its_neighbour_running():
    child = spawn("--smp", "3", "--domain", guest("hello") + ",cpus=0,cmdline=spin",
                  "--domain", guest("smp") + ",cpus=1-2")
    try:
        child.expect(r"d2 \(smp\) shut down, destroyed")
        child.expect(r"\(d1:hello\) hello: tick (\d+)")
        first = int(child.match.group(1))
        child.expect(r"\(d1:hello\) hello: tick (\d+)")
        assert int(child.match.group(1)) == first + 1
        assert "powering off" not in child.before
    finally:
        child.terminate(force=True)


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


EPERM, EINVAL, EFAULT, ENOSPC, E2BIG, NOT_SUPPORTED = -1, -22, -14, -28, -7, -1
SBI_ERR_NOT_SUPPORTED = -2


@pytest.mark.parametrize("check, value", [
    ("version", 0x10002),
    ("features(domain_create)", 0),
    ("features(unknown)", NOT_SUPPORTED),
    ("info(self)", 0),
    ("console_write(self)", len("written through the hypercall\n")),
    ("pause(0)", f"{EPERM}, implemented"),
    ("destroy(self)", f"{EPERM}, implemented"),
    ("info(0)", f"{EPERM}, implemented"),
    ("physinfo", f"{EPERM}, implemented"),
    ("log_read", f"{EPERM}, implemented"),
    ("info(unmapped buffer)", EFAULT),
    ("info(wrapping buffer)", EFAULT),
    ("info(short buffer)", ENOSPC),
    ("console_read(huge)", E2BIG),
    ("console_write(beyond ram)", EFAULT),
    # An unknown FID of the extension is SBI's own refusal.
    ("unknown function", SBI_ERR_NOT_SUPPORTED),
])
def test_hypercall_from_an_ordinary_domain(hypercalls, check, value):
    assert f"hcall: {check} = {value}" in hypercalls.domain_lines(1, "hcall"), hypercalls


def test_hypercalls_see_the_callers_own_domain(hypercalls):
    out = hypercalls.domain_lines(1, "hcall")
    assert "hcall: whoami = 1 vcpu 0" in out, hypercalls
    assert "hcall: info name hcall state 1 vcpus 1" in out
    assert "written through the hypercall" in out


def test_bad_hypercalls_leave_everything_running(hypercalls):
    assert hypercalls.domain_lines(1, "hcall")[-1] == "hcall: done", hypercalls
    assert hypercalls.domain_lines(2, "hello")[-1] == "hello: done"
    assert hypercalls.returncode == 0
