"""septum top, the live monitor.

- On the host, over the simulated hypervisor (septum-fake): batch text and
  CSV, and the interactive screen read through a terminal emulator (pyte),
  with SEPTUM_FAKE_SCRIPT making domains busy, appear, crash, vanish, and
  statistics calls fail (tools/septum/tests/fake_script.c).
- In dom0 under QEMU: batch output against known domains, one of them busy,
  and the screen of a real session.

Waits are bounded by generous deadlines, which are safety nets: a test is
decided by what the monitor shows, never by how fast it shows it.
"""
import csv
import curses
import io
import os
import re
import signal
import subprocess
import termios
import time

import pexpect
import pyte
import pytest

from conftest import BOOT_TIMEOUT, BUILD, LAUNCHER, ROOT
from test_dom0 import GUESTS, PROMPT, Dom0

SEPTUM_FAKE = BUILD / "tools" / "host" / "septum-fake"
DEADLINE = 60
BLOCKS = "▁▂▃▄▅▆▇█"
# An xterm that pyte emulates faithfully: xterm's own entry has REP (repeat
# the last character), which pyte lacks.
TERM = "xterm-xfree86"


def key(capability):
    """What TERM's key sends, e.g. key("kcud1") for Down."""
    curses.setupterm(TERM, 1)  # once per process: later calls do nothing
    return curses.tigetstr(capability).decode()


@pytest.fixture(scope="module", autouse=True)
def built():
    # Incremental, so a no-op after `make`; lets this file run on its own.
    subprocess.run(["make", "-s", "-C", str(ROOT / "tools"), f"O={BUILD / 'tools'}"], check=True,
                   stdout=subprocess.DEVNULL)


