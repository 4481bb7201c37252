"""riscv64's exit paths: the bench guest (guests/bench, riscv64 build) under
riscv64 Septum and bare under OpenSBI, and the floor prototype
(tools/bench/floor-riscv64), all under -icount shift=0."""
import re
import subprocess

import exits
import machines

BUILD = machines.REPO / "build" / "riscv64"
BENCH_GUEST = BUILD / "guests" / "bench.bin"
FLOOR = machines.REPO / "tools" / "bench" / "floor-riscv64" / "run"
FLOOR_ROW = re.compile(r"^floor: (?P<path>[a-z][a-z-]*) (?P<round_trip>\d+) (?P<guest>\d+) "
                       r"(?P<hs>\d+)$", re.M)


def floor(workdir):
    """{path: HS instructions} of the save/dispatch/restore prototype. Every
    SBI call takes the hypercall's path there."""
    workdir.mkdir(parents=True, exist_ok=True)
    out = subprocess.run([str(FLOOR), str(workdir)], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    figures = {m["path"]: int(m["hs"]) for m in FLOOR_ROW.finditer(out)}
    for path in ("sbi-base", "unknown-call"):
        figures[path] = figures.get("hypercall")
    return figures


def bare_command(septum_cmd):
    """The same machine with the bench guest as OpenSBI's payload: what M
    mode costs to answer the same SBI calls, with no hypervisor at all."""
    cmd = machines.without_payload(septum_cmd)
    return cmd + ["-kernel", str(BENCH_GUEST)]


def measure(workdir, commands):
    """{"septum": exits.measure(), "opensbi": ..., "floor": {...}}."""
    septum_cmd = machines.launcher_command(
        ["--arch", "riscv64", "--smp", "1", "--icount", "--domain",
         f"{BENCH_GUEST},name=bench"], workdir / "septum-riscv64.dtb")
    commands["riscv64"] = septum_cmd
    septum = exits.measure(septum_cmd)
    bare_cmd = bare_command(septum_cmd)
    commands["riscv64-opensbi"] = bare_cmd
    try:
        bare = exits.measure(bare_cmd, runs=1)
    except exits.GuestError:
        bare = None
    return {"septum": septum, "opensbi": bare, "floor": floor(workdir / "floor-riscv64")}
