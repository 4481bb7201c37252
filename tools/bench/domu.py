"""Linux domU and toolstack figures, Septum's dom0 beside a Xen dom0 with
Xen's own toolstack (xl, xenstored, xenconsoled; tools/bench/xen-dom0), on
the same QEMU machine: wall clock from the dom0 command (Enter) to the
domU's first console line and to its shell prompt (`septum create -c
linux.xml` against `xl create -c linux.cfg`: the same kernel, initramfs,
RAM and vCPUs), `septum list` against `xl list` timed in dom0, and the
memory each hypervisor keeps at boot and per domain as its tools report
it."""
import collections
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pexpect

import machines
import system

LINUX_XML = "/usr/share/septum/examples/linux.xml"
LINUX_CFG = "/etc/xen/linux.cfg"  # tools/bench/xen-dom0/linux.cfg
LINUX_MIB = 192  # both definitions' RAM
DOMU_PROMPT = "domU# "
LIST_BATCHES, LIST_CALLS = 5, 10  # per run: batches of calls timed in dom0
SMP = 3  # dom0's pCPU and the domU's two
EXEC_FLOOR = "/bin/true"


# What differs between the two dom0s: the commands.
Toolstack = collections.namedtuple("Toolstack", "create paused list destroy info")
SEPTUM = Toolstack(f"septum create -c {LINUX_XML}", f"septum create -p {LINUX_XML}",
                   "septum list", "septum destroy linux", "septum info")
XEN = Toolstack(f"xl create -c {LINUX_CFG}", f"xl create -p {LINUX_CFG}", "xl list",
                "xl destroy linux", "xl info")


def xen_dom0_image():
    """Builds (or finds cached) the Xen dom0 initramfs; its path."""
    out = subprocess.run(["bash", str(machines.REPO / "tools/bench/xen-dom0/build.sh"),
                          "--sysroot", str(machines.REPO / "build/tools/arm64/sysroot"),
                          str(machines.REPO / "build/dom0")],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"tools/bench/xen-dom0/build.sh failed: {out.stderr.strip()[-400:]}")
    return out.stdout.strip().splitlines()[-1]


def parse_time_real(text):
    """Seconds of the `real` line of busybox's or bash's `time` output
    ("real\t0m 1.23s", "real 0m1.234s", "real\t1.23")."""
    m = re.search(r"^real\s+(?:(\d+)h\s*)?(?:(\d+)m\s*)?([\d.]+)s?\s*$", text, re.M)
    if not m:
        raise ValueError(f"no 'real' line in {text!r}")
    hours, minutes, seconds = m.groups()
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(seconds)


def free_mib(tools, text):
    """free_memory (MiB) from `septum info` or `xl info`."""
    m = re.search(r"^free_memory\s*:\s*(\d+)", text, re.M)
    if not m:
        raise ValueError(f"{tools.info} shows no free_memory")
    return int(m.group(1))


def septum_domain_costs(info_text, name):
    """(copies KiB, tables KiB) of a domain in `septum info`'s domain table."""
    m = re.search(rf"^\s*\d+\s+{re.escape(name)}\s+\d+\s+\d+\s+(\d+)\s+(\d+)\s*$", info_text,
                  re.M)
    if not m:
        raise ValueError(f"septum info lists no domain {name}")
    return int(m.group(1)), int(m.group(2))


def per_call_seconds(shell, command):
    """Seconds per run of command, one figure per batch, timed in dom0."""
    out = []
    for _ in range(LIST_BATCHES):
        text = shell.run(f"time sh -c 'for i in $(seq {LIST_CALLS}); do {command} "
                         ">/dev/null; done' 2>&1")
        out.append(parse_time_real(text) / LIST_CALLS)
    return out


def first_domu_line(child):
    """Waits for the domU's first console line. Septum prefixes a domain's
    lines with (dN:name) on the physical console; under Xen they are the
    console's own, after xl's "Parsing config" and among Xen's (XEN) log."""
    while True:
        i = child.expect([r"\(d\d+:linux\) ", r"([^\r\n]*)\r*\n"])
        if i == 0:
            return
        line = child.match.group(1)
        if line.strip() and not line.startswith(("(XEN)", "(septum)", "Parsing config",
                                                 "xl create", "septum create",
                                                 "Started domain")):
            return


