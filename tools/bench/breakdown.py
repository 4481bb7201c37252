"""Where Septum's EL2 instructions go, per exit path and function: QEMU
runs one instruction per translation block (-singlestep) and logs each one
it executes (-d exec,nochain); every hypervisor instruction is charged to
the path whose guest loop (or interrupt handler) was running last."""
import bisect
import collections
import re
import subprocess

TRACE = re.compile(r"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")
# The guest's loop function of each path (guests/bench/arm64/paths.c).
PATH_FUNCTIONS = {"hypercall": "hypercall", "mmio_read": "mmio-read", "smc_trap": "smc-trap",
                  "timer_irq": "vtimer-irq", "sgi_self": "sgi-self"}
# Guest code that runs inside an operation without ending it: the
# interrupt entry and handler, and what the loops call.
INSIDE_OPERATION = {"exception_vectors", "exception_entry", "exception_dispatch", "on_irq",
                    "gic_ack", "gic_eoi", "gic_send_sgi"}


class Symbols:
    """Function lookup by address in an image's code (below __bss_start),
    from its ELF symbol table."""

    def __init__(self, elf, nm="aarch64-linux-gnu-nm"):
        out = subprocess.run([nm, "-n", elf], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in out.splitlines()]
        rows = [(int(r[0], 16), r[1], r[2]) for r in rows if len(r) == 3]
        self.addrs = [a for a, kind, _ in rows if kind in "tT"]
        self.names = [n for _, kind, n in rows if kind in "tT"]
        self.end = next(a for a, _, n in rows if n == "__bss_start")

    def lookup(self, pc):
        """The function holding pc, or None outside this image's code."""
        if not self.addrs or pc < self.addrs[0] or pc >= self.end:
            return None
        return self.names[bisect.bisect_right(self.addrs, pc) - 1]


def profile(cmd, hypervisor_elf, guest_elf, operations):
    """{path: Counter(function -> EL2 instructions per operation)} for the
    bench guest run by cmd (a Septum command line), where each path runs
    operations operations."""
    hyp, guest = Symbols(hypervisor_elf), Symbols(guest_elf)
    counts = collections.defaultdict(collections.Counter)
    current = None
    proc = subprocess.Popen(cmd + ["-singlestep", "-d", "exec,nochain"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        m = TRACE.match(line)
        if not m:
            continue
        pc = int(m.group(1), 16)
        function = hyp.lookup(pc)
        if function is not None:
            if current:
                counts[current][function] += 1
            continue
        function = guest.lookup(pc)
        if function in PATH_FUNCTIONS:
            current = PATH_FUNCTIONS[function]
        elif function not in INSIDE_OPERATION:
            current = None
    proc.wait()
    return {path: collections.Counter({f: n / operations for f, n in c.items()})
            for path, c in counts.items()}
