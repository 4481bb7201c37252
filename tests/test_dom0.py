"""The control domain: Debian's Linux as dom0 under Septum, /dev/septum and
the septum CLI, driven through dom0's shell on the console. One boot is
shared by this module's tests; each leaves the machine as it found it, so
they pass in any order (the power-off test has a machine of its own)."""
import json
import os
import re
import time

import pexpect
import pytest

from conftest import BOOT_TIMEOUT, BUILD, LAUNCHER

PROMPT = "dom0# "
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# A line of another domain's console or of the hypervisor's log, and the
# bare newline the hypervisor puts before one when dom0 left its line
# unfinished (dom0's own newlines come as "\r\n").
OTHERS_LINE = re.compile(r"\((?:d\d+:[^)\n]*|septum)\) [^\n]*\n")
INSERTED_BREAK = re.compile(r"(?<!\r)\n(?=\((?:d\d+:[^)\n]*|septum)\) )")
GUESTS = "/usr/share/septum/guests"
EINVAL, ESRCH = -22, -3
# make fuzz runs the fuzzers longer (SEPTUM_FUZZ_SCALE times as many operations).
FUZZ_SCALE = int(os.environ.get("SEPTUM_FUZZ_SCALE", "1"))


def others_removed(raw):
    """dom0's own output in raw console text, without "\r"."""
    text = INSERTED_BREAK.sub("", ESCAPES.sub("", raw))
    return OTHERS_LINE.sub("", text).replace("\r", "")


class Dom0:
    """dom0's shell: runs a command, returns its exit status and output."""

    def __init__(self, child, banner):
        self.child = child
        self.banner = banner

    def run(self, command, timeout=120):
        self.child.sendline(f'{command}; echo "rc=$?"')
        text, match = self.read_until(r"rc=(\d+)\n", timeout)
        rc = int(match.group(1))
        self.read_until(re.escape(PROMPT), timeout)
        # Drop the echoed command.
        return rc, "\n".join(text[:match.start()].split("\n")[1:])

    def read_until(self, pattern, timeout):
        """What dom0 printed up to pattern, and pattern's match in it. The
        hypervisor's own lines (other domains' consoles, its log) share the
        physical console and may land inside a line of dom0's, even inside
        rc=N: whole lines of theirs are taken out before matching."""
        deadline = time.monotonic() + timeout
        # A character at a time, so that nothing past the match is consumed
        # (the next expect() finds it), starting with what expect() left.
        raw, self.child.buffer = self.child.buffer, ""
        check = True
        while True:
            # Both patterns used end in a newline or a space.
            text = others_removed(raw) if check else ""
            match = re.search(pattern, text) if check else None
            if match:
                self.child.buffer = text[match.end():]
                return text, match
            left = deadline - time.monotonic()
            if left <= 0:
                raise pexpect.TIMEOUT(f"no {pattern!r} within {timeout} s in:\n"
                                      f"{others_removed(raw)}\nas read: {raw[-2000:]!r}")
            try:
                raw += self.child.read_nonblocking(1, timeout=left)
            except pexpect.TIMEOUT:
                continue
            check = raw[-1] in "\n "

    def ok(self, command, timeout=120):
        rc, out = self.run(command, timeout)
        assert rc == 0, f"{command!r} failed:\n{out}"
        return out

    def domains(self):
        return {d["name"]: d for d in json.loads(self.ok("septum list --json"))}

    def wait_for_console(self, domain, text):
        """Polls the domain's console ring (bounded) until text shows up."""
        self.ok(f"for i in $(seq 100); do septum console {domain} --dump | grep -q '{text}' "
                f"&& break; sleep 0.2; done")
        return self.ok(f"septum console {domain} --dump")