def fake_env(script="", lang="C", term=TERM):
    # Undefined behaviour stops the program, so that a test sees it.
    env = dict(os.environ, TERM=term, LANG=lang, LC_ALL=lang,
               UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    if script is not None:
        env["SEPTUM_FAKE_SCRIPT"] = script
    return env


def top(*args, script=""):
    """Runs `septum-fake top ARGS` to its end, stdin not a terminal."""
    proc = subprocess.run([str(SEPTUM_FAKE), "top", *args], env=fake_env(script),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=DEADLINE, check=False)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


# --- batch text: parsing -----------------------------------------------------

def samples(text):
    """The samples of a batch run, each as {"head", "host", "summary": line,
    "domains", "pcpus", "devices": [{heading: field}], "problems": [line]}."""
    found = []
    for chunk in text.split("septum top: sample ")[1:]:
        sections = chunk.strip("\n").split("\n\n")
        head = sections[0].splitlines()
        sample = {"head": head[0], "host": head[1], "summary": head[2] if len(head) > 2 else ""}
        for section in sections[1:]:
            lines = section.splitlines()
            if lines[0] == "problems:":
                sample["problems"] = [line.strip() for line in lines[1:]]
            else:
                table = {"ID": "domains", "PCPU": "pcpus"}[lines[0].split()[0]]
                if "DEVICE" in lines[0]:
                    table = "devices"
                sample[table] = [dict(zip(lines[0].split(), line.split())) for line in lines[1:]]
        found.append(sample)
    return found


def by(rows, key):
    return {row[key]: row for row in rows}


def positive(text):
    return text not in ("-", "?") and float(text) > 0


# --- batch text ---------------------------------------------------------------

def test_batch_prints_host_placement_domains_and_devices():
    rc, out, err = top("-b", "-i", "2", "-d", "0.2")
    assert rc == 0 and err == "", err
    first, second = samples(out)
    assert first["head"] == "1, interval 0.00 s"
    assert first["host"] == ("host: ABI 1.2, up 100.0 s, 4 pCPUs (1 free), "
                             "memory 2048 MiB (1424 MiB free, largest 1024 MiB)")
    assert first["summary"] == "domains: 3 (running 2, crashed 1)"
    assert [(r["PCPU"], r["ID"], r["NAME"], r["VCPU"], r["STATE"]) for r in first["pcpus"]] == [
        ("0", "0", "Domain-0", "0", "on"), ("1", "1", "hello", "0", "on"),
        ("2", "2", "faulty", "0", "crashed"), ("3", "-", "(free)", "-", "free")]
    assert [(r["ID"], r["NAME"], r["STATE"]) for r in first["domains"]] == [
        ("0", "Domain-0", "running"), ("1", "hello", "running"), ("2", "faulty", "crashed")]
    # No rate before a second sample.
    for row in first["domains"]:
        assert [row[k] for k in ("CPU(%)", "EXITS/s", "IRQS/s", "HCALLS/s", "CONS(B/s)")] == \
            ["-"] * 5
    assert [(r["NAME"], r["DEVICE"], r["BASE"]) for r in first["devices"]][:2] == [
        ("Domain-0", "pl011", "0x09000000"), ("Domain-0", "gicd", "0x08000000")]
    assert second["head"].startswith("2, interval ")


def test_batch_rates_move_with_the_counters_of_busy_domains():
    rc, out, err = top("-b", "-i", "2", "-d", "0.2")
    assert rc == 0, err
    second = samples(out)[1]
    domains = by(second["domains"], "NAME")
    for busy in ("Domain-0", "hello"):
        for column in ("CPU(%)", "EXITS/s", "IRQS/s", "HCALLS/s", "CONS(B/s)"):
            assert positive(domains[busy][column]), (busy, column, out)
    # The crashed domain's counters stand still.
    assert [domains["faulty"][k] for k in ("CPU(%)", "EXITS/s", "CONS(B/s)")] == ["0.0"] * 3
    pcpus = by(second["pcpus"], "PCPU")
    assert positive(pcpus["1"]["LOAD(%)"]) and positive(pcpus["1"]["EXITS/s"])
    assert pcpus["3"]["LOAD(%)"] == "-"
    pl011 = next(r for r in second["devices"] if r["NAME"] == "hello" and r["DEVICE"] == "pl011")
    assert positive(pl011["WRITES/s"]) and int(pl011["WRITES"]) > 18


def test_batch_marks_the_cpu_share_of_a_domain_running_wfi_natively():
    rc, out, err = top("-b", "-i", "2", "-d", "0.2", script="1:native-wfi:hello")
    assert rc == 0, err
    domains = by(samples(out)[1]["domains"], "NAME")
    assert domains["hello"]["CPU(%)"].endswith("*") and positive(domains["hello"]["CPU(%)"][:-1])
    assert not domains["Domain-0"]["CPU(%)"].endswith("*")


def test_batch_rates_are_zero_when_nothing_moves():
    # Without a script the simulated machine stands still.
    rc, out, err = top("-b", "-i", "2", "-d", "0.1", script=None)
    assert rc == 0, err
    for row in samples(out)[1]["domains"]:
        assert [row[k] for k in ("CPU(%)", "EXITS/s", "CONS(B/s)")] == ["0.0"] * 3, out


def test_batch_follows_domains_that_appear_crash_and_vanish():
    script = "2:boot:web:3 3:crash:hello 4:vanish:web"
    rc, out, err = top("-b", "-i", "4", "-d", "0.1", script=script)
    assert rc == 0, err
    s = samples(out)
    assert "web" not in by(s[0]["domains"], "NAME")
    web = by(s[1]["domains"], "NAME")["web"]
    assert (web["ID"], web["STATE"], web["CPU(%)"]) == ("3", "running", "-")  # new: no rate yet
    assert by(s[1]["pcpus"], "PCPU")["3"]["NAME"] == "web"
    assert by(s[2]["domains"], "NAME")["hello"]["STATE"] == "crashed"
    assert positive(by(s[2]["domains"], "NAME")["web"]["CPU(%)"])
    # Listed, then gone before its statistics: left out, and its pCPU's
    # owner is named by id only.
    assert "web" not in by(s[3]["domains"], "NAME")
    assert by(s[3]["pcpus"], "PCPU")["3"]["NAME"] == "?"


def test_batch_says_what_a_failing_statistics_call_hides():
    rc, out, err = top("-b", "-i", "3", "-d", "0.1", script="2:fail:DOMAIN_STATS 3:heal")
    assert rc == 0, err
    s = samples(out)
    assert "problems" not in s[0]
    assert s[1]["problems"] == [f"d{i} ({n}): statistics unknown: Input/output error"
                                for i, n in enumerate(["Domain-0", "hello", "faulty"])]
    hello = by(s[1]["domains"], "NAME")["hello"]
    assert [hello[k] for k in ("IRQS/s", "HCALLS/s", "CONS(B/s)")] == ["?"] * 3
    assert positive(hello["EXITS/s"])  # from the vCPU call, which worked
    assert s[1]["devices"] == []
    # Healed, but a rate needs two good samples.
    assert by(s[2]["domains"], "NAME")["hello"]["CONS(B/s)"] == "-"


@pytest.mark.parametrize("call, line", [
    ("PHYSINFO", "host: unknown (Input/output error)"),
    ("DOMAIN_LIST", "domains: unknown (Input/output error)"),
])
def test_batch_without_the_host_or_the_list_goes_on_and_exits_1(call, line):
    rc, out, _ = top("-b", "-i", "2", "-d", "0.1", script=f"1:fail:{call}")
    assert rc == 1
    assert out.count(line) == 2
    assert out.count("septum top: sample ") == 2


def test_names_cannot_reach_the_terminal():
    rc, out, err = top("-b", "-i", "1", script="1:boot:\x1b[2Jx\x07:3")
    assert rc == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert "?[2Jx?" in out


# --- CSV ----------------------------------------------------------------------

def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_domains():
    rc, out, err = top("--csv", "-i", "2", "-d", "0.2")
    assert rc == 0, err
    assert out.count("sample,") == 1  # one header
    rows = csv_rows(out)
    assert [(r["sample"], r["id"], r["name"], r["state"]) for r in rows] == [
        ("1", "0", "Domain-0", "running"), ("1", "1", "hello", "running"),
        ("1", "2", "faulty", "crashed"), ("2", "0", "Domain-0", "running"),
        ("2", "1", "hello", "running"), ("2", "2", "faulty", "crashed")]
    first, second = rows[1], rows[4]
    assert first["mem_bytes"] == str(64 << 20) and first["vcpus"] == "1"
    assert first["cpu_pct"] == first["exits_per_s"] == first["console_bytes_per_s"] == ""
    assert float(second["cpu_pct"]) > 0 and float(second["console_bytes_per_s"]) > 0
    assert int(second["exits"]) > int(first["exits"])
    assert int(second["console_bytes"]) > int(first["console_bytes"])
    assert float(second["interval_s"]) > 0 and float(second["uptime_s"]) > 100


def test_csv_pcpus_and_devices():
    rc, out, _ = top("--csv=pcpus", "-i", "1")
    assert rc == 0
    assert [(r["pcpu"], r["id"], r["name"], r["vcpu"], r["state"]) for r in csv_rows(out)] == [
        ("0", "0", "Domain-0", "0", "on"), ("1", "1", "hello", "0", "on"),
        ("2", "2", "faulty", "0", "crashed"), ("3", "", "", "", "free")]
    rc, out, _ = top("--csv=devices", "-i", "2", "-d", "0.2")
    assert rc == 0
    rows = [r for r in csv_rows(out) if r["sample"] == "2" and r["name"] == "hello"]
    assert [(r["device"], r["base"], r["size"]) for r in rows] == [
        ("pl011", "0x9000000", "4096"), ("gicd", "0x8000000", "65536")]
    assert float(rows[0]["writes_per_s"]) > 0 and float(rows[1]["irqs_per_s"]) > 0


def test_csv_quotes_names_and_reports_problems_on_stderr():
    rc, out, err = top("--csv", "-i", "2", "-d", "0.1",
                       script='1:boot:a,"b":3 2:fail:VCPU_INFO')
    assert rc == 0
    assert '"a,""b"""' in out
    assert csv_rows(out)[3]["name"] == 'a,"b"'
    assert "septum: top: sample 2: d1 (hello): vCPUs unknown: Input/output error" in err


# --- command line -----------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["-i", "0"], "bad iteration count '0'"),
    (["-i", "x"], "bad iteration count 'x'"),
    (["-d", "0"], "bad delay '0'"),
    (["-d", "soon"], "bad delay 'soon'"),
    (["--csv=json"], "bad CSV table 'json'"),
    (["-b", "extra"], "too many arguments"),
    (["-x"], "unknown option '-x'"),
])
def test_bad_command_lines_exit_2(args, message):
    rc, _, err = top(*args)
    assert rc == 2
    assert err.startswith(f"septum: top: {message}")
    assert "usage: septum top " in err


