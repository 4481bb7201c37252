"""The launcher's command line: clear errors, and the boot description it
hands the hypervisor (checked with --dry-run, no boot)."""
import subprocess

import pytest

from conftest import LAUNCHER, guest


def run(*args):
    proc = subprocess.run([str(LAUNCHER), *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@pytest.mark.parametrize("domain, message", [
    (guest("hello") + ",cpus=9", "pCPU 9 does not exist"),
    (guest("hello") + ",bogus=1", "unknown domain option 'bogus=1'"),
    (guest("hello") + ",mem=3M", "must be a non-zero multiple of 2 MiB"),
    (guest("hello") + ",wfi=spin", "wfi=spin"),
    ("/nonexistent.bin", "not found"),
])
def test_bad_domain_options_are_rejected(domain, message):
    rc, _, err = run("--dry-run", "--domain", domain)
    assert rc == 2
    assert message in err


def test_an_empty_image_is_rejected(tmp_path):
    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    rc, _, err = run("--dry-run", "--domain", str(empty))
    assert rc == 2
    assert err.endswith(f"--domain: domain image '{empty}' is an empty file\n")


def test_a_pcpu_cannot_go_to_two_domains():
    rc, _, err = run("--dry-run", "--domain", guest("hello") + ",cpus=1",
                     "--domain", guest("smp") + ",cpus=0-1")
    assert rc == 2
    assert "pCPU 1 given to both" in err


def test_dry_run_describes_domains_in_chosen():
    rc, out, _ = run("--dry-run", "--smp", "3",
                     "--domain", guest("smp") + ",name=big,cpus=1-2,mem=32M,cmdline=x,y=z",
                     "--domain", guest("hello"))
    assert rc == 0
    assert "-smp 3" in out and "virtualization=on,gic-version=3" in out
    assert 'septum,name = "big";' in out
    assert "cpus = <1 2>;" in out
    assert "memory = <0x0 0x2000000>;" in out
    assert 'bootargs = "x,y=z";' in out
    assert 'septum,name = "hello";' in out and "cpus = <0>;" in out
    assert '"multiboot,kernel", "multiboot,module"' in out


def test_native_wfi_is_described_per_domain(tmp_path):
    path = tmp_path / "d.xml"
    path.write_text("""<domain type='xen'><name>d</name><memory unit='MiB'>16</memory>
<os><type>hvm</type><kernel>/usr/share/septum/guests/hello.bin</kernel></os>
<metadata><s:septum xmlns:s='http://septum.dev/xmlns/domain/1'><s:cpu wfi='native'/></s:septum>
</metadata></domain>""")
    rc, out, err = run("--dry-run", "--smp", "3", "--domain", guest("hello") + ",wfi=native",
                       "--domain", guest("smp") + ",wfi=trap", "--domain", str(path))
    assert rc == 0, err
    nodes = out.split("domain@")[1:]
    assert ["septum,native-wfi;" in node for node in nodes] == [True, False, True]


def test_a_definitions_warnings_are_shown(tmp_path):
    """A valid definition's warnings reach the user: a mistyped namespace
    would otherwise drop Septum's settings without a word."""
    path = tmp_path / "d.xml"
    path.write_text("""<domain type='xen'><name>d</name><memory unit='MiB'>16</memory>
<os><type>hvm</type><kernel>/usr/share/septum/guests/hello.bin</kernel></os>
<metadata><s:septum xmlns:s='http://septum.dev/xmlns/domain/l'/></metadata>
</domain>""")
    rc, out, err = run("--dry-run", "--domain", str(path))
    assert rc == 0, err
    assert 'septum,name = "d";' in out
    assert f"{path}:3: element <septum>: warning: namespace " in err


def test_a_definition_reads_no_host_file_outside_dom0s_tree(tmp_path):
    """Images in a definition are dom0's: an absolute path is looked up in
    the dom0 tree only, never on the host, even where the host has it."""
    kernel = guest("hello")
    path = tmp_path / "d.xml"
    path.write_text(f"""<domain type='xen'><name>d</name><memory unit='MiB'>16</memory>
<os><type>hvm</type><kernel>{kernel}</kernel></os></domain>""")
    rc, _, err = run("--dry-run", "--domain", str(path))
    assert rc == 2
    assert f"element <kernel>: {kernel}: No such file or directory in " in err, err
