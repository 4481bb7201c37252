"""libseptum and the septum CLI on the host, without a hypervisor.

- libseptum's unit tests (tools/libseptum/tests), one pytest test per C test:
  the marshalling of every call over a recording transport.
- The host `septum`: usage handling, and a clear error without /dev/septum.
- `septum-fake`: the same CLI over a simulated hypervisor
  (tools/septum/tests), for its output formats and its hypercall sequences.
"""
import json
import os
import pathlib
import re
import struct
import subprocess

import pexpect
import pytest

from conftest import BUILD, ROOT

TOOLS = BUILD / "tools"
LIB_TESTS = TOOLS / "host" / "libseptum-tests"
SEPTUM = TOOLS / "host" / "septum"
SEPTUM_FAKE = TOOLS / "host" / "septum-fake"

VERBS = ["help", "version", "info", "list", "dominfo", "domstate", "domid", "domname", "create",
         "validate", "define", "start", "undefine", "dumpxml", "boot", "console", "pause",
         "unpause", "shutdown", "reboot", "destroy", "vcpu-list", "stats", "shm", "top", "dmesg",
         "raw"]

# A safety net for a hung command, never a verdict.
TIMEOUT = 60


def _build():
    # Incremental, so a no-op after `make`; lets this file run on its own.
    subprocess.run(["make", "-s", "-C", str(ROOT / "tools"), f"O={TOOLS}"], check=True,
                   stdout=subprocess.DEVNULL)


def _unit_test_names():
    _build()
    out = subprocess.run([str(LIB_TESTS), "--list"], stdout=subprocess.PIPE, check=True)
    return sorted(out.stdout.decode().split())


@pytest.mark.parametrize("name", _unit_test_names())
def test_libseptum_unit(name):
    proc = subprocess.run([str(LIB_TESTS), name], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stdout.decode()
    assert f"PASS {name}" in proc.stdout.decode()


class Run:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout.decode()
        self.err = proc.stderr.decode()

    def __repr__(self):
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}"


def septum(*args, binary=SEPTUM, stdin=b"", env=None):
    """Runs the CLI with `stdin` as its input (not a terminal)."""
    proc = subprocess.run([str(binary), *args], input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, check=False, timeout=TIMEOUT)
    return Run(proc)


def fake(*args, trace=None, fail=None, **kwargs):
    env = dict(os.environ)
    if trace:
        env["SEPTUM_FAKE_TRACE"] = str(trace)
    if fail:
        env["SEPTUM_FAKE_FAIL"] = fail
    return septum(*args, binary=SEPTUM_FAKE, env=env, **kwargs)


def calls(trace):
    """The hypercalls a fake run made, as (NAME, [x1..x5], rest-of-line)."""
    found = []
    for line in pathlib.Path(trace).read_text().splitlines():
        name, *regs = line.split(" ")
        found.append((name, [int(r, 16) for r in regs[:5]], " ".join(regs[5:])))
    return found


# --- usage, on the host build with its real transport ----------------------

def test_help_lists_the_verbs_but_not_raw():
    r = septum("--help")
    assert r.rc == 0, r
    listed = re.findall(r"^  (\S+) ", r.out, re.M)
    assert listed == [v for v in VERBS if v != "raw"]


def test_no_verb_is_a_usage_error():
    r = septum()
    assert r.rc == 2, r
    assert "usage: septum VERB" in r.err


def test_unknown_verb_is_a_usage_error():
    r = septum("frobnicate")
    assert r.rc == 2, r
    assert "septum: unknown verb 'frobnicate'" in r.err


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb):
    r = septum(verb, "--help")
    assert r.rc == 0, r
    assert r.out.startswith(f"usage: septum {verb}")
    assert septum("help", verb).out == r.out