def test_interactive_needs_a_terminal():
    rc, _, err = top()
    assert rc == 1
    assert "not a terminal: use -b" in err


# --- the screen, through a terminal emulator --------------------------------

class Terminal:
    """A program on a pseudo-terminal, its output fed to pyte."""

    def __init__(self, child, rows, cols):
        self.child = child
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen) if child.encoding is None \
            else pyte.Stream(self.screen)

    def pump(self, seconds=0.05):
        """Feeds pyte what the program wrote, until it pauses."""
        try:
            while True:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=seconds))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            pytest.fail(f"the program ended\n{self.text()}")

    def text(self):
        return "\n".join(self.screen.display)

    def wait(self, what, deadline=DEADLINE):
        """Until what(self) (or the text, for a string or regex) holds."""
        test = what if callable(what) else (lambda t: re.search(what, t.text(), re.M))
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            self.pump()
            found = test(self)
            if found:
                return found
        pytest.fail(f"never on screen: {what}\n{self.text()}")

    def row(self, pattern):
        """The first screen row matching pattern, or None."""
        return next((r for r in self.screen.display if re.search(pattern, r)), None)

    def send(self, keys):
        self.child.send(keys)

    def resize(self, rows, cols):
        self.screen.resize(rows, cols)
        self.child.setwinsize(rows, cols)


