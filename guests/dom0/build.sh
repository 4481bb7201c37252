#!/usr/bin/env bash
# Builds the control domain from Debian's arm64 packages:
#   OUT_DIR/Image              Debian's stock kernel (what linux-image-arm64 depends on)
#   OUT_DIR/initramfs.cpio.gz  busybox-static, /init, septum.ko, and EXTRA_ROOTFS_DIR's tree
# Packages are fetched with `apt-get download` and unpacked with dpkg-deb,
# never installed: they carry arm64 programs that would replace the host's.
# Downloads and unpacked trees are cached under $SEPTUM_CACHE (default
# ~/.cache/septum), keyed by package name and version: a re-run fetches
# nothing and only rebuilds what changed.
set -euo pipefail

ARGS=("$@")
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 OUT_DIR [EXTRA_ROOTFS_DIR]" >&2
    exit 2
fi
EXTRA=${2:-}
if [ -n "$EXTRA" ] && [ ! -d "$EXTRA" ]; then
    echo "dom0: extra rootfs '$EXTRA' is not a directory" >&2
    exit 2
fi

# Debian's kernel headers name gcc-12 of this prefix: no other works.
CROSS=aarch64-linux-gnu-
for tool in ${CROSS}gcc make cpio gzip; do
    if ! command -v "$tool" >/dev/null; then
        echo "dom0: $tool is missing: run ci/install-deps.sh" >&2
        exit 1
    fi
done

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
CACHE=${SEPTUM_CACHE:-$HOME/.cache/septum}
mkdir -p "$CACHE/debs" "$CACHE/trees"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# apt refuses to drop to its sandbox user when the target folder is private
# to root, and warns on every download; as root it may as well say so.
apt_download=(apt-get download -q)
[ "$(id -u)" -ne 0 ] || apt_download+=(-o APT::Sandbox::User=root)

# Prints the apt records of the two packages everything derives from (and
# nothing else: it runs in $(...)). Once per machine, when apt does not know
# them yet, it makes apt know Debian's arm64 packages. One apt-cache call
# only: without a package cache (as in Debian's container images) each call
# re-reads every list, ~1.5 s.
apt_records() {
    local pkgs=(linux-image-arm64:arm64 busybox-static:arm64)
    if apt-cache show --no-all-versions "${pkgs[@]}" 2>/dev/null; then
        return
    fi
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        echo "dom0: adding the arm64 architecture to dpkg" >&2
        $sudo dpkg --add-architecture arm64
    fi
    $sudo apt-get update -qq >&2
    apt-cache show --no-all-versions "${pkgs[@]}"
}

# field PACKAGE FIELD < RECORDS: prints FIELD of PACKAGE's record.
field() {
    awk -v pkg="$1" -v field="$2:" '
        $1 == "Package:" { this = ($2 == pkg) }
        this && $1 == field { sub(/^[^:]*: /, ""); print; exit }'
}

# Where the cache keeps package NAME ARCH VERSION, as a .deb and unpacked
# (epochs' colons spelled as apt spells them in file names).
deb_path() { echo "$CACHE/debs/${1}_${3//:/%3a}_$2.deb"; }
tree_path() { echo "$CACHE/trees/${1}_${3//:/%3a}_$2"; }

# fetch NAME ARCH VERSION: downloads the package unless cached. Through a
# temporary folder, so that an interrupted download is never mistaken for
# a cached one. Old apt lists name versions the archive may have dropped
# since (security updates replace kernels): on failure, refresh them once
# and start over, since the versions must be resolved again.
fetch() {
    local deb tmp spec
    deb=$(deb_path "$@")
    [ -f "$deb" ] && return
    spec="$1:$2=$3"
    [ "$2" != all ] || spec="$1=$3"
    tmp=$(mktemp -d "$CACHE/debs/.fetch.XXXXXX")
    if ! (cd "$tmp" && "${apt_download[@]}" "$spec"); then
        rm -rf "$tmp"
        if [ -n "${SEPTUM_DOM0_REFRESHED:-}" ]; then
            echo "dom0: cannot download $spec" >&2
            exit 1
        fi
        echo "dom0: download failed; refreshing apt's lists and starting over" >&2
        $sudo apt-get update -qq
        SEPTUM_DOM0_REFRESHED=1 exec bash "$0" "${ARGS[@]}"
    fi
    mv "$tmp"/*.deb "$deb"
    rmdir "$tmp"
}

# unpack NAME ARCH VERSION [MEMBER...]: unpacks the cached package (only
# the given members when some are named) unless already done.
unpack() {
    local tree tmp deb
    tree=$(tree_path "$1" "$2" "$3")
    [ -d "$tree" ] && return
    deb=$(deb_path "$1" "$2" "$3")
    tmp=$(mktemp -d "$CACHE/trees/.unpack.XXXXXX")
    if [ $# -gt 3 ]; then
        dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "${@:4}"
    else
        dpkg-deb -x "$deb" "$tmp"
    fi
    mv "$tmp" "$tree"
}

# Kbuild's helpers (fixdep, modpost, ...) in the headers are symlinks to
# linux-kbuild-X.Y, a host (amd64) package; an out-of-tree build needs it
# at exactly the headers' version, or modpost and the generated headers can
# disagree. It is safe to install: it carries only host programs.
ensure_host_kbuild() {
    local name=$1 version=$2
    if [ "$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null)" = \
        "install ok installed $version" ]; then
        return
    fi
    echo "dom0: installing $name=$version on the host (kernel module build helpers)"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "$name=$version" >/dev/null
}

# Makes the unpacked headers usable where they are: the arm64 Makefile
# includes -common's by absolute path, and both trees' scripts/ and tools/
# are relative links to /usr/lib/linux-kbuild-X.Y, which lives on the host.
fix_headers() {
    local htree=$1 ctree=$2 hpkg=$3 kbuild=$4 tree
    local makefile=$htree/usr/src/$hpkg/Makefile
    if ! grep -q "^include $ctree/" "$makefile"; then
        sed -i "s#^include .*/usr/src/\(linux-headers-[^/]*-common/Makefile\)\$#include $ctree/usr/src/\1#" \
            "$makefile"
    fi
    for tree in "$htree" "$ctree"; do
        mkdir -p "$tree/usr/lib"
        ln -sfn "/usr/lib/$kbuild" "$tree/usr/lib/$kbuild"
    done
}

