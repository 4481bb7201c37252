"""What the boot tests of every architecture check alike (test_boot.py for
arm64, test_riscv64_boot.py): each arch's tests keep their own fixtures and
names, and call these where the behaviour, not just the shape, is the same."""
import re

import pexpect

from conftest import BOOT_TIMEOUT, LAUNCHER

EPERM, EINVAL, EFAULT, ENOSPC, E2BIG, NOT_SUPPORTED = -1, -22, -14, -28, -7, -1

# What the hcall guest reports, the same through either conduit (SMCCC HVC
# or the SBI vendor extension); an unknown function is the conduit's own
# refusal, so each arch adds that line.
HYPERCALL_CHECKS = [
    ("version", 0x10002),
    ("features(domain_create)", 0),
    ("features(unknown)", NOT_SUPPORTED),
    ("info(self)", 0),
    ("console_write(self)", len("written through the hypercall\n")),
    # -EPERM is -1 like NOT_SUPPORTED: the guest asks FEATURES too, so an
    # unknown call cannot pass for a refused one.
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
]


def spawn(*args, arch_args=()):
    """The launcher under pexpect, for tests that watch a run as it goes."""
    return pexpect.spawn(str(LAUNCHER), [*arch_args, "--timeout", str(BOOT_TIMEOUT), *args],
                         encoding="utf-8", timeout=BOOT_TIMEOUT)


def timer_lines(out):
    return [line for line in out if "timer" in line]


def ten_timer_ticks():
    return [f"irq: timer {n}" for n in range(1, 11)]


def check_console_lines_carry_one_prefix(result, expected_start):
    for line in result.lines:
        m = re.match(r"\(d(\d)+:(\w+)\) (.*)", line)
        if not m:
            continue
        assert m.group(3).startswith(expected_start[m.group(2)]), line
        assert "(d" not in m.group(3), line


def check_domains_then_the_machine_power_off(result, names):
    log = result.log()
    for name in names:
        assert any(line.endswith(f"({name}) shut down, destroyed") for line in log), result
    assert log[-1] == "no domain left running: powering off"
    assert result.returncode == 0


def check_mistakes_taken_at_own_vector(result, domain_id, name, taken):
    out = result.domain_lines(domain_id, name)
    assert [line for line in out if " took " in line] == taken, result
    assert not [line for line in out if "FAIL" in line]
    assert out[-1] == "faulty: still alive"
    assert f"d{domain_id} ({name}) shut down, destroyed" in result.log()


def check_only_first_injection_logged(result, pattern):
    injected = [line for line in result.log() if line.startswith("d1 (faulty) vCPU 0: ")]
    assert len(injected) == 1, result
    assert re.fullmatch(pattern, injected[0]), injected[0]


def check_neighbour_runs_to_completion(result, domain_id, name):
    out = result.domain_lines(domain_id, name)
    assert out[-1] == f"{name}: done", result
    assert f"d{domain_id} ({name}) shut down, destroyed" in result.log()
    assert not [line for line in result.log() if "hypervisor fault" in line]
    assert result.returncode == 0


def check_hypercalls_see_the_callers_own_domain(result):
    out = result.domain_lines(1, "hcall")
    assert "hcall: whoami = 1 vcpu 0" in out, result
    assert "hcall: info name hcall state 1 vcpus 1" in out
    assert "written through the hypercall" in out


def check_bad_hypercalls_leave_everything_running(result):
    assert result.domain_lines(1, "hcall")[-1] == "hcall: done", result
    assert result.domain_lines(2, "hello")[-1] == "hello: done"
    assert result.returncode == 0


def expect_reset_with_scrubbed_memory(child):
    """hello with cmdline=reset (domain 1): clean memory, a reset, then the
    original image again on clean memory."""
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


def expect_neighbour_ticking_on(child):
    """hello with cmdline=spin as domain 1 and smp as domain 2: smp powers
    off, hello goes on counting and the machine stays up."""
    try:
        child.expect(r"d2 \(smp\) shut down, destroyed")
        child.expect(r"\(d1:hello\) hello: tick (\d+)")
        first = int(child.match.group(1))
        child.expect(r"\(d1:hello\) hello: tick (\d+)")
        assert int(child.match.group(1)) == first + 1
        assert "powering off" not in child.before
    finally:
        child.terminate(force=True)
