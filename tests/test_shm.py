"""Shared-memory regions with doorbells, end to end: two bare-metal
domains ping-ponging through a boot-time region, a third one that is no
peer faulting on it; dom0 as a peer (a boot-time region in its device tree,
and regions it attaches at run time) with a Linux domU and bare-metal
domains; refusals that leave nothing half-made; the last peer's
destruction giving the memory back. Each system is booted once per module
and shared; the dom0 tests leave it as they found it."""
import re

import pytest

from conftest import boot, guest, started_domains
from test_dom0 import PROMPT, dom0_shell, info, info_back_to

GUESTS = "/usr/share/septum/guests"
EXAMPLES = "/usr/share/septum/examples"
SHM_AREA = 0x0B01_0000  # the launcher's default address of a domain's first region


@pytest.fixture(scope="module")
def bare_metal():
    """ping and pong share ring0; probe, no peer, reads where ring0 is."""
    return boot("--smp", "4",
                "--domain", guest("shmping") + ",name=ping,cmdline=role=ping count=20",
                "--domain", guest("shmping") + ",name=pong,cmdline=role=pong count=20",
                "--domain", guest("shmping") + f",name=probe,cmdline=role=probe "
                f"probe={SHM_AREA:#x}",
                "--shm", "ring0,size=1M,peers=ping+pong")


def test_two_bare_metal_domains_exchange_messages_both_ways(bare_metal):
    ids = started_domains(bare_metal)
    ping = bare_metal.domain_lines(ids["ping"][0], "ping")
    pong = bare_metal.domain_lines(ids["pong"][0], "pong")
    # Each side saw the other attached, and every message was answered:
    # 20 doorbells each way, each one counted by the receiver.
    assert "shmping: ring0: peer 0 of 0x3, 1024 KiB at 0xb010000, SPI 40" in ping, bare_metal
    assert "shmping: ring0: peer 1 of 0x3, 1024 KiB at 0xb010000, SPI 40" in pong, bare_metal
    assert "shmping: ping: 20 round trips, rings received 20" in ping, bare_metal
    assert "shmping: pong: answered 20, rings received 20" in pong, bare_metal
    assert not [l for l in ping + pong if "FAIL" in l], bare_metal


def test_a_domain_that_is_no_peer_cannot_reach_the_region(bare_metal):
    ids = started_domains(bare_metal)
    probe = bare_metal.domain_lines(ids["probe"][0], "probe")
    # Not mapped in its stage 2: the hypervisor says so and the guest takes
    # a data abort instead of reading the region.
    assert f"shmping: probe: data abort at {SHM_AREA:#x} (ESR 0x96000010)" in probe, bare_metal
    assert not [l for l in probe if "FAIL" in l], bare_metal
    assert any(re.search(rf"d{ids['probe'][0]} \(probe\) vCPU 0: read of 4 bytes at IPA "
                         rf"{SHM_AREA:#x}, outside its RAM and devices", l)
               for l in bare_metal.log()), bare_metal
    # Only the peers were attached.
    attached = [l for l in bare_metal.log() if " shm ring0 peer " in l]
    assert [l.split(":")[0] for l in attached] == [f"d{ids['ping'][0]} (ping)",
                                                   f"d{ids['pong'][0]} (pong)"], bare_metal


@pytest.fixture(scope="module")
def dom0():
    """dom0, sharing the boot-time region boot0 with a bare-metal pong."""
    shell = dom0_shell([
        "--domain", guest("shmping") + ",name=bpong,cpus=3,cmdline=role=pong count=5",
        "--shm", "boot0,size=64K,peers=dom0+bpong"])
    shell.ok("stty columns 1000")
    yield shell
    shell.child.terminate(force=True)


def write_file(shell, path, text):
    shell.child.sendline(f"cat > {path} <<'EOF'")
    for line in text.splitlines():
        shell.child.sendline(line)
    shell.child.sendline("EOF")
    shell.child.expect_exact(PROMPT)


def gone(shell, name):
    shell.ok(f"for i in $(seq 100); do septum list | grep -q '^{name} ' || break; "
             "sleep 0.2; done")


def shmem(name, size="64KiB", place=""):
    count, unit = size[:-3], size[-3:]
    return (f"<shmem name='{name}'><model type='ivshmem-doorbell'/>"
            f"<size unit='{unit}'>{count}</size></shmem>{place}")


def bare_metal_pong(name, region, size="64KiB", cpus=2, extra=""):
    return f"""<domain type='xen'>
  <name>{name}</name>
  <memory unit='MiB'>32</memory>
  <vcpu cpuset='{cpus}'>1</vcpu>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
    <kernel>{GUESTS}/shmping.bin</kernel>
    <cmdline>role=pong count=5</cmdline>
  </os>
  <devices>{shmem(region, size)}</devices>
{extra}</domain>
"""


def test_dom0_pings_a_bare_metal_domain_through_its_device_tree_region(dom0):
    assert re.search(r"^boot0\s+/dev/uio\d+\s+64 KiB\s+peer 0\s+peers 0x3",
                     dom0.ok("septum-shm list"), re.M)
    table = dom0.ok("septum shm").splitlines()
    assert table[0].split() == ["Domain", "Region", "Peer", "Size(KiB)", "Address", "Registers",
                                "INTID", "Rings"]
    assert table[1].split()[:7] == ["dom0", "boot0", "0", "64", "0x0b010000", "0x0b000000", "40"]
    assert [r.split()[:3] for r in table[2:]] == [["bpong", "boot0", "1"]], table
    # Every answer is checked (sequence number and text): messages went
    # both ways, and so did the doorbells.
    assert "septum-shm: ping: 5 round trips on boot0" in dom0.ok("septum-shm ping boot0 5")


