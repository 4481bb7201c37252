"""What trapping WFI costs: an idle Linux domU's EL2 exits per second of
guest time, with WFI trapped (the default) and native. dom0, unattended
under -icount, creates the domain (xml/examples/linux.xml with the WFI
setting), waits for its shell, lets it settle, and samples septum top
twice SECONDS of virtual time apart; then the same natively."""
import re

import dom0_script
import exits
import machines

SETTLE_S = 5
SECONDS = 10
MODES = ("trap", "native")
MARK = "bench-idle:"
SCRIPT = """for mode in {modes}; do
    septum create /mnt/host/linux-$mode.xml > /dev/null || echo "{mark} FAIL create $mode"
    for i in $(seq 300); do
        septum console linux --dump | grep -q 'domU# ' && break
        sleep 1
    done
    sleep {settle}
    septum top -b --csv=domains -i 2 -d {seconds} | grep ',linux,' | sed "s/^/{mark} $mode /"
    septum destroy linux
done
echo "{mark} done"
poweroff -f
"""
CSV = re.compile(rf"^{MARK} (?P<mode>\w+) (?P<sample>\d+),(?P<uptime>[\d.]+),[^,]*,\d+,linux,"
                 r"\w+,(?P<vcpus>\d+),\d+,(?P<cpu_ns>\d+),[^,]*,(?P<exits>\d+),", re.M)


def definition(mode):
    """linux.xml, its vCPUs waiting for interrupts the `mode` way."""
    text = (machines.REPO / "xml" / "examples" / "linux.xml").read_text()
    return text.replace("</domain>", "  <metadata><septum:septum xmlns:septum="
                        f"'http://septum.dev/xmlns/domain/1'><septum:cpu wfi='{mode}'/>"
                        "</septum:septum></metadata>\n</domain>")


def measure(workdir, commands, timeout=1800):
    """{mode: {"exits_per_s", "cpu_share", "seconds"}}, per mode."""
    files, cmd = dom0_script.command(
        workdir, "idle", SCRIPT.format(modes=" ".join(MODES), mark=MARK, settle=SETTLE_S,
                                       seconds=SECONDS), ["--smp", "3"])
    for mode in MODES:
        (files / f"linux-{mode}.xml").write_text(definition(mode))
    commands["idle"] = cmd
    text = exits.run_until_done(cmd, timeout, ends=(f"{MARK} done", f"{MARK} FAIL"))
    samples = {}
    for m in CSV.finditer(text):
        samples.setdefault(m["mode"], {})[int(m["sample"])] = m
    figures = {}
    for mode in MODES:
        first, second = samples.get(mode, {}).get(1), samples.get(mode, {}).get(2)
        if not first or not second:
            raise exits.GuestError(f"idle Linux, WFI {mode}: no samples on the console")
        elapsed = float(second["uptime"]) - float(first["uptime"])
        figures[mode] = {
            "seconds": round(elapsed, 3),
            "exits": int(second["exits"]) - int(first["exits"]),
            "exits_per_s": round((int(second["exits"]) - int(first["exits"])) / elapsed, 1),
            "cpu_share": round((int(second["cpu_ns"]) - int(first["cpu_ns"])) /
                               (elapsed * 1e9 * int(second["vcpus"])), 3)}
    return figures