@pytest.mark.parametrize("args, message", [
    (["list", "-x"], "unknown option '-x'"),
    (["list", "--bogus"], "unknown option '--bogus'"),
    (["list", "-l", "--json"], "do not go together"),
    (["list", "extra"], "too many arguments"),
    (["pause"], "missing argument"),
    (["pause", "a", "b"], "too many arguments"),
    (["boot"], "missing argument"),
    (["boot", "x.bin", "--mem"], "option '--mem' needs a value"),
    (["boot", "x.bin", "--mem", "64X"], "bad size '64X'"),
    (["boot", "x.bin", "--mem", "3M"], "multiple of 2M"),
    (["boot", "x.bin", "--cpus", "3-1"], "bad cpu list '3-1'"),
    (["boot", "x.bin", "--cpus", "0-8"], "at most 8 vCPUs"),
    (["boot", "x.bin", "--name", "42"], "cannot be a number"),
    (["boot", "x.bin", "--name", "n" * 32], "1 to 31 characters"),
    (["boot", "x.bin", "--cmdline", "c" * 512], "command line too long"),
    (["console", "d", "--new", "--dump"], "do not go together"),
    (["raw"], "missing function ID"),
    (["raw", "0xc6000000", "zz"], "bad argument 'zz'"),
    (["raw", "1", "2", "3", "4", "5", "6", "7"], "at most 5 arguments"),
])
def test_bad_command_lines_exit_2(args, message):
    r = septum(*args)
    assert r.rc == 2, r
    assert r.err.startswith(f"septum: {args[0]}: ")
    assert message in r.err


@pytest.mark.skipif(os.path.exists("/dev/septum"), reason="this host has /dev/septum")
@pytest.mark.parametrize("verb", ["list", "info", "version", "pause hello"])
def test_without_the_driver_the_error_is_clear(verb):
    r = septum(*verb.split())
    assert r.rc == 1, r
    name = verb.split()[0]
    assert f"septum: {name}: cannot open /dev/septum: No such file or directory" in r.err
    assert "control domain" in r.err


# --- output formats, over the simulated hypervisor --------------------------

def test_list_table():
    r = fake("list")
    assert r.rc == 0, r
    lines = r.out.splitlines()
    assert lines[0].split() == ["Name", "ID", "Mem(MiB)", "VCPUs", "State", "Time(s)"]
    assert [line.split() for line in lines[1:]] == [
        ["Domain-0", "0", "512", "1", "running", "12.0"],
        ["hello", "1", "64", "1", "running", "3.0"],
        ["faulty", "2", "32", "1", "crashed", "0.5"],
    ]


def test_list_long_adds_uptime_restarts_and_crash_reason():
    r = fake("list", "-l")
    assert r.rc == 0, r
    lines = r.out.splitlines()
    assert lines[0].split() == ["Name", "ID", "Mem(MiB)", "VCPUs", "State", "Time(s)",
                                "Up(s)", "Restarts", "Extra(KiB)", "Reason"]
    # Extra: copies of its loaded images and the hypervisor's tables for it.
    assert lines[2].split()[6:] == ["99.0", "0", "1048", "-"]
    assert lines[3].endswith(" data abort at IPA 0x80000000")


def test_list_json():
    r = fake("list", "--json")
    assert r.rc == 0, r
    domains = json.loads(r.out)
    assert [d["name"] for d in domains] == ["Domain-0", "hello", "faulty"]
    assert domains[2] == {"id": 2, "name": "faulty", "state": "crashed",
                          "mem_bytes": 32 << 20, "vcpus": 1, "cpu_time_ns": 500000000,
                          "created_ns": 2000000000, "restarts": 0,
                          "crash_reason": "data abort at IPA 0x80000000"}