@pytest.fixture
def screen():
    """Starts septum-fake top (on an 80x24 TERM, refreshing every 0.2 s)."""
    opened = []

    def start(*args, script="", lang="C", rows=24, cols=80, term=TERM):
        child = pexpect.spawn(str(SEPTUM_FAKE), ["top", "-d", "0.2", *args],
                              env=fake_env(script, lang, term), dimensions=(rows, cols))
        child.delaybeforesend = None  # keys go when sent; waits are on the screen
        child.delayafterclose = 0
        opened.append(child)
        t = Terminal(child, rows, cols)
        t.wait(r"^q quit")
        return t

    yield start
    for child in opened:
        if child.isalive():
            child.terminate(force=True)


def quit_(term):
    term.send("q")
    term.child.expect(pexpect.EOF, timeout=DEADLINE)
    term.child.close()
    return term.child.exitstatus


def cells(row):
    """A domain table row's cells, after the selection marker column."""
    return row[1:].split()


def test_screen_shows_host_placement_and_domains(screen):
    t = screen()
    t.wait(r"^\s+0 Domain-0\s+v0 on\s+\d+% \[")
    lines = t.screen.display
    assert lines[0].startswith("septum top - up 00:01:40 - 4 pCPUs, 1 free - "
                               "2048 MiB, 1424 free, 1024 largest")
    assert lines[1].startswith("3 domains: 2 running, 1 crashed")
    assert re.search(r"\b1 hello\s+v0 on\b", t.text())
    assert re.search(r"\b2 faulty\s+v0 crashed\b", t.text())
    assert re.search(r"\b3 \(free\)", t.text())
    assert cells(t.row(r"^\s+ID Name")) == ["ID", "Name", "State", "vCPU", "Mem(M)", "CPU(s)",
                                           "CPU%", "Exit/s", "IRQ/s", "HCall/s", "ConB/s"]
    assert [cells(t.row(rf"^.\s+{i} {n}"))[1:4] for i, n in
            enumerate(["Domain-0", "hello", "faulty"])] == [
        ["Domain-0", "running", "1"], ["hello", "running", "1"], ["faulty", "crashed", "1"]]
    assert quit_(t) == 0


