"""Xen 4.17 from Debian's arm64 package, fetched with `apt-get download` and
unpacked with dpkg-deb into the cache (never installed: it is an arm64
package), keyed by version as guests/dom0/build.sh keys its packages."""
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "xen-hypervisor-4.17-arm64"
CACHE = Path(os.environ.get("SEPTUM_CACHE", Path.home() / ".cache" / "septum"))


class XenError(Exception):
    """Xen could not be had; the benchmark goes on without its column."""


def _sudo():
    return [] if os.geteuid() == 0 else ["sudo"]


def _candidate_version():
    """The version apt would download, or None when apt does not know it."""
    res = subprocess.run(["apt-cache", "show", "--no-all-versions", f"{PACKAGE}:arm64"],
                         capture_output=True, text=True, check=False)
    for line in res.stdout.splitlines():
        if line.startswith("Version: "):
            return line.split(" ", 1)[1].strip()
    return None


def _make_apt_know_arm64():
    """Once per machine, as guests/dom0/build.sh does: add the arm64
    architecture to dpkg and refresh apt's lists."""
    archs = subprocess.run(["dpkg", "--print-foreign-architectures"], capture_output=True,
                           text=True, check=False).stdout.split()
    if "arm64" not in archs:
        subprocess.run(_sudo() + ["dpkg", "--add-architecture", "arm64"], check=True)
    subprocess.run(_sudo() + ["apt-get", "update", "-qq"], check=True)


def _tree(version):
    # Epochs' colons spelled as apt spells them in file names.
    return CACHE / "trees" / f"{PACKAGE}_{version.replace(':', '%3a')}_arm64"


def _binary(tree):
    """The hypervisor image in an unpacked tree (not its .efi or .config)."""
    found = glob.glob(str(tree / "boot" / "xen-*-arm64"))
    return Path(found[0]) if len(found) == 1 else None


def _newest_cached():
    """(tree, version) of the newest usable unpacked version, or None."""
    for tree in sorted(CACHE.glob(f"trees/{PACKAGE}_*_arm64"), reverse=True):
        if _binary(tree):
            return tree, tree.name.split("_")[1].replace("%3a", ":")
    return None


def _fetch(version, tree):
    """Downloads and unpacks through temporary folders, so that an
    interrupted run never leaves something that looks cached."""
    debs = CACHE / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    (CACHE / "trees").mkdir(parents=True, exist_ok=True)
    download = ["apt-get", "download", "-q", f"{PACKAGE}:arm64={version}"]
    if os.geteuid() == 0:
        # apt cannot drop to its sandbox user in a folder private to root.
        download[2:2] = ["-o", "APT::Sandbox::User=root"]
    with tempfile.TemporaryDirectory(dir=debs, prefix=".fetch.") as tmp:
        res = subprocess.run(download, cwd=tmp, capture_output=True, text=True, check=False)
        fetched = glob.glob(os.path.join(tmp, "*.deb"))
        if res.returncode != 0 or len(fetched) != 1:
            raise XenError(f"apt-get download {PACKAGE} failed: {res.stderr.strip()}")
        deb = debs / os.path.basename(fetched[0])
        shutil.move(fetched[0], deb)
    unpack = Path(tempfile.mkdtemp(dir=CACHE / "trees", prefix=".unpack."))
    try:
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpack)], check=True)
        unpack.rename(tree)
    finally:
        shutil.rmtree(unpack, ignore_errors=True)


def _from_apt():
    version = _candidate_version()
    if version is None:
        _make_apt_know_arm64()
        version = _candidate_version()
        if version is None:
            raise XenError(f"apt knows no {PACKAGE}:arm64")
    tree = _tree(version)
    if _binary(tree) is None:
        _fetch(version, tree)
    if _binary(tree) is None:
        raise XenError(f"{PACKAGE} {version} holds no boot/xen-*-arm64")
    return _binary(tree), version


def hypervisor():
    """(path of Xen's arm64 image, package version): the version apt offers,
    else (offline) the newest cached one. XenError when there is neither."""
    try:
        return _from_apt()
    except (XenError, OSError, subprocess.CalledProcessError) as e:
        cached = _newest_cached()
        if cached is None:
            raise XenError(str(e)) from None
        tree, version = cached
        return _binary(tree), version
