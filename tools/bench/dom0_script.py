"""Unattended dom0 runs under -icount: dom0 boots beside whatever else the
launcher line says, runs a shell script from the host (septum.run=) and
powers the machine off. No input reaches the machine, so the run repeats
exactly (FINDINGS.md, "Deterministic measurement")."""
import machines

DOM0_CMDLINE = "console=ttyAMA0 earlycon=pl011,0x09000000 quiet"
SCRIPT = "run.sh"


def command(workdir, name, script, launcher_args):
    """The launcher's command for a machine whose dom0 runs script (shell
    text), kept with its other files in workdir/name (dom0's /mnt/host).
    The launcher itself runs QEMU: the initramfs it adds those files to
    lives as long as it does."""
    files = workdir / name
    files.mkdir(parents=True, exist_ok=True)
    (files / SCRIPT).write_text(script)
    return files, [str(machines.LAUNCHER), "--icount", "--dom0", "--dom0-files", str(files),
                   "--dom0-cmdline", f"{DOM0_CMDLINE} septum.run=/mnt/host/{SCRIPT}",
                   *launcher_args]