LONG_NAME = "a-domain-whose-name-is-too-long"  # 31: the longest the ABI allows


def test_long_names_are_cut_with_a_marker_and_whole_with_f(screen):
    t = screen(script=f"1:boot:{LONG_NAME}:3")
    row = t.wait(lambda term: term.row(r"^.\s+3 a-domain"))
    name = cells(row)[1]
    # Cut to the table's name column, the cut visible; the vCPU count
    # follows the state.
    assert name.endswith("+") and LONG_NAME.startswith(name[:-1]), row
    assert cells(row)[2:4] == ["running", "1"], row
    assert re.search(r"\b3 a-domain-\+ v0 on\b", t.text())  # the pCPU map's cell
    assert quit_(t) == 0
    t = screen("-f", script=f"1:boot:{LONG_NAME}:3")
    row = t.wait(lambda term: term.row(r"^.\s+3 a-domain"))
    assert cells(row)[1:4] == [LONG_NAME, "running", "1"], row
    # Whole names push the columns that no longer fit off the screen.
    assert cells(t.row(r"^\s+ID Name"))[:4] == ["ID", "Name", "State", "vCPU"]
    assert "ConB/s" not in t.row(r"^\s+ID Name")
    assert quit_(t) == 0


def test_busy_domain_counters_move_on_screen(screen):
    t = screen()
    t.send("j")  # select hello
    t.wait(r"^Devices of d1 \(hello\)")

    def busy(term):
        row = term.row(r"^>\s+1 hello")
        pl011 = term.row(r"^ hello\s+pl011")
        spark = pl011 and pl011[60:].strip()
        return (row and all(positive(c) for c in cells(row)[6:])
                and positive(cells(pl011)[4]) and spark and len(spark) >= 3)

    t.wait(busy)
    # ASCII sparkline, scaled: the busiest refreshes at the top glyph.
    spark = t.row(r"^ hello\s+pl011")[60:].strip()
    assert set(spark) <= set("_.-:=+*#") and "#" in spark
    assert re.search(r"\b1 hello\s+v0 on\s+[1-9]\d*% \[#", t.text())
    faulty = cells(t.row(r"^.\s+2 faulty"))
    assert faulty[6:] == ["0.0"] * 5
    assert quit_(t) == 0


def test_sparklines_use_blocks_only_in_a_utf8_locale(screen):
    t = screen(lang="C.UTF-8")
    spark = t.wait(lambda term: (term.row(r"^ Domain-0\s+pl011") or "")[60:].strip())
    assert set(spark) <= set(BLOCKS) and "█" in t.text()
    quit_(t)
    t = screen("--ascii", lang="C.UTF-8")
    t.wait(lambda term: (term.row(r"^ Domain-0\s+pl011") or "")[60:].strip())
    assert not set(BLOCKS) & set(t.text())


def test_selection_moves_and_shows_in_reverse(screen):
    t = screen()
    assert cells(t.row(r"^>"))[1] == "Domain-0"
    t.send(key("kcud1"))
    t.wait(r"^>\s+1 hello")
    y = next(i for i, r in enumerate(t.screen.display) if r.startswith(">"))
    assert all(t.screen.buffer[y][x].reverse for x in range(0, 20))
    t.send(key("kcud1") * 3)  # stops at the last row
    t.wait(r"^>\s+2 faulty")
    t.send(key("khome"))
    t.wait(r"^>\s+0 Domain-0")
    quit_(t)