def test_info_shows_the_host_and_who_owns_each_pcpu():
    r = fake("info")
    assert r.rc == 0, r
    fields = dict(re.findall(r"^(\w+)\s*: (.*)$", r.out, re.M))
    assert fields == {"abi_version": "1.2", "nr_cpus": "4", "free_cpus": "1",
                      "total_memory": "2048 MiB", "free_memory": "1424 MiB",
                      "largest_free": "1024 MiB",
                      "uptime": "100.0 s", "nr_domains": "3", "max_domains": "8"}
    table = r.out.split("\n\n")[1].splitlines()
    assert table[0].split() == ["pCPU", "ID", "VCPU", "Domain"]
    assert [line.split() for line in table[1:]] == [
        ["0", "0", "0", "Domain-0"], ["1", "1", "0", "hello"], ["2", "2", "0", "faulty"],
        ["3", "-", "-", "(free)"]]
    memory = r.out.split("\n\n")[2].splitlines()
    assert memory[0].split() == ["ID", "Domain", "RAM(MiB)", "Extents", "Copies(KiB)",
                                 "Tables(KiB)"]
    assert memory[2].split() == ["1", "hello", "64", "2", "1024", "24"]


def test_vcpu_list():
    r = fake("vcpu-list")
    assert r.rc == 0, r
    lines = r.out.splitlines()
    assert lines[0].split() == ["Name", "ID", "VCPU", "CPU", "State", "Time(s)",
                                "HVC", "SMC", "SYSREG", "MMIO", "IRQ", "OTHER"]
    assert lines[2].split() == ["hello", "1", "0", "1", "on", "3.0",
                                "10", "0", "3", "26", "7", "1"]
    assert len(lines) == 4
    one = fake("vcpu-list", "faulty").out.splitlines()
    assert [line.split()[:5] for line in one[1:]] == [["faulty", "2", "0", "2", "off"]]


def test_stats():
    r = fake("stats", "hello")
    assert r.rc == 0, r
    fields = dict(re.findall(r"^(\w+)\s*: (.*)$", r.out, re.M))
    assert fields == {"name": "hello", "id": "1", "hypercalls": "42", "irqs_injected": "7",
                      "console_bytes": "18"}
    table = r.out.split("\n\n")[1].splitlines()
    assert table[0].split() == ["Device", "Base", "Size", "Reads", "Writes", "IRQs"]
    assert table[1].split() == ["pl011", "0x09000000", "0x00001000", "3", "18", "0"]


def test_dmesg_prints_the_log_ring():
    r = fake("dmesg")
    assert r.rc == 0, r
    assert r.out.startswith("(septum) Septum hypervisor")
    assert "d2 (faulty): crashed" in r.out


def test_version_shows_tools_and_hypervisor():
    r = fake("version")
    assert r.rc == 0, r
    assert re.fullmatch(r"septum tools \S+ \(ABI 1\.2\)\nhypervisor ABI 1\.2\n", r.out)


def test_raw_prints_the_registers():
    r = fake("raw", "0xc6000000")
    assert r.rc == 0, r
    assert r.out == ("x0=0x0000000000010002 x1=0x0000000000000000 "
                     "x2=0x0000000000000000 x3=0x0000000000000000\n")
    r = fake("raw", "0xc6000008", "4242")  # DOMAIN_PAUSE: scalars pass
    assert r.rc == 0 and r.out.startswith("x0=0xfffffffffffffffd "), r  # -ESRCH


def test_raw_cannot_name_memory_or_unknown_calls(tmp_path):
    """The driver builds address and length registers from what it bounced:
    a raw call that takes a buffer, or one the driver does not know, is
    refused before it reaches the hypervisor."""
    trace = tmp_path / "trace"
    r = fake("raw", "0xc6000003", "0xdead0000", "104", trace=trace)  # PHYSINFO
    assert r.rc == 1 and "takes a buffer" in r.err, r
    r = fake("raw", "0xc60000ff", "-1", trace=trace)
    assert r.rc == 1 and "not a call" in r.err, r
    assert not trace.exists() or calls(trace) == []


# --- domains by name or id, and the life-cycle verbs ------------------------