# Builds septum.ko in OUT/driver, leaving the source tree clean: the build
# folder holds links to the sources, and the public ABI headers are named
# by absolute path (the Kbuild file's relative default only works in tree).
build_module() {
    local hdrs=$1 bdir=$OUT/driver
    mkdir -p "$bdir"
    ln -sf "$REPO/tools/driver/septum.c" "$REPO/tools/driver/Kbuild" "$bdir/"
    make -s -C "$hdrs" M="$bdir" ARCH=arm64 CROSS_COMPILE=$CROSS W=1 \
        SEPTUM_PUBLIC="$REPO/hypervisor/include/public" modules
}

# Lays out the root file system in OUT/rootfs and packs it as a newc cpio,
# owned by root whoever builds it.
build_initramfs() {
    local busybox=$1 root=$OUT/rootfs
    rm -rf "$root"
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,root,tmp,mnt/host,lib/modules}
    cp "$busybox" "$root/bin/busybox"
    install -m 0755 "$HERE/init" "$root/init"
    cp "$OUT/driver/septum.ko" "$root/lib/modules/septum.ko"
    [ -z "$EXTRA" ] || cp -a "$EXTRA/." "$root/"
    (cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
        cpio --quiet -o -H newc -R 0:0) | gzip -9n >"$OUT/initramfs.cpio.gz.tmp"
    mv "$OUT/initramfs.cpio.gz.tmp" "$OUT/initramfs.cpio.gz"
}

main() {
    local records depends kpkg kver abi bbver
    records=$(apt_records)
    # The kernel: the one Debian's meta-package depends on, at its version.
    depends=$(field linux-image-arm64 Depends <<<"$records")
    kpkg=$(grep -o 'linux-image-[^ ,]*-arm64' <<<"$depends" | head -n1)
    kver=$(sed -n "s/.*$kpkg (= \([^)]*\)).*/\1/p" <<<"$depends")
    if [ -z "$kpkg" ] || [ -z "$kver" ]; then
        echo "dom0: cannot tell the kernel from linux-image-arm64's Depends: $depends" >&2
        exit 1
    fi
    abi=${kpkg#linux-image-} # 6.1.0-NN-arm64
    local hpkg=linux-headers-$abi
    local cpkg=linux-headers-${abi%-arm64}-common
    bbver=$(field busybox-static Version <<<"$records")
    echo "dom0: kernel $kpkg $kver, busybox-static $bbver"

    fetch "$kpkg" arm64 "$kver"
    fetch "$hpkg" arm64 "$kver"
    fetch "$cpkg" all "$kver"
    fetch busybox-static arm64 "$bbver"

    local kbuild
    kbuild=$(dpkg-deb -f "$(deb_path "$hpkg" arm64 "$kver")" Depends |
        grep -o 'linux-kbuild-[0-9.]*' | head -n1)
    ensure_host_kbuild "$kbuild" "$kver"

    # Of the kernel package only the Image: its ~350 MB of modules are not
    # used (everything dom0 needs to boot is built in).
    unpack "$kpkg" arm64 "$kver" ./boot
    unpack "$hpkg" arm64 "$kver"
    unpack "$cpkg" all "$kver"
    unpack busybox-static arm64 "$bbver"

    local htree
    htree=$(tree_path "$hpkg" arm64 "$kver")
    fix_headers "$htree" "$(tree_path "$cpkg" all "$kver")" "$hpkg" "$kbuild"
    build_module "$htree/usr/src/$hpkg"

    build_initramfs "$(tree_path busybox-static arm64 "$bbver")/bin/busybox"
    cp "$(tree_path "$kpkg" arm64 "$kver")/boot/vmlinuz-$abi" "$OUT/Image"

    local f
    for f in Image initramfs.cpio.gz; do
        printf 'dom0: %-18s %10d bytes\n' "$f" "$(stat -c %s "$OUT/$f")"
    done
}

main
