"""The control domain: Debian's Linux as dom0 under Septum, /dev/septum and
the septum CLI, driven through dom0's shell on the console. One boot is
shared by this module's tests, which run in order."""
import json
import re

import pexpect
import pytest

from conftest import BOOT_TIMEOUT, LAUNCHER

PROMPT = "dom0# "
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
GUESTS = "/usr/share/septum/guests"
EFAULT, E2BIG, NOT_SUPPORTED = -14, -7, -1


class Dom0:
    """dom0's shell: runs a command, returns its exit status and output."""

    def __init__(self, child, banner):
        self.child = child
        self.banner = banner

    def run(self, command, timeout=120):
        self.child.sendline(f'{command}; echo "rc=$?"')
        self.child.expect(r"rc=(\d+)\r*\n", timeout=timeout)
        rc = int(self.child.match.group(1))
        text = ESCAPES.sub("", self.child.before).replace("\r", "")
        self.child.expect_exact(PROMPT, timeout=timeout)
        # Drop the echoed command, and the hypervisor's own lines (other
        # domains' consoles, its log), which share the physical console.
        lines = text.split("\n")[1:]
        return rc, "\n".join(l for l in lines if not l.startswith(("(d", "(septum)")))

    def ok(self, command):
        rc, out = self.run(command)
        assert rc == 0, f"{command!r} failed:\n{out}"
        return out

    def domains(self):
        return {d["name"]: d for d in json.loads(self.ok("septum list --json"))}

    def wait_for_console(self, domain, text):
        """Polls the domain's console ring (bounded) until text shows up."""
        self.ok(f"for i in $(seq 100); do septum console {domain} --dump | grep -q '{text}' "
                f"&& break; sleep 0.2; done")
        return self.ok(f"septum console {domain} --dump")


@pytest.fixture(scope="module")
def dom0(tmp_path_factory):
    files = tmp_path_factory.mktemp("dom0-files")
    (files / "note.txt").write_text("brought from the host\n")
    child = pexpect.spawn(str(LAUNCHER), ["--timeout", str(BOOT_TIMEOUT * 4), "--dom0",
                                          "--dom0-files", str(files)],
                          encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    child.expect(r"Septum dom0: [^\r\n]*\r*\n")
    banner = child.after
    child.expect_exact(PROMPT)
    shell = Dom0(child, banner)
    yield shell
    child.terminate(force=True)


def info(shell):
    return dict(re.findall(r"^(\w+)\s*: (.*)$", shell.ok("septum info"), re.M))


def test_dom0_boots_to_a_shell_with_the_driver(dom0):
    assert "/dev/septum ready" in dom0.banner
    assert dom0.ok("ls -l /dev/septum").startswith("crw")


def test_host_files_appear_under_mnt_host(dom0):
    assert dom0.ok("cat /mnt/host/note.txt").strip() == "brought from the host"


def test_dom0_sees_the_machine_and_itself(dom0):
    host = info(dom0)
    assert host["nr_cpus"] == "4" and host["free_cpus"] == "3"
    assert dom0.domains()["dom0"]["id"] == 0
    assert re.search(r"^\s+0\s+0\s+0 dom0$", dom0.ok("septum info"), re.M)


def test_domain_created_from_dom0_runs_and_its_console_is_readable(dom0):
    before = info(dom0)
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name h1 --cpus 2 --cmdline 'name=h1 wait'")
    console = dom0.wait_for_console("h1", "hello: done")
    assert "hello from h1" in console
    assert "hello: memory clean" in console
    assert dom0.domains()["h1"]["state"] == "running"
    pytest.shared_before = before


def test_pause_unpause_change_state(dom0):
    dom0.ok("septum pause h1")
    assert dom0.domains()["h1"]["state"] == "paused"
    assert dom0.run("septum pause h1")[0] == 1  # already paused
    dom0.ok("septum unpause h1")
    assert dom0.domains()["h1"]["state"] == "running"


def test_vcpu_list_shows_placement(dom0):
    out = dom0.ok("septum vcpu-list h1")
    assert re.search(r"^h1\s+\d+\s+0\s+2\s+on\b", out, re.M), out


def test_destroy_returns_every_pcpu_and_byte(dom0):
    dom0.ok("septum destroy h1")
    dom0.ok("for i in $(seq 100); do septum list | grep -q '^h1 ' || break; sleep 0.2; done")
    assert "h1" not in dom0.domains()
    after = info(dom0)
    before = pytest.shared_before
    for key in ("free_cpus", "free_memory", "nr_domains"):
        assert after[key] == before[key], (key, before, after)


def test_bad_ids_are_refused(dom0):
    rc, out = dom0.run("septum pause 4242 2>&1")
    assert rc == 1 and "4242" in out
    rc, _ = dom0.run("septum destroy dom0 2>&1")
    assert rc == 1


@pytest.mark.parametrize("call, expected", [
    ("0xc6000003 0x1000 104", EFAULT),                     # PHYSINFO into unmapped IPA
    ("0xc6000003 0xfffffffffffff000 0x2000", EFAULT),      # wrapping buffer
    ("0xc600000f 0 0x1000 0x10000000000 0", E2BIG),        # CONSOLE_READ, absurd length
    ("0xc600000d 99 0x1000 200", -3),                      # DOMAIN_INFO, no such domain
    ("0xc60003e7", NOT_SUPPORTED),                         # unknown function
])
def test_bad_hypercalls_return_errors(dom0, call, expected):
    out = dom0.ok(f"septum raw {call}")
    x0 = int(re.search(r"x0=0x([0-9a-f]+)", out).group(1), 16)
    assert x0 - (1 << 64) == expected, out


def test_hypervisor_runs_on_after_bad_calls(dom0):
    assert info(dom0)["nr_domains"] == "1"
    assert "d0 (dom0)" in dom0.ok("septum dmesg")


def test_console_input_switches_with_ctrl_a(dom0):
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name h2 --cpus 1 --cmdline wait")
    dom0.child.send("\x01\x01\x01")
    dom0.child.expect(r"console input: d\d+ \(h2\)")
    dom0.child.send("\x01\x01\x01")
    dom0.child.expect(r"console input: hypervisor")
    dom0.child.send("l")
    dom0.child.expect(r"\(h2\): running, 1 vCPU\(s\)")
    dom0.child.send("\x01\x01\x01")
    dom0.child.expect(r"console input: d0 \(dom0\)")
    dom0.ok("septum destroy h2")


def test_dom0_power_off_stops_the_machine(dom0):
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name h3 --cpus 3 --cmdline wait")
    dom0.child.sendline("poweroff -f")
    dom0.child.expect("the control domain powers off the machine")
    dom0.child.expect(pexpect.EOF)
    dom0.child.wait()
    assert dom0.child.exitstatus == 0