def test_sort_keys(screen):
    t = screen()
    t.wait(lambda term: positive(cells(term.row(r"^.\s+1 hello"))[6]))
    t.send("s" * 6)
    t.wait(r"^Domains, by CPU% *$")

    def order(term):
        return [cells(r)[1] for r in term.screen.display
                if re.match(r"^.\s+\d+ \S+\s+(running|crashed)", r)]

    # Busiest first: hello has 30% in the simulation, Domain-0 10%.
    t.wait(lambda term: order(term) == ["hello", "Domain-0", "faulty"])
    t.send("r")
    t.wait(r"^Domains, by CPU% \(reversed\)")
    t.wait(lambda term: order(term) == ["faulty", "Domain-0", "hello"])
    t.send("S")
    t.wait(r"^Domains, by CPU\(s\) *$")
    t.send(key("kcub1") * 5)  # back to the first column
    t.wait(r"^Domains, by ID *$")
    # The selection stays on its domain whatever the order.
    assert cells(t.row(r"^>"))[1] == "Domain-0"
    quit_(t)


def test_details_of_the_selected_domain(screen):
    t = screen()
    t.send("j\r")
    t.wait(r"^d1 \(hello\): running, 1 vCPU, 64 MiB, up ")
    t.wait(r"^\s+0\s+1 on\s+\d+%\s+[\d.]+\s+[\d.]+k? *$")
    assert t.row(r"^Exits/s by cause: hvc [\d.]+ smc [\d.]+ sysreg [\d.]+ mmio [\d.]+ irq")
    assert t.row(r"^pl011\s+0x09000000\s+4K\s")
    assert t.row(r"^gicd\s+0x08000000\s+64K\s")
    t.send(key("kcud1"))  # the next domain's details
    t.wait(r"^d2 \(faulty\): crashed")
    t.wait(r"^Crashed: data abort at IPA 0x80000000")
    t.send("\x1b")
    t.wait(r"^pCPU placement")
    quit_(t)


def test_pause_asks_first_then_pauses_and_unpauses(screen):
    t = screen()
    t.send("jp")
    t.wait(r"^Pause d1 \(hello\)\? \[y/N\]")
    t.send("n")
    t.wait(r"^cancelled")
    assert cells(t.row(r"^>\s+1 hello"))[2] == "running"
    t.send("p")
    t.wait(r"^Pause d1 \(hello\)\?")
    t.send("y")
    t.wait(r"^paused d1 \(hello\)")
    t.wait(r"^>\s+1 hello\s+paused")
    assert re.search(r"\b1 hello\s+v0 paused\b", t.text())
    assert t.screen.display[1].startswith("3 domains: 1 running, 1 paused, 1 crashed")
    t.send("p")
    t.wait(r"^Unpause d1 \(hello\)\? \[y/N\]")
    t.send("y")
    t.wait(r"^unpaused d1 \(hello\)")
    t.wait(r"^>\s+1 hello\s+running")
    quit_(t)


@pytest.mark.parametrize("row, message", [
    (0, r"d0 \(Domain-0\) is the control domain: it cannot be paused"),
    (2, r"d2 \(faulty\) is crashed: only a running domain pauses"),
])
def test_pause_refuses_what_cannot_be_paused(screen, row, message):
    t = screen()
    t.send("j" * row + "p")
    t.wait("^" + message)
    assert not t.row(r"\[y/N\]")
    quit_(t)


def test_delay_key(screen):
    t = screen()
    t.send("d")
    t.wait(r"^Delay in seconds \(now 0\.2\)")
    t.send("0.5\r")
    t.wait(r"^refreshing every 0\.5 s")
    t.send("d0\r")
    t.wait(r"^bad delay '0': give seconds from 0\.1 to 3600")
    t.send("d7\x1b")
    t.wait(r"^cancelled")
    quit_(t)


def test_help_and_back(screen):
    t = screen()
    t.send("h")
    t.wait(r"^septum top - keys")
    assert t.row(r"^  p\s+pause/unpause the selected domain \(asks first\)")
    t.send("x")
    t.wait(r"^pCPU placement")
    quit_(t)


