"""How `make bench` reads dom0 output for its Linux domU and toolstack
figures (tools/bench/domu.py), on transcripts as Septum's and Xen's dom0
print them. Host only: nothing boots."""
import sys

import pexpect
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools" / "bench"))
import domu  # noqa: E402


@pytest.mark.parametrize("text,seconds", [
    ("real\t0m 1.23s\nuser\t0m 0.50s\nsys\t0m 0.20s\n", 1.23),  # busybox
    ("\nreal\t1m2.500s\nuser\t0m0.001s\n", 62.5),  # bash
    ("real 1h 0m 3.00s\n", 3603.0),
    ("real 0.75\nuser 0.01\n", 0.75),  # POSIX -p
])
def test_time_real_line(text, seconds):
    assert domu.parse_time_real(text) == pytest.approx(seconds)


def test_time_without_real_line_is_an_error():
    with pytest.raises(ValueError):
        domu.parse_time_real("user\t0m 0.50s\nreal-time clock\n")


SEPTUM_INFO = """abi_version   : 1.2
total_memory  : 2048 MiB
free_memory   : 1241 MiB
max_domains   : 16

   ID Domain            RAM(MiB) Extents  Copies(KiB) Tables(KiB)
    0 dom0                   512       1            0          12
    1 linux                  192       1        33152          12
    2 linux2                 192       1           10          24
"""
XL_INFO = """total_memory           : 2048
free_memory            : 1309
sharing_freed_memory   : 0
"""


def test_free_memory_of_both_toolstacks():
    assert domu.free_mib(domu.SEPTUM, SEPTUM_INFO) == 1241
    assert domu.free_mib(domu.XEN, XL_INFO) == 1309
    with pytest.raises(ValueError):
        domu.free_mib(domu.XEN, "sharing_freed_memory   : 0\n")


def test_septum_domain_costs_by_name():
    assert domu.septum_domain_costs(SEPTUM_INFO, "linux") == (33152, 12)
    assert domu.septum_domain_costs(SEPTUM_INFO, "linux2") == (10, 24)
    with pytest.raises(ValueError):
        domu.septum_domain_costs(SEPTUM_INFO, "web")


def first_line_after(transcript):
    """The text first_domu_line leaves unread after it returns, the
    transcript going through a terminal as QEMU's console does (its "\n"
    reads "\r\n")."""
    child = pexpect.spawn("cat", encoding="utf-8", timeout=5, echo=False)
    child.send(transcript)
    child.sendeof()
    domu.first_domu_line(child)
    return child.read()


def test_septum_first_line_is_the_prefixed_one():
    rest = first_line_after("\n(septum) d1 (linux): 12 KiB of hypervisor memory\n"
                            "Started domain 1 (linux)\n"
                            "(d1:linux) [    0.000000] Booting Linux\nmore\n")
    assert rest.startswith("[    0.000000] Booting Linux")


def test_xen_first_line_skips_xl_and_xen_log():
    rest = first_line_after("\nParsing config from /etc/xen/linux.cfg\n"
                            "(XEN) d1v0: vGICR: SGI: unhandled word write\n"
                            "Septum domU: Linux 6.1.0, 2 CPUs\nnext line\n")
    assert rest.startswith("next line")


def test_boot_images_are_the_loader_files(tmp_path):
    kernel, initrd = tmp_path / "Image", tmp_path / "initrd"
    kernel.write_bytes(b"k" * 3000)
    initrd.write_bytes(b"i" * 500)
    cmd = ["qemu-system-aarch64", "-kernel", "septum.bin", "-device", "pl011",
           "-device", f"loader,file={kernel},addr=0xbe000000,force-raw=on",
           "-device", f"loader,file={initrd},addr=0xbc200000"]
    assert domu.loaded_bytes(cmd) == 3500
