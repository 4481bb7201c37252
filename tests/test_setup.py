"""Set-up as the README tells it: what the host gets installed is written
down, and a second `make run` does not rebuild dom0's image."""
import re
import subprocess

from conftest import BUILD, ROOT


def make_dom0():
    proc = subprocess.run(["make", "-s", "dom0"], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    out = proc.stdout.decode(errors="replace")
    assert proc.returncode == 0, out
    return out


def test_dom0_image_is_packed_again_only_when_its_inputs_change():
    make_dom0()  # up to date, whatever happened before
    image = BUILD / "dom0" / "initramfs.cpio.gz"
    before = image.stat().st_mtime_ns
    out = make_dom0()
    assert "dom0: up to date" in out, out
    assert image.stat().st_mtime_ns == before


def test_readme_names_every_package_the_host_gets():
    script = (ROOT / "ci" / "install-deps.sh").read_text()
    listed = re.search(r"^packages=\((.*?)^\)", script, re.M | re.S).group(1)
    packages = [w for line in listed.splitlines()
                for w in line.split("#")[0].split()]
    readme = (ROOT / "README.md").read_text()
    assert packages and all(re.search(rf"\b{re.escape(p)}\b", readme) for p in packages), \
        [p for p in packages if not re.search(rf"\b{re.escape(p)}\b", readme)]
    # The dom0 build's own additions to the host.
    for what in ("dpkg --add-architecture arm64", "linux-kbuild"):
        assert what in readme
