"""The exit-path figures: the bench guest (guests/bench) under -icount, on
Septum and on Xen, read from its console table."""
import re
import subprocess
import threading

HEADER = re.compile(r"bench: (?P<hyp>septum|xen|none), uart (?P<uart>0x[0-9a-f]+), "
                    r"(?P<n>\d+) operations per path")
ROW = re.compile(r"bench: (?P<path>[a-z][a-z-]*)\s+(?P<round_trip>\d+)\s+(?P<guest>\d+|-)"
                 r"\s+(?P<el2>\d+|-)\s*$")
SPREAD = re.compile(r"bench: spread (?P<path>[a-z][a-z-]*) (?P<least>\d+) (?P<median>\d+) "
                    r"(?P<most>\d+)\s*$")
DONE = "bench: done"
FAIL = "bench: FAIL"

# EL2 instructions per exit of a minimal save / C dispatch / restore
# prototype on the same paths (FINDINGS.md, "Deterministic measurement").
# A PSCI call over HVC and an unknown call take the hypercall's path there.
FLOOR = {"hypercall": 71, "psci-hvc": 71, "unknown-call": 71, "mmio-read": 119, "smc-trap": 71,
         "vtimer-irq": 69}


class GuestError(Exception):
    """The bench guest did not print its table."""


def parse(text):
    """{"hypervisor", "iterations", "paths": {name: {"round_trip", "guest",
    "el2"}}} from the guest's console; None for a column shown as "-"."""
    header = HEADER.search(text)
    if not header or DONE not in text:
        fail = next((line for line in text.splitlines() if FAIL in line), None)
        raise GuestError(fail or "no complete table on the console")
    paths = {}
    for line in text[header.end():].splitlines():
        m = ROW.search(line)
        if m and m["path"] != "path":
            paths[m["path"]] = {k: None if m[k] == "-" else int(m[k])
                                for k in ("round_trip", "guest", "el2")}
    spread = {m["path"]: {k: int(m[k]) for k in ("least", "median", "most")}
              for m in map(SPREAD.search, text[header.end():].splitlines()) if m}
    return {"hypervisor": header["hyp"], "iterations": int(header["n"]), "paths": paths,
            "spread": spread}


def run_until_done(cmd, timeout, ends=(DONE, FAIL)):
    """Runs QEMU until the guest prints its last line (one with any of
    ends in it), then stops it (Xen stays up when its only domain powers
    off); returns the console text. A hung run is killed after timeout
    seconds."""
    return run_until_line(cmd, re.compile("|".join(map(re.escape, ends))), timeout)


def run_until_line(cmd, last, timeout):
    """run_until_done() for a console whose last line matches last (or says FAIL)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, errors="replace")
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.replace("\r", ""))
            if last.search(line) or "FAIL" in line:
                break
    finally:
        watchdog.cancel()
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return "".join(lines)


def measure(cmd, runs=2, timeout=120):
    """Parses runs runs of cmd. "deterministic" says whether they printed
    the same figures, as they must under -icount."""
    results = [parse(run_until_done(cmd, timeout)) for _ in range(runs)]
    first = results[0]
    first["deterministic"] = all(r["paths"] == first["paths"] for r in results)
    first["runs"] = runs
    return first