@pytest.mark.parametrize("verb, call, x2", [
    ("pause", "DOMAIN_PAUSE", 0),
    # shutdown and reboot ask the guest (ABI 1.2's REQUEST_*); --force stops
    # it as if it had asked (the calls' first modes).
    ("shutdown", "DOMAIN_SHUTDOWN", 2),
    ("reboot", "DOMAIN_SHUTDOWN", 3),
    ("shutdown --force", "DOMAIN_SHUTDOWN", 0),
    ("reboot -F", "DOMAIN_SHUTDOWN", 1),
    ("destroy", "DOMAIN_DESTROY", 0),
])
@pytest.mark.parametrize("domain", ["hello", "1"])
def test_life_cycle_verbs(tmp_path, verb, call, x2, domain):
    trace = tmp_path / "trace"
    r = fake(*verb.split(), domain, trace=trace)
    assert r.rc == 0 and r.out == "", r
    name, regs, _ = calls(trace)[-1]
    assert (name, regs[0], regs[1]) == (call, 1, x2)


@pytest.mark.parametrize("args, reason", [
    (["unpause", "hello"], "hello: it is running, not paused"),
    (["pause", "faulty"], "faulty: it is crashed: only a running domain can be paused"),
    (["shutdown", "faulty"], "faulty: it is crashed already"),
    (["unpause", "faulty"], "faulty: it is crashed: only a paused domain can be unpaused"),
])
def test_a_refused_operation_says_why_in_the_users_terms(tmp_path, args, reason):
    trace = tmp_path / "trace"
    r = fake(*args, trace=trace)
    assert r.rc == 1, r
    assert r.err == f"septum: {args[0]}: {reason}\n"
    assert not [c for c in calls(trace) if c[0].startswith("DOMAIN_") and c[0] not in
                ("DOMAIN_INFO", "DOMAIN_LIST")], "refused before any call that acts"


@pytest.mark.parametrize("verb, done", [("pause", "paused"), ("destroy", "destroyed"),
                                        ("reboot", "rebooted"), ("shutdown", "shut down")])
@pytest.mark.parametrize("domain", ["Domain-0", "0"])
def test_the_control_domain_does_not_manage_itself(verb, done, domain):
    r = fake(verb, domain)
    assert r.rc == 1, r
    assert r.err == (f"septum: {verb}: {domain}: the control domain cannot be {done} from "
                     "inside (type 'poweroff' in it to stop the machine)\n")


def test_shutdown_wait_returns_once_the_guest_has_stopped(tmp_path):
    trace = tmp_path / "trace"
    r = fake("shutdown", "--wait", "hello", trace=trace)
    assert r.rc == 0 and r.out == "" and r.err == "", r
    names = [c[0] for c in calls(trace)]
    shutdown = names.index("DOMAIN_SHUTDOWN")
    assert names[shutdown + 1:] == ["DOMAIN_INFO"]  # asked until it is gone (-ESRCH)


def test_reboot_wait_returns_once_the_guest_has_restarted():
    r = fake("reboot", "-w", "hello")
    assert r.rc == 0 and r.err == "", r


@pytest.mark.parametrize("verb, what", [("shutdown", "power off"), ("reboot", "reboot")])
def test_a_guest_that_ignores_the_request_is_reported_after_the_timeout(verb, what):
    env = dict(os.environ, SEPTUM_FAKE_DEAF="1")
    r = septum(verb, "--timeout", "1", "hello", binary=SEPTUM_FAKE, env=env)
    assert r.rc == 1, r
    assert r.err == (f"septum: {verb}: hello: not responding: still running 1 s after it was "
                     f"asked to {what} (does the guest handle the power key?); 'septum destroy "
                     f"hello' stops it at once, 'septum {verb} --force hello' as if it had "
                     "asked\n")