def test_resizing_below_the_minimum_and_back(screen):
    t = screen()
    t.resize(6, 30)
    t.wait(r"^Terminal too small: 30x6")
    t.resize(12, 60)
    t.wait(r"^no room for pCPU map, columns: enlarge the terminal")
    assert t.row(r"^>\s+0 Domain-0")
    t.resize(24, 80)
    t.wait(r"^pCPU placement")
    assert not t.row("no room")
    assert quit_(t) == 0


def test_screen_follows_domains_that_appear_crash_and_vanish(screen):
    t = screen(script="3:boot:web:3 5:crash:hello 8:destroy:web")
    t.wait(r"\b3 web\s+v0 on")
    t.send(key("kend"))  # select web
    t.wait(r"^>\s+3 web\s+running")
    t.wait(r"^.\s+1 hello\s+crashed")
    t.wait(r"^d3 \(web\) is gone")
    t.wait(r"\b3 \(free\)")
    # Its row went to the domain now last.
    assert t.row(r"^>\s+2 faulty")
    assert t.child.isalive()
    assert quit_(t) == 0


@pytest.mark.parametrize("call, shown", [
    ("DOMAIN_STATS", r"^d0 \(Domain-0\): statistics unknown: Input/output error \(\+2 more"),
    ("PHYSINFO", r"^septum top - host unknown: Input/output error"),
    ("DOMAIN_LIST", r"^Domains unknown: Input/output error"),
])
def test_failing_calls_are_said_not_fatal(screen, call, shown):
    t = screen(script=f"2:fail:{call} 6:heal")
    t.wait(shown)
    if call == "DOMAIN_STATS":
        assert cells(t.row(r"^.\s+1 hello"))[8:] == ["?"] * 3
        assert t.row(r"^ Domain-0\s+Input/output error")
    if call == "PHYSINFO":
        assert t.row(r"^ unknown: the host could not be read")
    t.wait(r"^q quit")  # healed: nothing more to say
    assert quit_(t) == 0


def test_unknown_terminal_type_is_reported():
    child = pexpect.spawn(str(SEPTUM_FAKE), ["top"], env=fake_env(term="no-such-term"))
    child.expect(pexpect.EOF, timeout=DEADLINE)
    child.close()
    assert child.exitstatus == 1
    assert b"cannot use terminal type 'no-such-term'" in child.before


def test_a_signal_ends_the_session_and_restores_the_terminal(screen):
    cooked = termios.ICANON | termios.ECHO
    t = screen()
    # On Linux a pty's master sees the modes of its terminal.
    assert termios.tcgetattr(t.child.child_fd)[3] & cooked == 0
    t.child.kill(signal.SIGTERM)
    t.child.expect(pexpect.EOF, timeout=DEADLINE)
    assert termios.tcgetattr(t.child.child_fd)[3] & cooked == cooked
    assert t.child.before.endswith(b"\x1b[?1049l\r\x1b[?1l\x1b>")  # rmcup, rmkx
    t.child.close()
    assert t.child.exitstatus == 0


# --- in dom0, under QEMU ----------------------------------------------------

