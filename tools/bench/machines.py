"""QEMU command lines. Septum's come from its own launcher (--dry-run); Xen's
and the bare kernel's are the same lines with the payload swapped, so the
machine (CPU model, pCPUs, RAM, -icount) is identical by construction."""
import os
import shlex
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
LAUNCHER = REPO / "tools" / "septum-qemu"
# Xen's modules: clear of QEMU's DTB slot at RAM + 128 MiB (FINDINGS.md).
XEN_KERNEL_ADDR = 0x4200_0000
XEN_RAMDISK_ADDR = 0x5000_0000
XEN_CONSOLE = "console=dtuart dtuart=/pl011@9000000"


def launcher_command(args, dtb):
    """The QEMU command tools/septum-qemu would run for args; the device tree
    it generates is kept in dtb."""
    env = dict(os.environ, SEPTUM_QEMU_DTB=str(dtb))
    res = subprocess.run([str(LAUNCHER), "--dry-run", *args], env=env, capture_output=True,
                         text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"septum-qemu --dry-run failed: {res.stderr.strip()}")
    return shlex.split(res.stdout.splitlines()[0])


def option(cmd, name):
    return cmd[cmd.index(name) + 1]


def without_payload(cmd):
    """cmd without its hypervisor, device tree and loaded images."""
    out, i = [], 0
    while i < len(cmd):
        if cmd[i] in ("-kernel", "-dtb") or (cmd[i] == "-device"
                                             and cmd[i + 1].startswith("loader,")):
            i += 2
            continue
        out.append(cmd[i])
        i += 1
    return out


def loader(path, addr):
    return ["-device", f"loader,file={path},addr={addr:#x},force-raw=on"]


def cells(value):
    return f"{value >> 32:#x} {value & 0xffffffff:#x}"


def module(kind, addr, path):
    """A /chosen multiboot module node (FINDINGS.md, Xen under QEMU)."""
    return (f"module@{addr:x} {{ compatible = \"multiboot,{kind}\", \"multiboot,module\"; "
            f"reg = <{cells(addr)} {cells(os.path.getsize(path))}>; }};")


def xen_dtb(cmd, chosen, out):
    """QEMU's own device tree for cmd's machine, plus chosen (DTS text of
    /chosen's new properties and nodes), compiled to out."""
    dumped = f"{out}.qemu"
    machine = option(cmd, "-machine")
    subprocess.run([cmd[0], "-machine", f"{machine},dumpdtb={dumped}", "-cpu", option(cmd, "-cpu"),
                    "-smp", option(cmd, "-smp"), "-m", option(cmd, "-m"), "-nic", "none",
                    "-display", "none"], capture_output=True, check=True)
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dumped], capture_output=True,
                         text=True, check=True).stdout
    os.unlink(dumped)
    dts += ("/ { chosen { #address-cells = <2>; #size-cells = <2>;\n" + chosen + "\n}; };\n")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(out), "-"], input=dts,
                   text=True, check=True)


def xen_dom0less(septum_cmd, xen, guest, mem_kib, workdir):
    """Xen with one dom0less domU running guest (one vCPU, the vpl011), no
    dom0, on septum_cmd's machine."""
    dtb = workdir / "xen-bench.dtb"
    chosen = (f'xen,xen-bootargs = "{XEN_CONSOLE} bootscrub=0";\n'
              "domU1 { compatible = \"xen,domain\"; #address-cells = <2>; #size-cells = <2>; "
              f"cpus = <1>; memory = <{cells(mem_kib)}>; vpl011; "
              f"{module('kernel', XEN_KERNEL_ADDR, guest)} }};")
    xen_dtb(septum_cmd, chosen, dtb)
    return (without_payload(septum_cmd) + ["-kernel", str(xen), "-dtb", str(dtb)]
            + loader(guest, XEN_KERNEL_ADDR))


def xen_dom0(septum_cmd, xen, kernel, initrd, cmdline, mem, workdir):
    """Xen booting kernel + initrd as dom0 (one vCPU, mem bytes of RAM).
    bootscrub=0: Xen would otherwise scrub all free RAM first (FINDINGS)."""
    dtb = workdir / "xen-dom0.dtb"
    chosen = (f'xen,xen-bootargs = "{XEN_CONSOLE} dom0_mem={mem >> 20}M dom0_max_vcpus=1 '
              f'bootscrub=0";\nxen,dom0-bootargs = "{cmdline}";\n'
              f"{module('kernel', XEN_KERNEL_ADDR, kernel)}\n"
              f"{module('ramdisk', XEN_RAMDISK_ADDR, initrd)}")
    xen_dtb(septum_cmd, chosen, dtb)
    return (without_payload(septum_cmd) + ["-kernel", str(xen), "-dtb", str(dtb)]
            + loader(kernel, XEN_KERNEL_ADDR) + loader(initrd, XEN_RAMDISK_ADDR))


def bare(septum_cmd, kernel, initrd, cmdline):
    """The kernel straight on QEMU: no EL2 (virtualization=off), so it runs
    at EL1 as it does under a hypervisor, and Linux sets up no KVM."""
    cmd = without_payload(septum_cmd)
    machine = cmd.index("-machine") + 1
    cmd[machine] = cmd[machine].replace("virtualization=on", "virtualization=off")
    return cmd + ["-kernel", str(kernel), "-initrd", str(initrd), "-append", cmdline]
