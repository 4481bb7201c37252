"""A partitioned domain's timer latency, alone and while dom0 creates and
destroys a 1 GiB domain over and over and a third domain crashes over and
over (dom0 re-creating the faulty guest's storm). The bench guest
(latency=W) takes a 1 kHz virtual-timer tick in WFI, one at a time, and
reports per window of 256 ticks the median and most of: the hypervisor's
instructions on its pCPU from its WFI to its handler (PMU at EL2), and
the virtual time from the compare value to the handler. Everything runs
under -icount, unattended, so every figure repeats exactly.

Beside others the bench domain runs WFI natively, the setting for a
domain that wants the lowest latency, and the one where the EL2 count
means something there: under -icount QEMU's PMU counts the one global
instruction count, filtered by the EL the pCPU is at, so a pCPU asleep at
EL2 (trapped WFI) would count the other pCPUs' instructions as its own.
Alone (nothing else runs) both settings are measured."""
import re
import statistics

import dom0_script
import exits
import machines

ALONE_WINDOWS = 8
ROUNDS = 16  # of the stress loop: each creates and destroys 1 GiB, and crashes a domain
MARK = "bench-stress:"
WINDOW = re.compile(r"\(d\d+:bench\) bench: latency (?P<w>\d+) el2 (?P<el2_median>\d+) "
                    r"(?P<el2_most>\d+) ns (?P<ns_median>\d+) (?P<ns_most>\d+) "
                    r"slow (?P<slow>\d+) exits (?P<exits>\d+)")
GUESTS = "/usr/share/septum/guests"
# pCPU 0 dom0, 1 the bench domain, 2 the crashing one, 3 the 1 GiB one.
# First a control: dom0 only computes (a shell loop, no hypercall), which
# the hypervisor never sees but QEMU's round robin does.
# Other domains' output stays off dom0's console (in their rings): a
# reader copies the bench domain's onto it as it comes, as the hypervisor
# used to, so that its windows land between dom0's marks.
SCRIPT = f"""(sleep 100000 | septum console --new bench | sed 's/^/(d1:bench) /' &)
echo "{MARK} compute"
i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done
echo "{MARK} start"
for i in $(seq {ROUNDS}); do
    septum boot {GUESTS}/faulty.bin --name crasher --cpus 2 --cmdline storm > /dev/null
    septum boot {GUESTS}/hello.bin --name big --cpus 3 --mem 1G --cmdline 'name=big wait' \\
        > /dev/null || echo "{MARK} FAIL 1 GiB domain"
    for j in $(seq 50); do septum list | grep -q '^crasher .*crashed' && break; sleep 0.1; done
    septum destroy big
    septum destroy crasher
done
echo "{MARK} end"
poweroff -f
"""


def summary(windows):
    """Median (of the windows' medians) and most, of both measures."""
    return {key: {"median": statistics.median(int(w[f"{key}_median"]) for w in windows),
                  "most": max(int(w[f"{key}_most"]) for w in windows)}
            for key in ("el2", "ns")} | {"ticks": 256 * len(windows),
                                         "slow": sum(int(w["slow"]) for w in windows),
                                         "exits": sum(int(w["exits"]) for w in windows)}


def between_marks(text, first, last):
    """The windows that began after dom0 printed MARK first and ended
    before it printed MARK last (the first line after `first` closes a
    window begun before it)."""
    start, end = text.find(f"{MARK} {first}"), text.find(f"{MARK} {last}")
    if start < 0 or end < 0:
        raise exits.GuestError("dom0's script did not run to its end")
    return list(WINDOW.finditer(text, start, end))[1:]


def alone(bench_guest, machine, wfi, workdir, commands, timeout):
    cmd = machines.launcher_command(
        [*machine, "--icount", "--domain",
         f"{bench_guest},name=bench,cpus=1,wfi={wfi},cmdline=latency={ALONE_WINDOWS}"],
        workdir / f"latency-alone-{wfi}.dtb")
    commands[f"latency-alone-{wfi}"] = cmd
    windows = list(WINDOW.finditer(exits.run_until_done(cmd, timeout)))
    if not windows:
        raise exits.GuestError(f"no latency windows on the console (alone, WFI {wfi})")
    return summary(windows)


def measure(bench_guest, workdir, commands, timeout=1800):
    machine = ["--smp", "4", "--mem", "3G"]
    _, beside_cmd = dom0_script.command(
        workdir, "latency", SCRIPT,
        [*machine, "--domain", f"{bench_guest},name=bench,cpus=1,wfi=native,cmdline=latency=0"])
    commands["latency-beside"] = beside_cmd
    figures = {"alone_trap": alone(bench_guest, machine, "trap", workdir, commands, timeout),
               "alone": alone(bench_guest, machine, "native", workdir, commands, timeout)}
    text = exits.run_until_done(beside_cmd, timeout, ends=(f"{MARK} end", f"{MARK} FAIL"))
    compute, beside = between_marks(text, "compute", "start"), between_marks(text, "start", "end")
    if not compute or not beside:
        raise exits.GuestError("no latency windows while dom0's script ran")
    return figures | {"compute": summary(compute), "beside": summary(beside), "rounds": ROUNDS,
                      "crashes": len(re.findall(r"\(crasher\) crashed", text))}
