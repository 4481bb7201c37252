"""The toolstack in dom0: domains from XML definitions through every verb of
the septum command, Linux as a 2-vCPU guest, and the same definitions as
boot-time domains through the launcher. One dom0 boot is shared by the
tests that use it, which run in order."""
import csv
import io
import re
import subprocess

import pytest

from conftest import LAUNCHER, ROOT, boot, started_domains
from test_dom0 import PROMPT, dom0_shell

EXAMPLES = "/usr/share/septum/examples"
GUESTS = "/usr/share/septum/guests"
HOST = "/mnt/host"


def definition(name, kernel="hello.bin", cmdline=None, memory=32, extra=""):
    """A definition as a user writes it, for a guest dom0 carries."""
    cmdline = f"\n    <cmdline>{cmdline}</cmdline>" if cmdline is not None else ""
    return f"""<domain type='xen'>
  <name>{name}</name>
  <memory unit='MiB'>{memory}</memory>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
    <kernel>{GUESTS}/{kernel}</kernel>{cmdline}
  </os>
{extra}</domain>
"""


# Definitions brought from the host (under /mnt/host), by file name.
HOST_DEFINITIONS = {
    "bad.xml": definition("bad", extra="  <vcpu cpuset='1-2'>3</vcpu>\n"
                                       "  <devices><interface type='network'/></devices>\n"),
    "off-restart.xml": definition("offr", cmdline="name=offr",
                                  extra="  <on_poweroff>restart</on_poweroff>\n"),
    "off-preserve.xml": definition("offp", cmdline="name=offp",
                                   extra="  <on_poweroff>preserve</on_poweroff>\n"),
    "crash-destroy.xml": definition("crashd", kernel="faulty.bin", cmdline="storm",
                                    extra="  <on_crash>destroy</on_crash>\n"),
    "crash-preserve.xml": definition("crashp", kernel="faulty.bin", cmdline="storm"),
    "attach.xml": definition("att", cmdline="name=att"),
    "native-wfi.xml": definition("spinner", cmdline="name=spinner wait",
                                 extra="  <metadata><septum:septum xmlns:septum="
                                       "'http://septum.dev/xmlns/domain/1'>"
                                       "<septum:cpu wfi='native'/></septum:septum></metadata>\n"),
}


@pytest.fixture(scope="module")
def dom0(tmp_path_factory):
    files = tmp_path_factory.mktemp("definitions")
    for name, text in HOST_DEFINITIONS.items():
        (files / name).write_text(text)
    shell = dom0_shell(["--dom0-files", str(files)])
    # Long command lines must not wrap: each output starts after one line.
    shell.ok("stty columns 1000")
    yield shell
    shell.child.terminate(force=True)


def cpu_shares(shell, seconds=3):
    """Each domain's CPU time over `seconds` of the hypervisor's uptime, as
    a share of its vCPUs' time (1.0: every vCPU ran all along)."""
    rows = list(csv.DictReader(io.StringIO(shell.ok(
        f"septum top -b --csv=domains -i 2 -d {seconds}"))))
    first = {r["name"]: r for r in rows if r["sample"] == "1"}
    shares = {}
    for r in (r for r in rows if r["sample"] == "2" and r["name"] in first):
        elapsed = (float(r["uptime_s"]) - float(first[r["name"]]["uptime_s"])) * 1e9
        ran = int(r["cpu_time_ns"]) - int(first[r["name"]]["cpu_time_ns"])
        shares[r["name"]] = ran / (elapsed * int(r["vcpus"]))
    return shares


def state(shell, name):
    return shell.domains().get(name, {}).get("state")


def wait_until_gone(shell, name):
    shell.ok(f"for i in $(seq 100); do septum list | grep -q '^{name} ' || break; "
             "sleep 0.2; done")
    assert name not in shell.domains()


def test_examples_and_schema_are_in_dom0(dom0):
    assert dom0.ok(f"ls {EXAMPLES}").split() == ["hello.xml", "linux-shm.xml", "linux.xml",
                                                 "shm-pong.xml", "smp.xml"]
    assert dom0.ok("ls /usr/share/septum").split() == ["examples", "guests",
                                                      "septum-domain.rng"]
    for name in ("hello", "linux", "smp"):
        out = dom0.ok(f"septum validate {EXAMPLES}/{name}.xml")
        assert out.startswith(f"{EXAMPLES}/{name}.xml: valid: '{name}'"), out