def test_without_wait_shutdown_only_asks():
    env = dict(os.environ, SEPTUM_FAKE_DEAF="1")
    r = septum("shutdown", "hello", binary=SEPTUM_FAKE, env=env)
    assert r.rc == 0 and r.err == "", r


@pytest.mark.parametrize("args, message", [
    (["shutdown", "-t", "0", "hello"], "--timeout takes seconds, 1 to 86400: '0'"),
    (["reboot", "--timeout", "soon", "hello"], "--timeout takes seconds, 1 to 86400: 'soon'"),
])
def test_bad_timeouts_are_usage_errors(args, message):
    r = fake(*args)
    assert r.rc == 2, r
    assert message in r.err


# --- one domain at a glance, and hints ---------------------------------------

def test_dominfo_shows_one_domain():
    r = fake("dominfo", "hello")
    assert r.rc == 0, r
    fields = dict(re.findall(r"^([^:]+):\s+(.*)$", r.out, re.M))
    assert fields["Id"] == "1" and fields["Name"] == "hello" and fields["State"] == "running"
    assert fields["pCPUs"] == "1" and fields["Memory"] == "64 MiB"
    assert fields["Persistent"] == "no"


@pytest.mark.parametrize("args, out", [
    (["domstate", "hello"], "running\n"),
    (["domstate", "2"], "crashed (data abort at IPA 0x80000000)\n"),
    (["domid", "faulty"], "2\n"),
    (["domname", "2"], "faulty\n"),
    (["domname", "hello"], "hello\n"),
])
def test_domain_queries(args, out):
    r = fake(*args)
    assert r.rc == 0 and r.out == out, r


def test_version_option_needs_no_hypervisor():
    r = septum("--version")
    assert r.rc == 0 and re.fullmatch(r"septum tools \S+ \(ABI 1\.2\)\n", r.out), r


@pytest.mark.parametrize("word, hint", [("suspend", "pause"), ("resume", "unpause"),
                                        ("strat", "start"), ("dumxml", "dumpxml"),
                                        ("kill", "destroy")])
def test_unknown_verbs_get_a_hint(word, hint):
    r = septum(word)
    assert r.rc == 2, r
    assert f"Did you mean 'septum {hint}'?" in r.err


def test_no_hint_for_a_word_like_no_verb():
    r = septum("frobnicate")
    assert r.rc == 2 and "Did you mean" not in r.err, r


def test_boot_of_a_definition_points_to_create(tmp_path):
    path = tmp_path / "web.xml"
    path.write_text("<domain type='septum'/>\n")
    r = fake("boot", str(path))
    assert r.rc == 2, r
    assert f"septum: boot: {path} is a domain definition: 'septum create {path}' makes a " \
           "domain from it" in r.err


@pytest.mark.parametrize("domain", ["nosuch", "7"])
def test_an_unknown_domain_exits_1(domain):
    r = fake("pause", domain)
    assert r.rc == 1, r
    assert r.err == f"septum: pause: {domain}: no such domain\n"


# --- consoles ---------------------------------------------------------------

def test_console_dump_prints_the_ring():
    r = fake("console", "hello", "--dump")
    assert r.rc == 0, r
    assert r.out == "Hello from hello\r\n"


def test_console_from_a_script_sends_input_and_stops_at_its_end(tmp_path):
    trace = tmp_path / "trace"
    r = fake("console", "hello", stdin=b"uname\n", trace=trace)
    assert r.rc == 0, r
    # The fake guest echoes input, as a terminal would.
    assert r.out == "Hello from hello\r\nuname\n"
    writes = [c for c in calls(trace) if c[0] == "CONSOLE_WRITE"]
    assert [(c[1][0], c[1][2]) for c in writes] == [(1, 6)]


def test_console_new_skips_what_was_there():
    r = fake("console", "hello", "--new", stdin=b"x")
    assert r.rc == 0, r
    assert r.out == "x"


