"""The launcher's command line: clear errors, and the boot description it
hands the hypervisor (checked with --dry-run, no boot)."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import BUILD, LAUNCHER, guest

DOM0_KERNEL = BUILD / "dom0" / "Image"
DOM0_INITRD = BUILD / "dom0" / "initramfs.cpio.gz"
MiB = 1 << 20


def run(*args, env=None):
    proc = subprocess.run([str(LAUNCHER), *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False, env=env)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def modules(out):
    """{kind: (address, size)} of the multiboot modules in a --dry-run's DTS."""
    found = re.findall(r'"multiboot,(\w+)", "multiboot,module";\s*'
                       r"reg = <(\S+) (\S+) (\S+) (\S+)>;", out)
    return {kind: ((int(a, 16) << 32 | int(b, 16)), (int(c, 16) << 32 | int(d, 16)))
            for kind, a, b, c, d in found}


def test_dom0s_kernel_and_initramfs_are_loaded_inside_its_ram():
    """The hypervisor boots dom0 from them where they are: the kernel
    text_offset past its RAM's base, the initramfs just below the DTB's
    last 64 KiB; RAM QEMU hands over is said to be zero."""
    rc, out, err = run("--dry-run", "--dom0", "--dom0-mem", "256M", "--mem", "1G")
    assert rc == 0, err
    base = re.search(r"septum,ram-base = <(\S+) (\S+)>;", out)
    assert base, out
    base = int(base.group(1), 16) << 32 | int(base.group(2), 16)
    assert base == 0x4000_0000 + (1 << 30) - 256 * MiB  # the top of RAM
    mods = modules(out)
    text_offset = int.from_bytes(DOM0_KERNEL.read_bytes()[8:16], "little")
    assert mods["kernel"] == (base + text_offset, DOM0_KERNEL.stat().st_size)
    initrd, size = mods["ramdisk"]
    assert size == DOM0_INITRD.stat().st_size
    assert initrd % 4096 == 0 and base + 256 * MiB - 64 * 1024 - 4096 < initrd + size
    assert initrd + size <= base + 256 * MiB - 64 * 1024
    assert f"addr={initrd:#x}" in out.splitlines()[0]
    assert "septum,ram-zeroed;" in out


def test_dom0_that_cannot_hold_its_images_is_refused():
    rc, _, err = run("--dry-run", "--dom0", "--dom0-mem", "32M")
    assert rc == 2
    assert "do not fit in its 32 MiB; raise --dom0-mem" in err


def test_dom0_kernel_must_be_an_arm64_image(tmp_path):
    bogus = tmp_path / "bogus"
    bogus.write_bytes(b"\0" * 4096)
    rc, _, err = run("--dry-run", "--dom0", "--dom0-kernel", str(bogus))
    assert rc == 2
    assert f"dom0 kernel '{bogus}' is not an arm64 Image" in err


