"""System figures, in wall-clock seconds on this host (TCG, no -icount):
boot to dom0's shell (Septum's from starting its launcher, which runs QEMU),
`septum boot` to the new guest's first console line, creating a 1 GiB
domain (its zeroing included, wherever it happens), and the memory a domain
costs beyond its RAM. The boot's phases: the launcher's own work before it
starts QEMU (timed with --dry-run, which does all of it), the hypervisor's
own boot (from its log: counter time from its entry to its domains
started), and the rest (QEMU starting, Linux, dom0's init). Boots are also
measured in CPU seconds of the whole process tree, which other load on the
host disturbs far less than wall time."""
import os
import re
import subprocess
import time

import pexpect

PROMPT = "dom0# "
# dom0's login asks the terminal its size (cursor far off, position report);
# a terminal answers at once, where silence would cost the login a timeout.
SIZE_QUERY = "\x1b[999;999H\x1b[6n"
SIZE_ANSWER = "\x1b[24;80R"
HELLO = "/usr/share/septum/guests/hello.bin"
GUEST_MIB = 64  # `septum boot`'s default RAM


def tree_cpu_seconds(pid):
    """CPU seconds (user + system) of process pid and all its descendants,
    those that ended included (the launcher's dumpdtb and dtc runs): less
    at the mercy of other load on the host than wall time."""
    parents, own = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            parents[int(entry)] = int(fields[1])
            own[int(entry)] = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    tree, todo = set(), [pid]
    while todo:
        p = todo.pop()
        tree.add(p)
        todo += [c for c, parent in parents.items() if parent == p]
    return sum(own.get(p, 0) for p in tree) / os.sysconf("SC_CLK_TCK")


class ShellError(Exception):
    """A dom0 command failed."""


class Shell:
    """dom0's console shell, timed from QEMU's start to its first prompt."""

    def __init__(self, cmd, timeout):
        start = time.monotonic()
        self.child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace",
                                   timeout=timeout)
        try:
            self.boot_log = ""  # all of the console up to the prompt
            if self.child.expect_exact([SIZE_QUERY, PROMPT]) == 0:
                self.boot_log = self.child.before
                self.child.send(SIZE_ANSWER)
                self.child.expect_exact(PROMPT)
            self.boot_log += self.child.before
        except pexpect.ExceptionPexpect:
            self.close()
            raise
        self.boot_seconds = time.monotonic() - start
        self.boot_cpu_seconds = tree_cpu_seconds(self.child.pid)

    def run(self, command):
        """Runs command and returns its output; ShellError if it fails. The
        exit-status marker ends the output, not the prompt: the console
        carries guests' lines too."""
        self.child.sendline(f'{command}; echo "rc=$?"')
        self.child.expect(r"rc=(\d+)\r*\n")
        out, rc = self.child.before, int(self.child.match.group(1))
        self.child.expect_exact(PROMPT)
        if rc:
            raise ShellError(f"{command!r} exited {rc}: {out.strip()}")
        return out

    def close(self):
        self.child.terminate(force=True)


def boot_seconds(cmd, timeout=300):
    """Wall and CPU seconds from starting cmd (QEMU) to dom0's shell prompt."""
    shell = Shell(cmd, timeout)
    shell.close()
    return shell.boot_seconds, shell.boot_cpu_seconds


# The hypervisor's last boot line (hypervisor/core/boot.c).
HYPERVISOR_BOOT = re.compile(r"\(septum\) boot: entered at (\d+) us, domains started at (\d+) us")


def hypervisor_boot(log):
    """(entry, domains started) in counter seconds since power-on, from a
    Septum console log; None without the line."""
    m = HYPERVISOR_BOOT.search(log)
    return (int(m.group(1)) / 1e6, int(m.group(2)) / 1e6) if m else None


def hypervisor_boot_icount(cmd, timeout=300):
    """The hypervisor's boot under -icount (cmd runs with it): virtual
    seconds, one instruction a nanosecond, the same every run. The machine
    is stopped once the line is out."""
    child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace",
                          timeout=timeout)
    try:
        child.expect(HYPERVISOR_BOOT)
        return int(child.match.group(1)) / 1e6, int(child.match.group(2)) / 1e6
    finally:
        child.terminate(force=True)


def launcher_seconds(cmd):
    """Wall seconds the launcher takes before it would start QEMU: cmd is
    its command line, run with --dry-run (which does everything but that)."""
    start = time.monotonic()
    subprocess.run(cmd + ["--dry-run"], stdout=subprocess.DEVNULL, check=True)
    return time.monotonic() - start


def info_number(shell, field):
    """A numeric field of `septum info`, such as free_memory (MiB)."""
    m = re.search(rf"^{field}\s*: (\d+)", shell.run("septum info"), re.M)
    if not m:
        raise ShellError(f"septum info shows no {field}")
    return int(m.group(1))


def create_figures(shell, index):
    """In a Septum dom0 with a free pCPU 1: seconds from `septum boot` (the
    Enter key) to the guest's first console line, and the MiB of domain
    memory it took beyond its RAM. The domain is destroyed after."""
    name = f"bench{index}"
    before = info_number(shell, "free_memory")
    start = time.monotonic()
    # A domain's output is not on dom0's console: read it attached (the
    # console is polled every 50 ms, which the figure includes).
    shell.child.sendline(f"septum boot {HELLO} --name {name} --cpus 1 "
                         f"--cmdline 'name={name} wait' -c")
    shell.child.expect(f"hello from {name}")
    seconds = time.monotonic() - start
    shell.child.send("\x1d")  # detach
    shell.run("true")  # resynchronise on the prompt
    overhead = before - info_number(shell, "free_memory") - GUEST_MIB
    shell.run(f"septum destroy {name}")
    # Destruction completes asynchronously (the domain's pCPU stops it).
    shell.run(f"for i in $(seq 100); do septum list | grep -q '^{name} ' || break; "
              "sleep 0.1; done")
    return seconds, overhead


def timed(shell, command):
    """Seconds from sending command to its exit status."""
    start = time.monotonic()
    shell.run(command)
    return time.monotonic() - start


def large_create_figures(shell, index, mib=1024):
    """Seconds to create (paused, not started) a domain of `mib` MiB: the
    first time, from memory never used since boot, and again after a
    destroy, the destroy included until its memory is back, since freed
    memory is zeroed either when it is freed or when it is taken again."""
    name = f"large{index}"
    create = f"septum boot {HELLO} --name {name} --cpus 1 --mem {mib}M --paused"
    destroy = (f"septum destroy {name} && for i in $(seq 1000); do "
               f"septum list | grep -q '^{name} ' || break; done")
    first = timed(shell, create)
    again = timed(shell, destroy) + timed(shell, create)
    shell.run(destroy)
    return first, again
