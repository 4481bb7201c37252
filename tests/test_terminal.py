"""The everyday loop of `make run`: signals typed at dom0's console reach
its foreground job (not QEMU), the terminal's size is asked at login and
by septum top, other domains' output stays off dom0's console and is read
once through `septum console`, FILES=DIR shows up in dom0. One `make run`
machine is shared by this module's tests; each leaves dom0's shell at its
prompt and the domains as it found them."""
import re

import pexpect
import pyte
import pytest

from conftest import BOOT_TIMEOUT, LAUNCHER, ROOT, guest
from test_dom0 import ESCAPES, GUESTS, PROMPT, Dom0

# What dom0 sends to learn the terminal's size (cursor far off, position
# report), and what a 200x50 terminal answers.
SIZE_QUERY = "\x1b[999;999H\x1b[6n"
ANSWER_200x50 = "\x1b[50;200R"


@pytest.fixture(scope="module")
def dom0(tmp_path_factory):
    files = tmp_path_factory.mktemp("files")
    (files / "mine.xml").write_text("<domain/>\n")
    child = pexpect.spawn("make", ["-s", "run", f"FILES={files}"], cwd=str(ROOT),
                          encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT * 2,
                          dimensions=(50, 200))
    child.expect(r"Septum dom0: [^\r\n]*\r*\n")
    # The login shell asks the terminal's size; this terminal is 200x50.
    child.expect_exact(SIZE_QUERY)
    child.send(ANSWER_200x50)
    child.expect_exact(PROMPT)
    shell = Dom0(child, child.after)
    yield shell
    child.send("\x01x")  # QEMU's escape: the machine ends, and make with it
    child.expect(pexpect.EOF)


def test_make_run_brings_files_into_dom0(dom0):
    assert dom0.ok("cat /mnt/host/mine.xml").strip() == "<domain/>"


def test_login_learns_the_terminal_size(dom0):
    assert dom0.ok("stty size").strip() == "50 200"
    # A controlling terminal that knows its size: stty -a says all of it.
    rc, out = dom0.run("stty -a 2>&1")
    assert rc == 0 and "rows 50; columns 200" in out, out


def stop_with(dom0, command, started, key):
    """Runs command until it prints started, types key, and returns the
    exit status the shell saw (the key also ends the rest of the line)."""
    dom0.child.sendline(command)
    dom0.child.expect_exact(started)
    dom0.child.send(key)
    dom0.child.expect_exact(PROMPT)
    return int(dom0.ok("echo $?"))


@pytest.mark.parametrize("key, signal_number", [("\x03", 2), ("\x1c", 3)])
def test_ctrl_c_and_ctrl_backslash_stop_the_foreground_job_not_the_machine(dom0, key, signal_number):
    # The job prints once it runs in the foreground: the key then goes to it.
    status = stop_with(dom0, "sh -c 'echo job-started; exec sleep 1000'", "job-started", key)
    assert status == 128 + signal_number
    assert dom0.ok("echo still-here").strip() == "still-here"


def test_ctrl_c_stops_a_following_log(dom0):
    assert stop_with(dom0, "septum dmesg -f", "d0 (dom0)", "\x03") == 130


def test_ctrl_z_stops_the_foreground_job(dom0):
    dom0.child.sendline("sh -c 'echo job-started; exec sleep 1000'")
    dom0.child.expect_exact("job-started")
    dom0.child.send("\x1a")
    dom0.child.expect_exact(PROMPT)
    out = dom0.ok("jobs")
    assert "Stopped" in out and "sleep 1000" in out, out
    dom0.ok("kill -9 %1; wait")