@pytest.fixture(scope="module")
def dom0():
    child = pexpect.spawn(str(LAUNCHER), ["--timeout", str(BOOT_TIMEOUT * 4), "--dom0"],
                          encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    child.expect(r"Septum dom0: [^\r\n]*\r*\n")
    child.expect_exact(PROMPT)
    shell = Dom0(child, child.after)
    yield shell
    child.terminate(force=True)


# x's ticks stay in its console ring (a domain's output is not on dom0's
# console): x is paused between tests only so that the screen test below
# knows its state (pause returns once its vCPU has left the guest).
QUIET = "septum pause x"


@pytest.fixture(scope="module")
def busy(dom0):
    """x: one vCPU on pCPU 2, `spin` (a tick every 100 ms), left paused."""
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name x --cpus 2 --cmdline 'name=x spin' && {QUIET}")
    return dom0.domains()["x"]["id"]


def test_dom0_batch_shows_placement_and_a_busy_domain(dom0, busy):
    dom0.ok(f"septum unpause x && septum top -b -i 2 -d 1 > /tmp/top.txt; {QUIET}")
    first, second = samples(dom0.ok("cat /tmp/top.txt"))
    assert [(r["PCPU"], r["NAME"], r["VCPU"]) for r in second["pcpus"]] == [
        ("0", "dom0", "0"), ("1", "(free)", "-"), ("2", "x", "0"), ("3", "(free)", "-")]
    assert by(second["pcpus"], "PCPU")["2"]["ID"] == str(busy)
    x = by(second["domains"], "NAME")["x"]
    assert x["STATE"] == "running" and x["VCPUS"] == "1"
    for column in ("CPU(%)", "EXITS/s", "CONS(B/s)"):
        assert by(first["domains"], "NAME")["x"][column] == "-"
        assert positive(x[column]), (column, second)
    pl011 = next(r for r in second["devices"] if r["NAME"] == "x" and r["DEVICE"] == "pl011")
    assert positive(pl011["WRITES/s"]) and int(pl011["WRITES"]) > 0
    assert "problems" not in second


def test_dom0_console_keeps_carriage_returns(dom0):
    """dom0's console passes its output through unchanged. Curses moves the
    cursor with carriage returns: without them septum top's screen (next
    test) is drawn in the wrong places."""
    dom0.child.sendline("printf 'cr-probe:ab\\rc\\n'")
    dom0.child.expect(r"cr-probe:ab(\r?)c")
    kept = dom0.child.match.group(1) == "\r"
    dom0.child.expect_exact(PROMPT)  # the shell stays in step for the next test
    assert kept, "the hypervisor dropped the carriage return of dom0's output"


def test_dom0_screen_shows_the_partition_and_pauses_a_domain(dom0, busy):
    # x is paused, and quiet waits in WFI once booted.
    assert dom0.domains()["x"]["state"] == "paused"  # pause returned: it is paused
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name quiet --cpus 3 --cmdline 'name=q wait'")
    dom0.wait_for_console("quiet", "hello: done")
    quiet = dom0.domains()["quiet"]["id"]
    dom0.child.sendline("stty rows 24 cols 80; TERM=vt100 septum top -d 1; echo top-rc=$?")
    t = Terminal(dom0.child, 24, 80)
    t.wait(r"^q quit", deadline=BOOT_TIMEOUT)
    t.wait(r"^ 0 dom0\s+v0 on .* 1 \(free\)", deadline=BOOT_TIMEOUT)
    t.wait(r"^ 2 x\s+v0 paused .* 3 quiet\s+v0 on ", deadline=BOOT_TIMEOUT)
    assert t.screen.display[1].startswith("3 domains: 2 running, 1 paused")
    t.send("jj")  # the last domain, quiet
    t.wait(rf"^>\s+{quiet} quiet\s+running", deadline=BOOT_TIMEOUT)
    t.wait(r"^ quiet\s+pl011\s+0x09000000", deadline=BOOT_TIMEOUT)
    t.send("p")
    t.wait(rf"^Pause d{quiet} \(quiet\)\? \[y/N\]", deadline=BOOT_TIMEOUT)
    t.send("y")
    t.wait(rf"^paused d{quiet} \(quiet\)", deadline=BOOT_TIMEOUT)
    t.wait(rf"^>\s+{quiet} quiet\s+paused", deadline=BOOT_TIMEOUT)
    t.send("q")
    dom0.child.expect(r"top-rc=(\d+)", timeout=BOOT_TIMEOUT)
    assert dom0.child.match.group(1) == "0"
    dom0.child.expect_exact(PROMPT)
    assert dom0.domains()["quiet"]["state"] == "paused"
    dom0.ok("septum destroy quiet; septum destroy x")