def write_file(shell, path, text):
    """Types text into a file in dom0's shell, as a user would."""
    shell.child.sendline(f"cat > {path} <<'EOF'")
    for line in text.splitlines():
        shell.child.sendline(line)
    shell.child.sendline("EOF")
    shell.ok("true")


def test_a_definition_written_in_dom0_is_created_and_runs(dom0):
    write_file(dom0, "/root/web.xml", definition(
        "web", cmdline="name=web wait",
        extra="  <vcpu placement='static' cpuset='2-3'>1</vcpu>\n"))
    # The message is read back once the domain is quiet: its own lines share
    # the physical console and may break a dom0 line printed meanwhile.
    dom0.ok("septum create /root/web.xml > /tmp/web.out")
    console = dom0.wait_for_console("web", "hello: done")
    out = dom0.ok("cat /tmp/web.out")
    assert re.fullmatch(r"Started domain \d+ \(web\)\n", out), out
    assert "hello from web" in console and "hello: memory clean" in console
    web = dom0.domains()["web"]
    assert (web["state"], web["vcpus"], web["mem_bytes"]) == ("running", 1, 32 << 20)
    assert re.search(r"^web\s+\d+\s+0\s+2\s+on\b", dom0.ok("septum vcpu-list web"), re.M)


def test_dumpxml_prints_the_definition_as_written(dom0):
    assert dom0.ok("septum dumpxml web") == dom0.ok("cat /root/web.xml")
    # dom0 was not created from a definition: one is made from what the
    # hypervisor says.
    out = dom0.ok("septum dumpxml 0")
    assert "<!-- d0 was not created from a definition" in out
    assert "<vcpupin vcpu='0' cpuset='0'/>" in out
    assert "its RAM is direct-mapped" in out


def test_pause_and_unpause(dom0):
    dom0.ok("septum pause web")
    assert state(dom0, "web") == "paused"
    dom0.ok("septum unpause web")
    assert state(dom0, "web") == "running"


def test_a_bare_metal_guest_that_ignores_shutdown_is_reported(dom0):
    """hello handles no power key: asked to stop, it goes on, and the user is
    told so once the timeout has passed; it is not destroyed behind their
    back."""
    rc, out = dom0.run("septum shutdown --timeout 2 web 2>&1")
    assert rc == 1, out
    assert "septum: shutdown: web: not responding: still running 2 s after it was asked to " \
           "power off" in out
    assert state(dom0, "web") == "running"
    assert re.search(r"d\d+ \(web\): asked to power off", dom0.ok("septum dmesg"))


def test_reboot_force_restarts_by_default(dom0):
    dom0.ok("septum reboot --force web")
    dom0.ok("for i in $(seq 100); do septum console web --dump | grep -c 'hello: done' "
            "| grep -q 2 && break; sleep 0.2; done")
    assert dom0.domains()["web"]["restarts"] == 1
    assert state(dom0, "web") == "running"


def test_shutdown_force_destroys_by_default(dom0):
    dom0.ok("septum shutdown --force --wait web")
    assert "web" not in dom0.domains()


def test_a_domain_created_paused_runs_on_unpause(dom0):
    out = dom0.ok(f"septum boot {GUESTS}/hello.bin --name later -p --cmdline 'name=later'")
    assert re.fullmatch(r"Created domain \d+ \(later\), paused\n", out), out
    assert state(dom0, "later") == "created"
    rc, out = dom0.run("septum pause later 2>&1")
    assert rc == 1 and "later: it has not been started yet ('septum unpause' starts it)" in out
    dom0.ok("septum unpause later")
    wait_until_gone(dom0, "later")  # it ran: it greeted and powered off
    assert re.search(r"d\d+ \(later\) shut down, destroyed", dom0.ok("septum dmesg"))