def dom0_shell(launcher_args, boots=4):
    """A machine with dom0 (and what launcher_args add), at dom0's first
    prompt; it is killed after boots times a boot's timeout."""
    child = pexpect.spawn(str(LAUNCHER), ["--timeout", str(BOOT_TIMEOUT * boots), "--dom0",
                                          *launcher_args],
                          encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    child.expect(r"Septum dom0: [^\r\n]*\r*\n")
    banner = child.after
    child.expect_exact(PROMPT)
    return Dom0(child, banner)


def boot_dom0(tmp_path_factory):
    files = tmp_path_factory.mktemp("dom0-files")
    (files / "note.txt").write_text("brought from the host\n")
    return dom0_shell(["--dom0-files", str(files)])


@pytest.fixture(scope="module")
def dom0(tmp_path_factory):
    shell = boot_dom0(tmp_path_factory)
    yield shell
    shell.child.terminate(force=True)


@pytest.fixture(scope="module")
def h1(dom0):
    """A running two-vCPU domain, for the tests that look at one."""
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name h1 --cpus 2 --cmdline 'name=h1 wait'")
    dom0.wait_for_console("h1", "hello: done")
    yield "h1"
    dom0.run("septum destroy h1")
    dom0.ok("for i in $(seq 100); do septum list | grep -q '^h1 ' || break; sleep 0.2; done")


def info(shell):
    return dict(re.findall(r"^(\w+)\s*: (.*)$", shell.ok("septum info"), re.M))


BASELINE = ("free_cpus", "free_memory", "nr_domains")


def info_back_to(shell, before):
    """A destroyed domain's memory returns once it has been scrubbed, after
    `septum destroy` returned: waits (bounded) for the figures to match."""
    for _ in range(100):
        after = info(shell)
        if all(after[k] == before[k] for k in BASELINE):
            break
        shell.ok("sleep 0.2")
    return after


def test_dom0_boots_to_a_shell_with_the_driver(dom0):
    assert "/dev/septum ready" in dom0.banner
    assert dom0.ok("ls -l /dev/septum").startswith("crw")


def test_dom0_booted_from_its_modules_in_place(dom0):
    """The launcher loads dom0's kernel and initramfs inside its RAM, where
    it boots from them: no copy of them is kept out of free memory, and
    memory QEMU handed over is not zeroed again."""
    text = dom0.ok("septum info")
    host = info(dom0)
    rows = re.findall(r"^\s+\d+ \S+\s+(\d+)\s+\d+\s+(\d+)\s+\d+$", text, re.M)
    assert rows, text
    held = sum(int(ram) for ram, _ in rows) + sum(int(kib) for _, kib in rows) // 1024
    outside = int(host["total_memory"].split()[0]) - int(host["free_memory"].split()[0]) - held
    # Only the hypervisor's own memory (image, heap, device tree) is left:
    # less than either module, each of which would count were it kept.
    smallest_module = min((BUILD / "dom0" / name).stat().st_size
                          for name in ("Image", "initramfs.cpio.gz")) >> 20
    assert 0 < outside < smallest_module, text
    assert "cold boot: free memory is known zero" in dom0.ok("septum dmesg")


def test_host_files_appear_under_mnt_host(dom0):
    assert dom0.ok("cat /mnt/host/note.txt").strip() == "brought from the host"


def test_dom0_sees_the_machine_and_itself(dom0):
    host = info(dom0)
    busy = sum(d["vcpus"] for d in dom0.domains().values())
    assert host["nr_cpus"] == "4" and int(host["free_cpus"]) == 4 - busy
    assert dom0.domains()["dom0"]["id"] == 0
    assert re.search(r"^\s+0\s+0\s+0 dom0$", dom0.ok("septum info"), re.M)


def test_domain_created_from_dom0_runs_and_its_console_is_readable(dom0, h1):
    console = dom0.ok(f"septum console {h1} --dump")
    assert "hello from h1" in console
    assert "hello: memory clean" in console
    assert dom0.domains()[h1]["state"] == "running"


def test_pause_unpause_change_state(dom0, h1):
    dom0.ok(f"septum pause {h1}")
    assert dom0.domains()[h1]["state"] == "paused"
    assert dom0.run(f"septum pause {h1}")[0] == 1  # already paused
    dom0.ok(f"septum unpause {h1}")
    assert dom0.domains()[h1]["state"] == "running"


def test_vcpu_list_shows_placement(dom0, h1):
    out = dom0.ok(f"septum vcpu-list {h1}")
    assert re.search(r"^h1\s+\d+\s+0\s+2\s+on\b", out, re.M), out


def test_destroy_returns_every_pcpu_and_byte(dom0):
    before = info(dom0)
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name h4 --cpus 1 --cmdline 'name=h4 wait'")
    dom0.wait_for_console("h4", "hello: done")
    assert info(dom0)["free_cpus"] != before["free_cpus"]
    dom0.ok("septum destroy h4")
    dom0.ok("for i in $(seq 100); do septum list | grep -q '^h4 ' || break; sleep 0.2; done")
    assert "h4" not in dom0.domains()
    after = info_back_to(dom0, before)
    for key in BASELINE:
        assert after[key] == before[key], (key, before, after)


def test_bad_ids_are_refused(dom0):
    rc, out = dom0.run("septum pause 4242 2>&1")
    assert rc == 1 and "4242" in out
    rc, _ = dom0.run("septum destroy dom0 2>&1")
    assert rc == 1


def x0_of(out):
    x0 = int(re.search(r"x0=0x([0-9a-f]+)", out).group(1), 16)
    return x0 - (1 << 64) if x0 >> 63 else x0


@pytest.mark.parametrize("call, expected", [
    ("0xc6000008 4242", ESRCH),                            # PAUSE, no such domain
    ("0xc600000b 0x10000", ESRCH),                         # DESTROY, id out of range
    ("0xc6000008 0x7ff0", EINVAL),                         # PAUSE self: not from inside
    ("--buffer=200 0xc600000d 99 0 200", ESRCH),           # DOMAIN_INFO, no such domain
])
def test_bad_hypercalls_return_errors(dom0, call, expected):
    assert x0_of(dom0.ok(f"septum raw {call}")) == expected


def test_driver_builds_every_address_and_length_itself(dom0):
    """/dev/septum never passes a register user space typed as an address or
    a length: LOG_READ with a 64-byte buffer and a 1 MiB length gets 64
    bytes at most, and a buffer call without a bounced buffer (a physical
    address typed in a register), an unknown call or a PSCI call never
    reaches the hypervisor."""
    assert 0 < x0_of(dom0.ok("septum raw --buffer=64 0xc6000011 0 0x100000 0")) <= 64
    for call in ("0xc6000003 0x40000000 104",            # PHYSINFO onto dom0's RAM
                 "0xc6000011 0x40000000 0x1000 0",       # LOG_READ onto dom0's RAM
                 "0xc6000005 1 0x40000000 0x40000000 0x1000"):  # LOAD from dom0's RAM
        rc, out = dom0.run(f"septum raw {call} 2>&1")
        assert rc == 1 and "takes a buffer" in out, (call, out)
    for call in ("0xc60003e7", "0x84000008"):            # unknown, PSCI SYSTEM_OFF
        rc, out = dom0.run(f"septum raw {call} 2>&1")
        assert rc == 1 and "not a call the /dev/septum driver knows" in out, (call, out)
    assert dom0.ok("echo alive").strip() == "alive"


def test_hypervisor_runs_on_after_bad_calls(dom0):
    for call in ("0xc6000008 4242", "--buffer=0 0xc6000003 0 0", "0xc6000006 77 1 2"):
        dom0.run(f"septum raw {call}")
    assert "d0 (dom0)" in dom0.ok("septum dmesg")
    assert dom0.domains()["dom0"]["state"] == "running"


def test_hypercall_fuzzer_leaves_the_hypervisor_healthy(dom0):
    """Random and boundary calls through /dev/septum, interleaved with valid
    life cycles; the fuzzer then checks memory and pCPUs are back and a
    fresh domain boots. A longer run: make fuzz."""
    before = info(dom0)
    out = dom0.ok(f"septum-hcall-fuzz --ops {3000 * FUZZ_SCALE} --seed 7",
                  timeout=900 * FUZZ_SCALE)
    assert "healthy: memory and pCPUs back to baseline, a fresh domain boots" in out, out
    calls = re.search(r"(\d+) calls \((\d+) refused by the driver, (\d+) ok, (\d+) errors\)", out)
    assert calls and int(calls.group(3)) > 0 and int(calls.group(4)) > 0, out
    after = info_back_to(dom0, before)
    for key in BASELINE:
        assert after[key] == before[key], (key, before, after)


def test_create_destroy_soak_returns_to_baseline(dom0):
    """200 create/destroy cycles, running and never-started domains alike."""
    before = info(dom0)
    dom0.ok("for i in $(seq 200); do "
            f"if [ $((i % 2)) = 0 ]; then p=-p; else p=; fi; "
            f"septum boot {GUESTS}/hello.bin --name s$i --cpus 3 --mem 16M --cmdline wait $p "
            ">/dev/null || exit 1; septum destroy s$i || exit 1; "
            "while septum list | grep -q \"^s$i \"; do :; done; done", timeout=1200)
    after = info_back_to(dom0, before)
    for key in BASELINE:
        assert after[key] == before[key], (key, before, after)


def switch_focus_to(dom0, pattern):
    """Presses Ctrl-a three times until console input goes to `pattern`:
    domains in id order, then the hypervisor, then round again. Under QEMU,
    Ctrl-a is also QEMU's escape: Ctrl-a Ctrl-a sends one."""
    for _ in range(10):
        dom0.child.send("\x01\x01" * 3)
        dom0.child.expect(r"console input: ([^;\r\n]+)")
        if re.fullmatch(pattern, dom0.child.match.group(1).strip()):
            return
    raise AssertionError(f"console input never went to {pattern}")


def test_console_input_switches_with_ctrl_a(dom0):
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name h2 --cpus 1 --cmdline wait")
    try:
        switch_focus_to(dom0, r"d\d+ \(h2\)")
        switch_focus_to(dom0, r"hypervisor.*")
        dom0.child.send("l")
        dom0.child.expect(r"\(h2\): running, 1 vCPU\(s\)")
    finally:
        switch_focus_to(dom0, r"d0 \(dom0\)")
    dom0.ok("septum destroy h2")


@pytest.mark.slow
def test_dom0_power_off_stops_the_machine(tmp_path_factory):
    own = boot_dom0(tmp_path_factory)  # it ends the machine: not the shared one
    own.ok(f"septum boot {GUESTS}/hello.bin --name h3 --cpus 3 --cmdline wait")
    own.child.sendline("poweroff -f")
    own.child.expect("the control domain powers off the machine")
    own.child.expect(pexpect.EOF)
    own.child.wait()
    assert own.child.exitstatus == 0


@pytest.mark.slow
def test_dom0_reboot_resets_the_machine(tmp_path_factory):
    """dom0's reboot resets the machine, as on Xen: QEMU loads dom0's
    modules again and the hypervisor, finding it is a warm reset, zeroes
    all memory it hands out (it may hold the last boot's domains)."""
    own = boot_dom0(tmp_path_factory)
    own.ok(f"septum boot {GUESTS}/hello.bin --name h4 --cpus 3 --cmdline wait")
    own.child.sendline("reboot -f")
    own.child.expect("the control domain resets the machine")
    own.child.expect(r"\(septum\) (cold boot|warm reset)")
    assert own.child.match.group(1) == "warm reset"
    own.child.expect(r"Septum dom0: [^\r\n]*\r*\n")
    own.child.expect_exact(PROMPT)
    assert "h4" not in own.domains()
    own.ok(f"septum boot {GUESTS}/hello.bin --name h5 --cpus 3 --cmdline 'name=h5 wait'")
    assert "hello: memory clean" in own.wait_for_console("h5", "hello: done")
    own.child.sendline("poweroff -f")
    own.child.expect(pexpect.EOF)