def create_figures(shell, tools):
    """(seconds to the first line, to the prompt, MiB taken beyond the
    domain's RAM, the info text while it runs); the domain is destroyed
    after."""
    before = free_mib(tools, shell.run(tools.info))
    start = time.monotonic()
    shell.child.sendline(tools.create)
    shell.child.expect_exact(tools.create)  # the echo of the command
    first_domu_line(shell.child)
    first = time.monotonic() - start
    shell.child.expect_exact(DOMU_PROMPT)
    prompt = time.monotonic() - start
    shell.child.sendcontrol("]")  # detach, as from `xl console`
    shell.child.expect_exact(system.PROMPT)
    running = shell.run(tools.info)
    overhead = before - free_mib(tools, running) - LINUX_MIB
    destroy(shell, tools)
    return first, prompt, overhead, running


def destroy(shell, tools):
    shell.run(tools.destroy)
    # Septum stops a domain asynchronously; xl returns once it is gone.
    shell.run(f"for i in $(seq 100); do {tools.list} | grep -q '^linux ' || break; "
              "sleep 0.1; done")


def paused_seconds(shell, tools):
    """Seconds the toolstack takes to build the domain, paused (its images
    loaded, nothing run), timed in dom0; the domain is destroyed after."""
    seconds = parse_time_real(shell.run(f"time {tools.paused} 2>&1"))
    destroy(shell, tools)
    return seconds


def one_run(cmd, tools, dom0_mib, samples):
    shell = system.Shell(cmd, timeout=300)
    try:
        shell.run("stty columns 1000")
        boot_info = shell.run(tools.info)
        total = int(re.search(r"^total_memory\s*:\s*(\d+)", boot_info, re.M).group(1))
        samples["boot_mib"].append(total - free_mib(tools, boot_info) - dom0_mib)
        samples["list"] += per_call_seconds(shell, tools.list)
        # What any program costs to start there: busybox, static.
        samples["exec"] += per_call_seconds(shell, EXEC_FLOOR)
        samples["paused"].append(paused_seconds(shell, tools))
        first, prompt, overhead, running = create_figures(shell, tools)
        samples["first_line"].append(first)
        samples["prompt"].append(prompt)
        samples["domain_mib"].append(overhead)
        if tools is SEPTUM:
            samples["max_domains"].append(system.info_number(shell, "max_domains"))
            copies, tables = septum_domain_costs(running, "linux")
            samples["copies_kib"].append(copies)
            samples["tables_kib"].append(tables)
    finally:
        shell.close()


def figures(xen_binary, kernel, dom0_mem, septum_cmdline, xen_cmdline, runs, work, notes):
    """The figures with dom0 (kernel, dom0_mem bytes, its command line under
    each) on Septum and, given xen_binary, on Xen; work: a folder for
    device trees."""
    work.mkdir(parents=True, exist_ok=True)

    def septum(smp):
        return machines.launcher_command(["--smp", str(smp), "--dom0", "--dom0-mem",
                                          f"{dom0_mem >> 20}M", "--dom0-cmdline",
                                          septum_cmdline], work / "septum-dom0.dtb")

    def xen(smp, initrd):
        return machines.xen_dom0(septum(smp), xen_binary, kernel, Path(initrd), xen_cmdline,
                                 dom0_mem, work)
    return measure(septum, xen if xen_binary else None, dom0_mem >> 20, runs, notes)


def measure(septum_cmd_for, xen_cmd_for, dom0_mib, runs, notes):
    """septum_cmd_for(smp) / xen_cmd_for(smp, initrd): QEMU command lines
    for dom0 with dom0_mib MiB (xen_cmd_for None without Xen). Runs
    interleaved, so that a slow stretch of the host hits both."""
    cmds = {"septum": septum_cmd_for(SMP)}
    if xen_cmd_for:
        try:
            cmds["xen"] = xen_cmd_for(SMP, xen_dom0_image())
        except RuntimeError as e:
            notes.append(f"no Xen dom0 with xl: {e}")
    keys = ("boot_mib", "list", "exec", "paused", "first_line", "prompt", "domain_mib",
            "copies_kib", "tables_kib", "max_domains")
    samples = {name: {k: [] for k in keys} for name in cmds}
    for run in range(runs):
        for name, cmd in cmds.items():
            print(f"bench: domU run {run + 1}/{runs}: {name} dom0, Linux domU, list",
                  file=sys.stderr, flush=True)
            try:
                one_run(cmd, SEPTUM if name == "septum" else XEN, dom0_mib, samples[name])
            except (system.ShellError, ValueError, pexpect.ExceptionPexpect) as e:
                notes.append(f"domU run {run + 1} under {name} failed: {str(e)[:200]}")
    return {"runs": runs, "smp": SMP, "commands": cmds, "samples": samples,
            "septum_image_ram_bytes": image_ram_bytes(machines.REPO / "build/septum.elf"),
            "septum_boot_images_mib": round(loaded_bytes(cmds["septum"]) / (1 << 20), 1),
            "median": {name: {k: round(statistics.median(v), 4) if v else None
                              for k, v in s.items()} for name, s in samples.items()}}


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def image_ram_bytes(elf):
    """Bytes of RAM the hypervisor's ELF occupies once loaded (its
    allocated sections, .bss included)."""
    out = subprocess.run(["aarch64-linux-gnu-size", "-A", str(elf)], capture_output=True,
                         text=True, check=True).stdout
    return sum(int(f[1]) for f in (line.split() for line in out.splitlines())
               if len(f) == 3 and f[0].startswith(".") and f[2].isdigit() and int(f[2]))


