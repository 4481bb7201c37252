"""The bench guest (guests/bench, used by `make bench`) runs under Septum
with -icount and prints its table. Benchmarks are not tests: nothing here
depends on a figure's size, only on the table's shape and on -icount's
promise that two runs count exactly the same instructions."""
import re

import pytest

from conftest import boot, guest

PATHS = ["hypercall", "psci-hvc", "unknown-call", "mmio-read", "smc-trap", "vtimer-irq", "sgi-self"]
HEADER = "bench: septum, uart 0x9000000, 1000 operations per path"
COLUMNS = "bench: path         round-trip      guest hypervisor"
ROW = re.compile(r"bench: ([a-z-]+) +(\S+) +(\S+) +(\S+)")


def table(result):
    """{path: (round trip, guest, hypervisor)} from one run's console."""
    lines = result.domain_lines(1, "bench")
    assert lines[:2] == [HEADER, COLUMNS], result
    assert lines[-1] == "bench: done", result
    rows = {}
    for line in lines[2:-1]:
        m = ROW.fullmatch(line)
        assert m, f"not a table row: {line!r}"
        rows[m.group(1)] = tuple(m.group(2, 3, 4))
    return rows


@pytest.fixture(scope="module")
def runs():
    return [boot("--smp", "1", "--icount", "--domain", guest("bench") + ",name=bench")
            for _ in range(2)]


def test_bench_guest_prints_its_table(runs):
    for result in runs:
        assert result.returncode == 0, result
        rows = table(result)
        assert list(rows) == PATHS
        for path, counts in rows.items():
            # Septum lets the guest's PMU count at EL1 and EL2: no "-".
            assert all(c.isdigit() and int(c) > 0 for c in counts), (path, counts)


def test_round_trip_is_guest_plus_hypervisor(runs):
    # What `make bench` relies on to derive Xen's EL2 figures, which its
    # PMU trap hides: the virtual counter sees exactly the two ELs' work.
    for path, (round_trip, el1, el2) in table(runs[0]).items():
        assert int(round_trip) == int(el1) + int(el2), path


def test_two_runs_count_the_same(runs):
    assert table(runs[0]) == table(runs[1])


DOORBELL = re.compile(r"shmping: bench ring_el2=(\d+) round_trip_ns=(\d+) round_trip_el2=(\d+) "
                      r"round_trip_el1=(\d+)")


@pytest.fixture(scope="module")
def doorbell_runs():
    """make bench's doorbell figures: two shmping domains under -icount."""
    return [boot("--smp", "2", "--icount",
                 "--domain", guest("shmping") + ",name=ping,cpus=0,cmdline=role=ping count=20 bench",
                 "--domain", guest("shmping") + ",name=pong,cpus=1,cmdline=role=pong count=24",
                 "--shm", "ring0,size=64K,peers=ping+pong")
            for _ in range(2)]


def doorbell_figures(result):
    found = [DOORBELL.fullmatch(line) for line in result.domain_lines(1, "ping")]
    found = [m for m in found if m]
    assert len(found) == 1, result
    return tuple(int(v) for v in found[0].groups())


def test_doorbell_figures_are_counted_and_repeat_exactly(doorbell_runs):
    first = doorbell_figures(doorbell_runs[0])
    # A ring is an exit: the hypervisor ran instructions for it.
    assert all(v > 0 for v in first), first
    assert doorbell_figures(doorbell_runs[1]) == first


LATENCY = re.compile(r"bench: latency (\d+) el2 (\d+) (\d+) ns (\d+) (\d+) slow (\d+) exits (\d+)")


@pytest.mark.parametrize("wfi", ["trap", "native"])
def test_latency_mode_takes_one_exit_per_tick(wfi):
    """latency=W: W windows of 256 timer ticks taken in WFI. Trapped, the
    tick wakes the pCPU asleep in the hypervisor and costs no exit beyond
    the WFI's own; native, it costs its interrupt's exit. Alone under
    -icount every window counts the same."""
    result = boot("--smp", "1", "--icount",
                  "--domain", guest("bench") + f",name=bench,wfi={wfi},cmdline=latency=2")
    lines = result.domain_lines(1, "bench")
    assert lines[-1] == "bench: done", result
    windows = [LATENCY.fullmatch(line) for line in lines[:-1]]
    assert all(windows) and [w.group(1) for w in windows] == ["1", "2"], lines
    assert [w.group(7) for w in windows] == ["256", "256"]
    assert windows[0].groups()[1:] == windows[1].groups()[1:]