def test_pause_returns_once_the_domain_is_quiet(dom0):
    """spin ticks every 100 ms: once pause has returned, not one more byte.
    One command line runs it all, writing to files, and its output is read
    once the domain is paused: its ticks share the physical console."""
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name ticker --cmdline 'name=tk spin' "
            "> /dev/null; for i in $(seq 100); do septum console ticker --dump | grep -q 'tick 3' "
            "&& break; sleep 0.1; done; septum pause ticker; "
            "septum console ticker --dump | wc -c > /tmp/before; sleep 1; "
            "septum console ticker --dump | wc -c > /tmp/after")
    before, after = dom0.ok("cat /tmp/before /tmp/after").split()
    assert before == after and int(before) > 0, (before, after)
    assert "hello: tick 3" in dom0.ok("septum console ticker --dump")
    dom0.ok("septum destroy ticker")
    wait_until_gone(dom0, "ticker")


def test_lifecycle_refusals_say_why(dom0):
    for command, message in [
            ("septum destroy 0", "septum: destroy: 0: the control domain cannot be destroyed "
                                 "from inside"),
            ("septum pause dom0", "septum: pause: dom0: the control domain cannot be paused"),
            ("septum reboot 0", "septum: reboot: 0: the control domain cannot be rebooted"),
            ("septum unpause dom0", "the control domain cannot be unpaused"),
            ("septum start web", "web: no kept definition of that name in /etc/septum/domains"),
            ("septum resume web", "Did you mean 'septum unpause'?")]:
        rc, out = dom0.run(f"{command} 2>&1")
        assert rc in (1, 2) and message in out, (command, out)


def test_kept_definitions_last_in_dom0(dom0):
    out = dom0.ok(f"septum define {HOST}/attach.xml")
    assert out == f"Domain 'att' defined from {HOST}/attach.xml\n"
    assert dom0.ok("cat /etc/septum/domains/att.xml") == dom0.ok(f"cat {HOST}/attach.xml")
    assert re.search(r"^att\s+-\s+-\s+-\s+shut off", dom0.ok("septum list --all"), re.M)
    dom0.ok("septum start att > /tmp/att.out")
    wait_until_gone(dom0, "att")  # hello powers off; on_poweroff destroys
    assert re.fullmatch(r"Started domain \d+ \(att\)\n", dom0.ok("cat /tmp/att.out"))
    assert dom0.ok("septum domstate att") == "shut off\n"
    dom0.ok("septum undefine att")
    rc, out = dom0.run("septum domstate att 2>&1")
    assert rc == 1 and "att: no such domain" in out


def test_every_mistake_is_reported_and_nothing_made(dom0):
    before = sorted(dom0.domains())
    rc, out = dom0.run(f"septum create {HOST}/bad.xml")
    assert rc == 1, out
    assert out.splitlines() == [
        f"{HOST}/bad.xml:9: element <interface>: not supported by Septum: network devices; "
        "a network card can be passed through (<septum:passthrough>)",
        f"septum: create: {HOST}/bad.xml: 1 error in the definition"]
    # Once the file is right, the machine may still say no, as precisely.
    dom0.ok(f"sed -i 's#<devices>.*</devices>##' {HOST}/bad.xml")
    rc, out = dom0.run(f"septum create {HOST}/bad.xml")
    assert rc == 1, out
    assert f"{HOST}/bad.xml:8: element <vcpu>: 3 vCPUs need as many free pCPUs, and only 2 " \
           "of those they may have are free (1-2)" in out
    assert sorted(dom0.domains()) == before


def test_on_poweroff_restart_and_preserve(dom0):
    # The guest powers off as soon as it has greeted: restarted, it does so
    # again and again, each time in the log on the shared console. One
    # command line watches and stops it, so that no other is interleaved.
    dom0.ok(f"septum create {HOST}/off-restart.xml; for i in $(seq 100); do "
            "septum list -l | grep -Eq '^offr .* [1-9][0-9]* +[0-9]+ -$' && break; sleep 0.2; done; "
            "septum destroy offr")
    wait_until_gone(dom0, "offr")
    assert re.search(r"d\d+ \(offr\) restarted", dom0.ok("septum dmesg"))
    dom0.ok(f"septum create {HOST}/off-preserve.xml")
    dom0.ok("for i in $(seq 100); do septum list | grep -q '^offp .*running' || break; "
            "sleep 0.2; done")
    assert state(dom0, "offp") == "shutting-down"
    dom0.ok("septum destroy offp")
    wait_until_gone(dom0, "offp")