def test_dom0_and_a_linux_domu_exchange_messages_at_run_time(dom0):
    before = info(dom0)
    out = dom0.ok("septum-shm attach link 1M")
    assert re.fullmatch(r"septum-shm: link: /dev/uio\d+, 1024 KiB at 0x[0-9a-f]+, "
                        r"registers 0x[0-9a-f]+, INTID \d+\n", out), out
    try:
        dom0.ok(f"septum create {EXAMPLES}/linux-shm.xml")
        dom0.wait_for_console("linux-shm", "domU# ")
        dom0.ok("echo 'septum-shm list; septum-shm pong link 5' | septum console linux-shm "
                "> /dev/null")
        # Its output goes to a file: the domU's console shares the line.
        dom0.ok("septum-shm ping link 5 > /tmp/ping.out")
        console = dom0.wait_for_console("linux-shm", "answered 5")
        assert "septum-shm: ping: 5 round trips on link" in dom0.ok("cat /tmp/ping.out")
        assert re.search(r"link\s+/dev/uio0\s+1024 KiB\s+peer 1\s+peers 0x3", console), console
        assert "septum-shm: pong: answered 5 on link" in console
        # The other way round: the domU pings, dom0 answers.
        dom0.ok("echo 'septum-shm ping link 3' | septum console linux-shm > /dev/null")
        dom0.ok("septum-shm pong link 3 > /tmp/pong.out")
        assert "septum-shm: ping: 3 round trips on link" in \
            dom0.wait_for_console("linux-shm", "3 round trips")
    finally:
        # Leaving: the domU's destruction and dom0's detach free the region.
        dom0.run("septum destroy linux-shm")
        gone(dom0, "linux-shm")
        dom0.ok("septum-shm detach link")
    assert "link" not in dom0.ok("septum-shm list")
    after = info_back_to(dom0, before)
    assert after["free_memory"] == before["free_memory"], (before, after)


def test_a_linux_domu_and_a_bare_metal_domain_exchange_messages(dom0):
    write_file(dom0, "/tmp/lb-linux.xml", open_linux_with("lb"))
    write_file(dom0, "/tmp/lb-pong.xml", bare_metal_pong("lbpong", "lb", cpus=2))
    try:
        dom0.ok("septum create /tmp/lb-linux.xml")
        dom0.wait_for_console("lblinux", "domU# ")
        dom0.ok("septum create /tmp/lb-pong.xml")
        dom0.ok("echo 'septum-shm ping lb 5' | septum console lblinux > /dev/null")
        console = dom0.wait_for_console("lblinux", "round trips on lb")
        assert "septum-shm: ping: 5 round trips on lb" in console, console
        gone(dom0, "lbpong")  # it powers off once it answered its 5
        assert "lbpong" not in dom0.domains()
    finally:
        dom0.run("septum destroy lbpong")
        dom0.run("septum destroy lblinux")
        gone(dom0, "lblinux")


def open_linux_with(region):
    return f"""<domain type='xen'>
  <name>lblinux</name>
  <memory unit='MiB'>192</memory>
  <vcpu cpuset='1'>1</vcpu>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
    <kernel>{GUESTS}/linux.Image</kernel>
    <initrd>{GUESTS}/linux-initrd.cpio.gz</initrd>
    <cmdline>console=ttyAMA0 quiet</cmdline>
  </os>
  <devices>{shmem(region)}</devices>
</domain>
"""


def test_refusals_are_precise_and_leave_nothing_behind(dom0):
    before = info(dom0)
    dom0.ok("septum-shm attach held 64K")
    # A peer asking for another size: refused, the domain not left behind.
    write_file(dom0, "/tmp/size.xml", bare_metal_pong("sizer", "held", size="128KiB"))
    rc, out = dom0.run("septum create /tmp/size.xml")
    assert rc == 1 and "invalid argument" in out, out
    assert "sizer" not in dom0.domains()
    assert "shm held: size differs from the region's" in dom0.ok("septum dmesg | tail -5")
    # A doorbell past the virtual GIC's interrupts: the toolstack cannot
    # know the limit, the hypervisor refuses it.
    write_file(dom0, "/tmp/spi.xml", bare_metal_pong(
        "spi", "held", extra="  <metadata><septum:septum xmlns:septum="
        "'http://septum.dev/xmlns/domain/1'><septum:shmem name='held' interrupt='100'/>"
        "</septum:septum></metadata>\n"))
    rc, out = dom0.run("septum create /tmp/spi.xml")
    assert rc == 1 and "invalid argument" in out, out
    assert "interrupt is not a free SPI of the virtual GIC" in dom0.ok("septum dmesg | tail -5")
    assert "spi" not in dom0.domains()
    # A second attach of dom0 to the same region, a detach of nothing.
    rc, out = dom0.run("septum-shm attach held 64K")
    assert rc == 1 and "File exists" in out, out
    rc, out = dom0.run("septum-shm detach nothing")
    assert rc == 1 and "No such file or directory" in out, out
    assert re.search(r"^held\s+/dev/uio\d+\s+64 KiB\s+peer 0\s+peers 0x1",
                     dom0.ok("septum-shm list"), re.M)
    dom0.ok("septum-shm detach held")
    after = info_back_to(dom0, before)
    assert after["free_memory"] == before["free_memory"], (before, after)
