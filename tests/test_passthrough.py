"""Device passthrough end to end: a Linux domU created from XML in dom0 is
given QEMU's virtio-blk disk, virtio-net card and PL031 RTC, mounts the
disk, gets a DHCP lease and pings the gateway, and reads the clock; every
refusal is precise and leaves nothing behind; destroying the domain gives
its devices back. One dom0 boot is shared by the module's tests."""
import datetime
import re
import subprocess

import pexpect
import pytest

from conftest import BOOT_TIMEOUT, LAUNCHER
from test_dom0 import dom0_shell, info, info_back_to, BASELINE

HOST_DIR = "/mnt/host"
DISK_TEXT = "passed through from the host disk"
NS = "http://septum.dev/xmlns/domain/1"


def definition(name, septum, memory=192, kernel="/usr/share/septum/guests/linux.Image",
               initrd="/usr/share/septum/guests/linux-initrd.cpio.gz"):
    initrd_line = f"<initrd>{initrd}</initrd>" if initrd else ""
    return f"""<domain type='xen'>
  <name>{name}</name>
  <memory unit='MiB'>{memory}</memory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
    <kernel>{kernel}</kernel>
    {initrd_line}
    <cmdline>console=ttyAMA0 quiet</cmdline>
  </os>
  <metadata>
    <septum:septum xmlns:septum='{NS}'>
{septum}
    </septum:septum>
  </metadata>
</domain>
"""


HELLO = "/usr/share/septum/guests/hello.bin"
# The disk is the first -device: QEMU's top virtio-mmio transport.
PTLINUX = definition("ptlinux", """      <septum:memory direct-map='yes'/>
      <septum:passthrough path='/virtio_mmio@a003e00'/>
      <septum:passthrough path='/virtio_mmio@a003c00'/>
      <septum:passthrough path='/pl031@9010000'/>""")
REFUSED = {
    # file: (definition, what the error says)
    "busy.xml": (definition("busy", "<septum:memory direct-map='yes'/>"
                            "<septum:passthrough path='/virtio_mmio@a003e00'/>",
                            memory=16, kernel=HELLO, initrd=None),
                 "/virtio_mmio@a003e00: 0xa003e00+0x200: owned by domain 'ptlinux'"),
    "uart.xml": (definition("uart", "<septum:passthrough><septum:mmio base='0x9000000' "
                            "size='0x1000' ipa='0xa100000'/></septum:passthrough>",
                            memory=16, kernel=HELLO, initrd=None),
                 "mmio 0x9000000: 0x9000000+0x1000: refused by the hypervisor: MMIO "
                 "0x9000000+0x1000 is the hypervisor's UART"),
    "gic.xml": (definition("gic", "<septum:passthrough><septum:mmio base='0x8000000' "
                           "size='0x10000'/></septum:passthrough>",
                           memory=16, kernel=HELLO, initrd=None),
                "mmio 0x8000000: 0x8000000+0x10000: refused by the hypervisor: MMIO "
                "0x8000000+0x10000 is the interrupt controller's"),
    # The GPIO controller (PL061): no DMA, no driver in the domain; away
    # from the emulated one every domain has at its address (power keys).
    "ram.xml": (definition("ram", "<septum:passthrough><septum:mmio base='0x9030000' "
                           "size='0x1000' ipa='0x40000000'/></septum:passthrough>",
                           memory=16, kernel=HELLO, initrd=None),
                "mmio 0x9030000: 0x9030000+0x1000: refused by the hypervisor: ram: IPA "
                "0x40000000+0x1000 overlaps its RAM or devices"),
    "irq.xml": (definition("irq", "<septum:passthrough><septum:mmio base='0x9030000' "
                           "size='0x1000' ipa='0xc000000'/><septum:interrupt host='33' "
                           "guest='40'/>"
                           "</septum:passthrough>",
                           memory=16, kernel=HELLO, initrd=None),
                "mmio 0x9030000: interrupt 33: refused by the hypervisor: interrupt 33 is "
                "the hypervisor's UART's"),
    "dma.xml": (definition("dma", "<septum:passthrough path='/virtio_mmio@a003a00'/>",
                           memory=16, kernel=HELLO, initrd=None),
                "element <passthrough>: /virtio_mmio@a003a00 does DMA: domain 'dma' must be "
                "direct-mapped"),
    "nopath.xml": (definition("nopath", "<septum:passthrough path='/nothing@0'/>",
                              memory=16, kernel=HELLO, initrd=None),
                   "attribute path: no node '/nothing@0' in the machine's device tree"),
}
# Takes the RTC ptlinux gave back.
RTC_AGAIN = definition("rtc", "<septum:passthrough path='/pl031@9010000'/>", memory=16,
                       kernel=HELLO, initrd=None)


@pytest.fixture(scope="module")
def dom0(tmp_path_factory):
    files = tmp_path_factory.mktemp("pt-files")
    content = tmp_path_factory.mktemp("pt-disk")
    (content / "hello.txt").write_text(DISK_TEXT + "\n")
    disk = files / "disk.img"
    subprocess.run(["mkfs.ext4", "-q", "-F", "-d", str(content), str(disk), "8M"], check=True)
    (files / "ptlinux.xml").write_text(PTLINUX)
    (files / "rtc.xml").write_text(RTC_AGAIN)
    for name, (text, _) in REFUSED.items():
        (files / name).write_text(text)
    shell = dom0_shell(["--dom0-files", str(files), "--disk", str(disk), "--net", "user"], boots=6)
    shell.ok("stty columns 1000")
    yield shell
    shell.child.terminate(force=True)