def test_on_crash_destroy_and_preserve(dom0):
    dom0.ok(f"septum create {HOST}/crash-destroy.xml")
    dom0.ok(f"septum create {HOST}/crash-preserve.xml")
    wait_until_gone(dom0, "crashd")
    dom0.ok("for i in $(seq 100); do septum list | grep -q '^crashp .*crashed' && break; "
            "sleep 0.2; done")
    assert "crashp" in dom0.domains() and state(dom0, "crashp") == "crashed"
    dom0.ok("septum destroy crashp")
    wait_until_gone(dom0, "crashp")


def test_create_with_console_attaches(dom0):
    # Through a file: the hypervisor's own lines (the domain's end) share
    # dom0's console and may cut the output where they land.
    out = dom0.ok(f"septum create -c {HOST}/attach.xml < /dev/null > /tmp/att.out 2>&1; "
                  "cat /tmp/att.out")
    assert re.match(r"Started domain \d+ \(att\)\n", out), out
    wait_until_gone(dom0, "att")  # hello powers off; on_poweroff destroys


def test_linux_runs_as_a_guest_with_two_vcpus(dom0):
    dom0.ok(f"septum create {EXAMPLES}/linux.xml > /tmp/linux.out")
    console = dom0.wait_for_console("linux", "domU# ")
    out = dom0.ok("cat /tmp/linux.out")
    assert re.fullmatch(r"Started domain \d+ \(linux\)\n", out), out
    assert re.search(r"Septum domU: Linux \S+-arm64, 2 CPUs", console), console
    assert dom0.domains()["linux"]["vcpus"] == 2
    # Idle at its shell: its vCPUs sleep in WFI, which the hypervisor traps.
    assert cpu_shares(dom0)["linux"] < 0.5
    dom0.ok("echo 'grep -c ^processor /proc/cpuinfo; echo marker-$((6*7))' | "
            "septum console linux > /dev/null")
    console = dom0.wait_for_console("linux", "marker-42")
    assert re.search(r"processor /proc/cpuinfo.*\n2\r?\n", console), console



def wait_for_console_count(shell, domain, text, count, seconds):
    """Polls (bounded) until text shows up count times in the console ring."""
    shell.ok(f"for i in $(seq {seconds * 5}); do septum console {domain} --dump | "
             f"grep -c '{text}' | grep -qx {count} && break; sleep 0.2; done", timeout=seconds + 60)
    return shell.ok(f"septum console {domain} --dump")


def test_linux_reboots_when_asked(dom0):
    """Ctrl-Alt-Del on the power keys: the kernel's keyboard hands it to
    busybox init, which runs its shutdown actions and reboots; on_reboot is
    restart, so the domain comes back from its image."""
    dom0.ok("septum reboot --wait --timeout 240 linux", timeout=300)
    console = wait_for_console_count(dom0, "linux", "Septum domU: Linux", 2, 240)
    assert "Septum domU: going down" in console, console
    assert dom0.domains()["linux"]["restarts"] == 1
    assert state(dom0, "linux") == "running"


def test_linux_powers_off_when_asked(dom0):
    """The power key: gpio-keys, evdev, busybox acpid, poweroff. The guest's
    lines are kept by a console reader started before (its ring goes with
    the domain)."""
    # Its input a pipe that stays open: at end of input a console detaches.
    dom0.ok("(sleep 600 | septum console --new linux >/tmp/linux-off.log 2>&1 &)")
    child = dom0.child
    child.sendline("septum shutdown --wait --timeout 240 linux; echo rc=$?")
    child.expect(r"rc=(\d+)\r*\n", timeout=300)
    assert child.match.group(1) == "0"
    child.expect_exact(PROMPT)
    assert "linux" not in dom0.domains()  # on_poweroff is destroy
    seen = dom0.ok("sleep 1; cat /tmp/linux-off.log")
    assert "Septum domU: power key pressed, powering off" in seen, seen
    assert "Septum domU: going down" in seen, seen


