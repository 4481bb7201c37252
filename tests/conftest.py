"""Shared helpers: paths, and booting Septum through the documented launcher."""
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
LAUNCHER = ROOT / "tools" / "septum-qemu"
CORE_TESTS = BUILD / "host" / "core-tests"
RV_CORE_TESTS = BUILD / "host" / "riscv64-tests"

# A hung boot fails the test; this is a safety net, never a verdict.
BOOT_TIMEOUT = 180


def guest(name):
    return str(BUILD / "guests" / f"{name}.bin")


class Boot:
    """What one run of the launcher printed, and how it ended."""

    def __init__(self, returncode, output):
        self.returncode = returncode
        self.output = output.replace("\r", "")
        self.lines = self.output.splitlines()

    def domain_lines(self, domain_id, name):
        prefix = f"(d{domain_id}:{name}) "
        return [line[len(prefix):] for line in self.lines if line.startswith(prefix)]

    def log(self):
        return [line[len("(septum) "):] for line in self.lines if line.startswith("(septum) ")]

    def __repr__(self):
        return f"Boot(rc={self.returncode})\n{self.output}"


def boot(*args, timeout=BOOT_TIMEOUT):
    cmd = [str(LAUNCHER), "--timeout", str(timeout), *args]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, timeout=timeout + 30, check=False)
    return Boot(proc.returncode, proc.stdout.decode(errors="replace"))


def started_domains(result):
    """Maps domain name -> (id, "pCPU list") from the hypervisor start messages."""
    found = {}
    for line in result.log():
        m = re.match(r"d(\d+) \((.+)\): \d+ vCPU\(s\) on pCPU ([\d,]+), \d+ MiB, started", line)
        if m:
            found[m.group(2)] = (int(m.group(1)), m.group(3))
    return found