def domu(dom0, command, marker, polls=100):
    """Runs a command in ptlinux's shell; returns its console once the
    command's end (marker-STATUS) shows, polled from dom0 (bounded). One
    dom0 command line: dom0 prints nothing while the domain's output
    arrives (their lines share the physical console)."""
    dom0.ok(f"echo '{command}; echo {marker}-$?' | septum console ptlinux > /dev/null; "
            f"for i in $(seq {polls}); do septum console ptlinux --dump | "
            f"grep -q '^{marker}-[0-9]' && break; sleep 0.2; done", timeout=polls * 5)
    return dom0.ok("septum console ptlinux --dump")


@pytest.fixture(scope="module")
def ptlinux(dom0):
    before = info(dom0)
    out = dom0.ok(f"septum create {HOST_DIR}/ptlinux.xml")
    assert re.fullmatch(r"Started domain \d+ \(ptlinux\)\n", out), out
    dom0.wait_for_console("ptlinux", "domU# ")
    yield before
    dom0.run("septum destroy ptlinux")


def test_domu_mounts_the_passed_through_disk(dom0, ptlinux):
    console = domu(dom0, "mount -t ext4 /dev/vda /mnt && cat /mnt/hello.txt", "disk")
    assert DISK_TEXT in console
    assert re.search(r"^disk-0", console, re.M)


def test_domu_gets_a_lease_and_pings_the_gateway(dom0, ptlinux):
    console = domu(dom0, "ip link set eth0 up && udhcpc -i eth0 -n -q -t 5 && "
                   "ping -c 1 -W 5 10.0.2.2", "net",
                   polls=400)
    assert re.search(r"udhcpc: eth0 10\.0\.2\.\d+ via 10\.0\.2\.2", console), console
    assert "1 packets received" in console, console
    assert re.search(r"^net-0", console, re.M)


def test_domu_reads_the_rtc(dom0, ptlinux):
    """dom0 has no clock (it says 1970); the RTC QEMU sets from the host's
    does."""
    year = str(datetime.datetime.now(datetime.timezone.utc).year)
    console = domu(dom0, "hwclock -r -u", "rtc")
    assert re.search(r"^rtc-0", console, re.M), console
    assert year in console.split("hwclock -r -u")[-1]


def test_resources_show_what_the_domain_holds(dom0, ptlinux):
    out = dom0.ok("septum info")
    rows = [l for l in out.splitlines() if " ptlinux " in l and (" mmio " in l or " irq " in l)]
    assert any("mmio  0x0a003e00 0x0a003e00" in r and r.endswith(" dma") for r in rows), out
    assert any("mmio  0x09010000 0x09010000" in r for r in rows), out
    assert any(re.search(r" irq\s+79\s+79 ", r) for r in rows), out
    assert any(re.search(r" irq\s+34\s+34 ", r) for r in rows), out


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refusals_are_precise_and_leave_nothing(dom0, ptlinux, name):
    before = info(dom0)
    rc, out = dom0.run(f"septum create {HOST_DIR}/{name} 2>&1")
    assert rc == 1, out
    assert REFUSED[name][1] in out, out
    assert f"{HOST_DIR}/{name}:" in out, out  # the file and line
    assert name[:-4] not in dom0.domains()
    after = info_back_to(dom0, before)
    for key in BASELINE:
        assert after[key] == before[key], (key, before, after)


def test_destroy_gives_devices_and_memory_back(dom0, ptlinux):
    rc, out = dom0.run(f"septum create {HOST_DIR}/rtc.xml 2>&1")
    assert rc == 1 and "owned by domain 'ptlinux'" in out, out
    dom0.ok("septum destroy ptlinux")
    dom0.ok("for i in $(seq 100); do septum list | grep -q '^ptlinux ' || break; sleep 0.2; done")
    dom0.ok(f"septum create -p {HOST_DIR}/rtc.xml")
    assert re.search(r" rtc +mmio +0x09010000", dom0.ok("septum info"))
    dom0.ok("septum destroy rtc")
    after = info_back_to(dom0, ptlinux)
    for key in BASELINE:
        assert after[key] == ptlinux[key], (key, ptlinux, after)
    assert " mmio " not in dom0.ok("septum info")


BOOT_TIME = definition("bootlinux", """      <septum:memory direct-map='yes'/>
      <septum:passthrough path='/virtio_mmio@a003e00'/>
      <septum:passthrough path='/pl031@9010000'/>""")


def test_boot_time_domain_gets_its_devices_from_the_device_tree(tmp_path):
    """Without dom0: the launcher writes passthrough nodes into the domain's
    /chosen node, the hypervisor gives it the devices and their nodes."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "hello.txt").write_text(DISK_TEXT + "\n")
    disk = tmp_path / "disk.img"
    subprocess.run(["mkfs.ext4", "-q", "-F", "-d", str(content), str(disk), "8M"], check=True)
    xml = tmp_path / "bootlinux.xml"
    xml.write_text(BOOT_TIME)
    child = pexpect.spawn(str(LAUNCHER), ["--timeout", str(BOOT_TIMEOUT * 2), "--disk",
                                          str(disk), "--domain", str(xml)],
                          encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    try:
        child.expect_exact("MMIO 0xa003e00+0x200 at IPA 0xa003e00, forwarded, DMA")
        child.expect_exact("Enter 'help' for a list of built-in commands.")
        child.sendline("mount -t ext4 /dev/vda /mnt && cat /mnt/hello.txt; hwclock -r -u; "
                       "echo boot-$?")
        child.expect(r"\(d1:bootlinux\) boot-(\d+)")
        console = child.before
        assert child.match.group(1) == "0", console
        assert DISK_TEXT in console
        assert str(datetime.datetime.now(datetime.timezone.utc).year) in console
        child.sendline("poweroff -f")
        child.expect_exact("no domain left running: powering off")
    finally:
        child.terminate(force=True)