def test_qemus_device_tree_is_dumped_once_per_machine(tmp_path):
    """The launcher starts QEMU to dump its device tree only for a machine
    it has not seen: a QEMU on PATH that notes each start shows it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    starts = tmp_path / "starts"
    real = shutil.which("qemu-system-aarch64")
    wrapper = bin_dir / "qemu-system-aarch64"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> {starts}\nexec {real} "$@"\n')
    wrapper.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}",
               XDG_CACHE_HOME=str(tmp_path / "cache"))

    def dumps():
        return starts.read_text().count("dumpdtb=") if starts.exists() else 0

    for smp, expected in (("2", 1), ("2", 1), ("3", 2), ("2", 2)):
        rc, out, err = run("--dry-run", "--smp", smp, "--domain", guest("hello"), env=env)
        assert rc == 0, err
        assert dumps() == expected, (smp, starts.read_text())
    assert list((tmp_path / "cache" / "septum" / "qemu-dtb").glob("*.dts"))


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


@pytest.mark.parametrize("shm, message", [
    ("ring0,size=1M,peers=hello", "two or more different domains"),
    ("ring0,size=1M,peers=hello+nobody", "no domain named 'nobody'"),
    ("ring0,size=1000,peers=hello+smp", "multiple of 4 KiB"),
    ("ring0,colour=red,peers=hello+smp", "unknown shm option 'colour=red'"),
    ("ring0,size=32M,peers=hello+smp", "no room left in its shm window"),
])
def test_bad_shm_options_are_rejected(shm, message):
    rc, _, err = run("--dry-run", "--domain", guest("hello"), "--domain", guest("smp"),
                     "--shm", shm)
    assert rc == 2
    assert message in err, err


def test_dry_run_describes_shared_memory_in_each_peer():
    rc, out, err = run("--dry-run", "--domain", guest("hello"), "--domain", guest("smp"),
                       "--domain", guest("irq"), "--shm", "a,size=64K,peers=hello+smp",
                       "--shm", "b,size=8K,peers=smp+irq")
    assert rc == 0, err
    # Per domain, in the order given: registers by position, regions one
    # after the other, doorbells from INTID 40.
    assert out.count('compatible = "septum,shm";') == 4
    assert out.count('septum,name = "a";') == 2 and out.count('septum,name = "b";') == 2
    assert "reg = <0x0 0xb010000 0x0 0x10000 0x0 0xb000000 0x0 0x1000>;" in out
    assert "reg = <0x0 0xb020000 0x0 0x2000 0x0 0xb001000 0x0 0x1000>;" in out  # smp's b
    assert "reg = <0x0 0xb010000 0x0 0x2000 0x0 0xb000000 0x0 0x1000>;" in out  # irq's b
    assert out.count("interrupts = <41>;") == 1


# --arch riscv64: boot-time domains only. The hypervisor image is not read
# by --dry-run, so any file stands in for it until build/riscv64/septum.bin
# is built.
RISCV_GUESTS = BUILD / "riscv64" / "guests"


def riscv_run(*args, env=None):
    return run("--arch", "riscv64", "--hypervisor", str(RISCV_GUESTS / "hello.bin"), *args,
               env=env)


def test_riscv64_boots_qemu_virt_through_opensbi_with_domains_in_chosen():
    rc, out, err = riscv_run("--dry-run", "--smp", "3",
                             "--domain", f"{RISCV_GUESTS / 'smp.bin'},name=big,cpus=1-2,mem=32M",
                             "--domain", str(RISCV_GUESTS / "hello.bin"))
    assert rc == 0, err
    cmd = out.splitlines()[0].split()
    assert cmd[:6] == ["qemu-system-riscv64", "-machine", "virt", "-bios", "default", "-cpu"]
    assert "virtualization" not in out and "gic-version" not in out
    assert 'septum,name = "big";' in out and "cpus = <1 2>;" in out
    assert 'septum,name = "hello";' in out and "cpus = <0>;" in out
    mods = modules(out)
    assert mods, out
    for addr, _ in mods.values():
        # Above OpenSBI and the hypervisor, below the 2 MiB slot QEMU puts
        # its DTB in (2 GiB of RAM: just below 3 GiB).
        assert 0x8400_0000 <= addr < 0xBFE0_0000 and addr % (2 * MiB) == 0
        assert f"addr={addr:#x},force-raw=on" in out.splitlines()[0]


def test_riscv64_device_tree_is_qemus_own_with_the_domains(tmp_path):
    dtb = tmp_path / "septum.dtb"
    rc, _, err = riscv_run("--dry-run", "--domain", str(RISCV_GUESTS / "hello.bin") + ",mem=16M",
                           env=dict(os.environ, SEPTUM_QEMU_DTB=str(dtb)))
    assert rc == 0, err
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", str(dtb)], check=True,
                         capture_output=True, text=True).stdout
    assert 'compatible = "riscv-virtio";' in dts
    assert 'compatible = "sifive,plic-1.0.0\\0riscv,plic0";' in dts
    assert 'compatible = "ns16550a";' in dts
    assert re.search(r'domain@1 \{\s*compatible = "septum,domain";\s*septum,name = "hello";', dts)
    assert "memory = <0x00 0x1000000>;" in dts


@pytest.mark.parametrize("options, named", [
    (["--dom0"], "--dom0"),
    (["--dom0-mem", "64M", "--domain", str(RISCV_GUESTS / "hello.bin")], "--dom0-mem"),
    (["--disk", "/etc/hostname", "--domain", str(RISCV_GUESTS / "hello.bin")], "--disk"),
    (["--net", "user", "--domain", str(RISCV_GUESTS / "hello.bin")], "--net"),
])
def test_riscv64_refuses_what_needs_a_linux_dom0(options, named):
    rc, _, err = riscv_run("--dry-run", *options)
    assert rc == 2
    assert f"{named}: riscv64 has no Linux dom0: Debian 12 ships no riscv64 kernel" in err