def test_idle_domains_count_only_the_time_they_run(dom0):
    """A vCPU waiting in a trapped WFI gives its pCPU back: its CPU time
    stands nearly still. One that runs WFI natively holds its pCPU, and
    its time grows with the clock; septum top marks it."""
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name sleeper --cmdline 'name=sleeper wait'")
    dom0.ok(f"septum create {HOST}/native-wfi.xml")
    dom0.wait_for_console("sleeper", "hello: done")
    dom0.wait_for_console("spinner", "hello: done")  # it works, natively
    shares = cpu_shares(dom0)
    assert shares["sleeper"] < 0.5, shares
    assert shares["spinner"] > 0.8, shares
    top = dom0.ok("septum top -b -i 2 -d 1").split("\n")
    marked = {line.split()[1]: line.split()[6].endswith("*")  # the CPU(%) column
              for line in top if re.match(r"\s*\d+ (sleeper|spinner) +running ", line)}
    assert marked == {"sleeper": False, "spinner": True}, top
    dom0.ok("septum destroy sleeper && septum destroy spinner")


def test_dmesg_and_help(dom0):
    log = dom0.ok("septum dmesg")
    assert re.search(r"d\d+ \(linux\) created by the control domain", log)
    out = dom0.ok("septum help")
    for verb in ("create", "validate", "dumpxml", "list", "console", "destroy"):
        assert f"  {verb} " in out
    assert dom0.ok("septum create --help").startswith("usage: septum create FILE.xml")


def test_resources_are_all_back(dom0):
    info = dict(re.findall(r"^(\w+)\s*: (.*)$", dom0.ok("septum info"), re.M))
    assert info["nr_domains"] == "1" and info["free_cpus"] == "3"


# --- boot-time domains from the same definitions (no dom0) --------------------

def test_launcher_takes_a_definition(tmp_path):
    # Absolute paths are dom0's, found in the tree the build lays out.
    kernel = f"{GUESTS}/hello.bin"
    path = tmp_path / "greeter.xml"
    path.write_text(f"""<domain type='septum'>
  <name>greeter</name>
  <memory unit='MiB'>16</memory>
  <vcpu cpuset='2-3'>1</vcpu>
  <os><type>hvm</type><kernel>{kernel}</kernel><cmdline>name=xml</cmdline></os>
</domain>""")
    result = boot("--domain", str(path))
    assert result.returncode == 0, result
    assert started_domains(result)["greeter"][1] == "2"
    assert "hello from xml" in result.domain_lines(1, "greeter")


def test_launcher_maps_an_example_to_the_device_tree():
    out = subprocess.run([str(LAUNCHER), "--dry-run", "--domain",
                          str(ROOT / "xml" / "examples" / "smp.xml")],
                         capture_output=True, text=True, check=True).stdout
    assert 'septum,name = "smp";' in out
    assert "cpus = <2 3>;" in out
    assert "memory = <0x0 0x2000000>;" in out
    assert re.search(r'module@[0-9a-f]+ \{\s*compatible = "multiboot,kernel"', out)


def test_launcher_refuses_what_a_boot_time_domain_cannot_do(tmp_path):
    path = tmp_path / "d.xml"
    path.write_text(f"""<domain type='xen'><name>d</name><memory unit='MiB'>16</memory>
<os><type>hvm</type><kernel>{GUESTS}/hello.bin</kernel></os>
<on_crash>restart</on_crash></domain>""")
    proc = subprocess.run([str(LAUNCHER), "--dry-run", "--domain", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "on_crash 'restart'" in proc.stderr, proc.stderr
    bad = tmp_path / "bad.xml"
    bad.write_text("<domain type='xen'><name>b</name></domain>")
    proc = subprocess.run([str(LAUNCHER), "--dry-run", "--domain", str(bad)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert f"{bad}:1: element <domain>: missing <memory>" in proc.stderr, proc.stderr
