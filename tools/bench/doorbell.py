"""The doorbell figures: two bare-metal shmping domains sharing a region
under -icount, one pinging (with `bench`), the other answering. Printed by
the pinger: the EL2 instructions of one ring (its doorbell write, on its
own pCPU), and per round trip (ping, doorbell, pong, doorbell back) the
machine's virtual time (every instruction any pCPU retired, 1 ns each) and
the pinger's own EL2 and EL1 instructions."""
import re

import exits

FIGURES = re.compile(r"shmping: bench ring_el2=(?P<ring_el2>\d+) round_trip_ns=(?P<round_trip_ns>\d+)"
                     r" round_trip_el2=(?P<round_trip_el2>\d+) round_trip_el1=(?P<round_trip_el1>\d+)")
DONE = re.compile(r"shmping: ping: (?P<n>\d+) round trips")
ROUND_TRIPS = 100
WARMUP = 4  # shmping's untimed first round trips


def command(launcher_command, guest, dtb):
    return launcher_command(
        ["--smp", "2", "--icount",
         "--domain", f"{guest},name=ping,cpus=0,cmdline=role=ping count={ROUND_TRIPS} bench",
         "--domain", f"{guest},name=pong,cpus=1,cmdline=role=pong count={ROUND_TRIPS + WARMUP}",
         "--shm", "ring0,size=64K,peers=ping+pong"], dtb)


def run(cmd, timeout=300):
    text = exits.run_until_line(cmd, DONE, timeout)
    m = FIGURES.search(text)
    if not m:
        raise exits.GuestError(next((l for l in text.splitlines() if "FAIL" in l),
                                    "no doorbell figures on the console"))
    return {k: int(v) for k, v in m.groupdict().items()}


def measure(cmd, runs=2):
    """The figures of runs runs, and whether they were identical."""
    results = [run(cmd) for _ in range(runs)]
    return {"round_trips": ROUND_TRIPS, "figures": results[0], "runs": runs,
            "deterministic": all(r == results[0] for r in results)}