def test_console_on_a_terminal_detaches_with_ctrl_close_bracket():
    child = pexpect.spawn(str(SEPTUM_FAKE), ["console", "hello"], timeout=TIMEOUT)
    child.expect_exact("Escape character is '^]'\r\n")  # as xl and virsh say
    child.expect_exact("Hello from hello")
    child.send("abc")
    child.expect_exact("abc")
    child.send("\x1d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


# --- boot -------------------------------------------------------------------

def image(path, text_offset=0x80000, image_size=0x20000, payload=4096):
    """A minimal arm64 Image: the 64-byte header, then zeroes."""
    header = struct.pack("<IIQQQQQQI I", 0x14000010, 0, text_offset, image_size, 0xa,
                         0, 0, 0, 0x644d5241, 0)
    path.write_bytes(header + bytes(payload))
    return path


def test_boot_creates_loads_sets_boot_and_starts(tmp_path):
    trace = tmp_path / "trace"
    kernel = image(tmp_path / "my-guest.v2.bin")
    r = fake("boot", str(kernel), "--cmdline", "console=ttyAMA0 quiet", trace=trace)
    assert r.rc == 0, r
    assert r.out == "Started domain 3 (my-guest.v2)\n"
    made = [c for c in calls(trace) if c[0].startswith("DOMAIN_") and c[0] != "DOMAIN_LIST"]
    assert [c[0] for c in made] == ["DOMAIN_CREATE", "DOMAIN_LOAD", "DOMAIN_SET_BOOT",
                                    "DOMAIN_START"]
    # Default: 64 MiB, the lowest free pCPU.
    assert made[0][2] == ("{name=my-guest.v2 mem=67108864 pcpus=3 flags=0 "
                          "cmdline=console=ttyAMA0 quiet} -> 3")
    assert made[1][1][:2] == [3, 0x40080000]
    assert made[1][1][3] == 64 + 4096
    assert made[2][1][:3] == [3, 0x40080000, 0]


def test_boot_paused_with_options(tmp_path):
    trace = tmp_path / "trace"
    kernel = image(tmp_path / "k", text_offset=0, image_size=0)  # legacy: 0x80000
    r = fake("boot", str(kernel), "--name", "web", "--cpus", "3", "--mem", "128MiB",
             "--paused", trace=trace)
    assert r.rc == 0, r
    assert r.out == "Created domain 3 (web), paused\n"
    names = [c[0] for c in calls(trace)]
    assert "DOMAIN_START" not in names
    create = next(c for c in calls(trace) if c[0] == "DOMAIN_CREATE")
    assert "{name=web mem=134217728 pcpus=3 " in create[2]
    load = next(c for c in calls(trace) if c[0] == "DOMAIN_LOAD")
    assert load[1][1] == 0x40080000


def test_boot_with_console_attaches(tmp_path):
    r = fake("boot", str(image(tmp_path / "g.bin")), "-c")
    assert r.rc == 0, r
    assert r.out == "Started domain 3 (g)\nBooting\r\n"


@pytest.mark.parametrize("failing", ["DOMAIN_LOAD", "DOMAIN_SET_BOOT", "DOMAIN_START"])
def test_boot_destroys_what_it_made_on_failure(tmp_path, failing):
    trace = tmp_path / "trace"
    r = fake("boot", str(image(tmp_path / "g.bin")), trace=trace, fail=failing)
    assert r.rc == 1, r
    assert r.err.startswith("septum: boot: cannot ")
    assert "not enough memory" in r.err
    made = [c for c in calls(trace) if c[0] != "PHYSINFO"]  # asked again for the message
    assert made[-1][0] == "DOMAIN_DESTROY"
    assert made[-1][1][0] == 3


@pytest.mark.parametrize("args, message", [
    (["--name", "hello"], "there is already a domain named 'hello'"),
    (["--cpus", "1"], "pCPU 1 belongs to d1 (hello)"),
    (["--cpus", "5"], "there is no pCPU 5 (the host has 4)"),
    (["--mem", "4G"], "not enough memory: 4096 MiB asked, 1424 MiB free"),
    (["--mem", "2M"], "image does not fit in the domain's memory"),
])
def test_boot_refusals_exit_1_and_create_nothing(tmp_path, args, message):
    trace = tmp_path / "trace"
    kernel = image(tmp_path / "guest.bin", image_size=0x200000)
    r = fake("boot", str(kernel), *args, trace=trace)
    assert r.rc == 1, r
    assert message in r.err
    assert "DOMAIN_CREATE" not in pathlib.Path(trace).read_text()


@pytest.mark.parametrize("fail, message", [
    # The hypervisor found free memory in too many pieces (-ENOBUFS).
    ("DOMAIN_CREATE:105", "cannot create 'web': free memory is too fragmented: 64 MiB asked, "
                          "1424 MiB free in more than 16 pieces (largest 1024 MiB)"),
    # The RAM fitted, the copy of the image kept to restart from did not.
    ("DOMAIN_LOAD", "cannot create 'web': not enough memory for 64 MiB and a copy of its "
                    "image: 1424 MiB free"),
])
def test_boot_says_why_memory_was_refused(tmp_path, fail, message):
    kernel = image(tmp_path / "guest.bin", image_size=0x200000)
    r = fake("boot", str(kernel), "--name", "web", fail=fail)
    assert r.rc == 1, r
    assert r.err == f"septum: boot: {message}\n"


def test_boot_refuses_a_file_that_is_not_an_image(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\n" * 20)
    r = fake("boot", str(bad))
    assert r.rc == 1, r
    assert r.err == f"septum: boot: {bad}: not an arm64 Linux Image\n"
    missing = fake("boot", str(tmp_path / "none.bin"))
    assert missing.rc == 1
    assert "No such file or directory" in missing.err


# --- files with nothing to read ---------------------------------------------

# What each verb that reads a file must say of it, whatever the file holds
# instead of a definition or an image: the file's name and what is wrong,
# never a crash or a sanitizer's report.
NOT_A_FILE_TO_READ = {
    "empty": (b"", "empty file"),
    "blank": (b" \n\t\r\n\n", "only white space, no <domain>: not a domain definition"),
    "binary": (bytes(range(256)) * 4, "malformed XML: "),
}


@pytest.mark.parametrize("verb", ["create", "validate"])
@pytest.mark.parametrize("kind", NOT_A_FILE_TO_READ)
def test_a_definition_with_nothing_in_it_is_reported_by_name(tmp_path, verb, kind):
    content, message = NOT_A_FILE_TO_READ[kind]
    path = tmp_path / "d.xml"
    path.write_bytes(content)
    trace = tmp_path / "trace"
    r = fake(verb, str(path), trace=trace)
    assert r.rc == 1, r
    first, summary = r.err.splitlines()
    assert first.startswith(f"{path}") and message in first, r
    assert summary == f"septum: {verb}: {path}: 1 error in the definition"
    assert not trace.exists() or "DOMAIN_CREATE" not in trace.read_text()


@pytest.mark.parametrize("kind, message", [("empty", "empty file"),
                                           ("blank", "not an arm64 Linux Image"),
                                           ("binary", "not an arm64 Linux Image")])
def test_boot_of_an_image_with_nothing_in_it_is_reported_by_name(tmp_path, kind, message):
    path = tmp_path / "g.bin"
    path.write_bytes(NOT_A_FILE_TO_READ[kind][0])
    r = fake("boot", str(path))
    assert r.rc == 1, r
    assert r.err == f"septum: boot: {path}: {message}\n"


def test_an_empty_pipe_is_an_empty_file():
    r = fake("validate", "/dev/stdin", stdin=b"")
    assert r.rc == 1, r
    assert r.err.startswith("/dev/stdin: empty file\n")