def loaded_bytes(cmd):
    """Bytes of the files a QEMU command line loads with -device loader
    (the hypervisor's boot modules: dom0's kernel and initramfs)."""
    files = [arg.split("file=", 1)[1].split(",", 1)[0] for arg in cmd
             if arg.startswith("loader,") and "file=" in arg]
    return sum(os.path.getsize(f) for f in files)


def print_domu(figures, slot_bytes):
    """The table: Septum, Xen, Septum/Xen, the target. slot_bytes: the
    hypervisor's static memory per domain slot."""
    med = figures["median"]
    s, x = med.get("septum", {}), med.get("xen", {})
    print(f"\nLinux domU and toolstack: Septum dom0 vs Xen dom0 with xl, -smp {figures['smp']}, "
          f"wall clock, median of {figures['runs']} runs")
    print(f"{'':<48}{'Septum':>9}{'Xen':>9}{'S/Xen':>7}{'target':>14}")
    rows = [("create -p: the toolstack builds it, paused (s)", "paused", 1, ".2f", None),
            ("create -c to domU's first console line (s)", "first_line", 1, ".2f", None),
            ("create -c to domU's shell prompt (s)", "prompt", 1, ".2f", 0.6),
            ("septum list / xl list, per call (ms)", "list", 1000, ".1f", 0.1),
            (f"  {EXEC_FLOOR} (starting a program) (ms)", "exec", 1000, ".1f", None)]
    for label, key, scale, spec, target in rows:
        sv, xv = (None if v.get(key) is None else v[key] * scale for v in (s, x))
        r = ratio(sv, xv)
        verdict = "" if target is None else f"<={target} " + (
            "-" if r is None else "met" if r <= target else "MISSED")
        print(f"{label:<48}{fmt(sv, spec):>9}{fmt(xv, spec):>9}{fmt(r, '.2f'):>7}{verdict:>14}")
    kept = figures["septum_boot_images_mib"]
    own = None if s.get("boot_mib") is None else s["boot_mib"] - kept
    memory = [("RAM not free at boot beyond dom0 (MiB)", s.get("boot_mib"), x.get("boot_mib")),
              ("  dom0's boot images, kept (MiB)", kept, 0 if x else None),
              ("  the hypervisor itself (MiB)", own, x.get("boot_mib")),
              ("free memory a domU takes beyond its RAM (MiB)", s.get("domain_mib"),
               x.get("domain_mib")),
              ("  its stage-2 tables and devices (KiB)", s.get("tables_kib"), None),
              ("  copies of its boot images (KiB)", s.get("copies_kib"), None)]
    for label, sv, xv in memory:
        print(f"{label:<48}{fmt(sv, '.1f'):>9}{fmt(xv, '.1f'):>9}")
    print(f"  Septum's image and static data: {figures['septum_image_ram_bytes']} bytes, of which"
          f" {fmt(slot_bytes)} per domain slot. Memory as\n"
          "  `septum info` / `xl info` report it (free_memory in MiB); Xen frees dom0's boot"
          " images, Septum keeps them.\n  Xen's domU console is hvc0, up late: its first line"
          " is its /init's; Septum's is the kernel's\n  first (earlycon on its PL011)."
          " list: batches of 10 calls timed with `time` in dom0.")


def fmt(value, spec=""):
    return "-" if value is None else format(value, spec)