def test_other_domains_output_stays_off_dom0s_console(dom0):
    # chatty prints a line every 100 ms, forever.
    dom0.ok(f"septum boot {GUESTS}/hello.bin --name chatty --cpus 2 --cmdline 'name=chatty spin'")
    try:
        count = "septum console chatty --dump | grep -c 'hello: tick'"
        before = int(dom0.ok(f"{count} || true"))
        # Waits until chatty has printed more, watching everything dom0's
        # console shows meanwhile.
        dom0.child.sendline(f"while [ $({count}) -lt {before + 5} ]; do sleep 0.2; done; "
                            "echo \"rc=$?\"")
        dom0.child.expect(r"rc=0\r*\n")
        shown = dom0.child.before
        dom0.child.expect_exact(PROMPT)
        assert not re.search(r"\(d\d+:chatty\)|hello: tick \d", shown), shown
        # Its ring has each line once.
        lines = dom0.ok("septum console chatty --dump | grep 'hello: tick'").split("\n")
        assert len(lines) >= 5 and len(lines) == len(set(lines)), lines
    finally:
        dom0.run("septum destroy chatty")


def test_an_attached_domain_shows_its_prompt_and_each_line_once(dom0):
    dom0.ok("septum create /usr/share/septum/examples/linux.xml")
    try:
        dom0.child.sendline("septum console linux")
        dom0.child.expect_exact("Escape character is '^]'")
        # The shell's prompt has no newline: it shows all the same.
        dom0.child.expect_exact("domU# ", timeout=BOOT_TIMEOUT * 2)
        seen = ESCAPES.sub("", dom0.child.before)
        dom0.child.sendline("echo from-$((6*7))")
        dom0.child.expect_exact("from-42")
        dom0.child.expect_exact("domU# ")
        dom0.child.send("\x1d")
        dom0.child.expect_exact(PROMPT)
        assert seen.count("Septum domU: Linux") == 1, seen
        assert not re.search(r"\(d\d+:linux\)", seen), seen
    finally:
        dom0.run("septum destroy linux")


def test_top_uses_the_whole_window_and_redraws_smaller(dom0):
    term = pyte.Screen(200, 50)
    stream = pyte.Stream(term)
    child = dom0.child
    child.sendline("TERM=vt100 septum top -d 1; echo top-rc=$?")
    child.expect_exact(SIZE_QUERY)  # top asks too: the window may have changed
    stream.feed(child.before + child.after)
    child.send(ANSWER_200x50)
    child.expect(r"q quit[^\r\n]*")
    stream.feed(child.before + child.after)
    assert term.display[49].startswith("q quit"), "\n".join(term.display)
    # The window shrinks; Ctrl-L asks again and draws the whole screen anew.
    child.send("\x0c")
    child.expect_exact(SIZE_QUERY)
    stream.feed(child.before + child.after)
    child.send("\x1b[24;80R")
    child.expect(r"q quit[^\r\n]*")
    stream.feed(child.before + child.after)
    assert term.display[23].startswith("q quit"), "\n".join(term.display)
    assert all(not row.strip() for row in term.display[24:]), "\n".join(term.display)
    assert all(not row[80:].strip() for row in term.display), "\n".join(term.display)
    child.send("q")
    child.expect(r"top-rc=(\d+)")
    assert child.match.group(1) == "0"
    child.expect_exact(PROMPT)
    assert dom0.ok("stty size").strip() == "24 80"
    dom0.ok("stty rows 50 cols 200")


def test_ctrl_c_reaches_the_machine_and_ctrl_a_x_ends_it():
    """Without dom0 too: Ctrl-C is the console's, never QEMU's end."""
    child = pexpect.spawn(str(LAUNCHER), ["--timeout", str(BOOT_TIMEOUT), "--domain",
                                          f"{guest('hello')},cmdline=wait"],
                          encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    child.expect_exact("hello: done")
    child.send("\x03\x1c\x1a")
    # Ctrl-a three times (each doubled for QEMU) moves the input: the
    # hypervisor answers, so the machine is still there.
    child.send("\x01\x01" * 3)
    child.expect(r"console input: ([^;\r\n]+)")
    child.send("\x01x")
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
