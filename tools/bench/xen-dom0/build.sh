#!/usr/bin/env bash
# Builds the Xen dom0 initramfs `make bench` compares Septum's dom0 with:
# the busybox dom0 of guests/dom0/build.sh (same kernel, busybox and Linux
# guest under /usr/share/septum/guests) with Xen's toolstack in place of
# Septum's: xl, xenstored, xenconsoled and xen-init-dom0 from
# xen-utils-4.17, the libraries they need, and the kernel's Xen modules.
#   usage: build.sh --sysroot SYSROOT DOM0_DIR
# DOM0_DIR is guests/dom0/build.sh's output (for its Linux guest's
# initramfs). Packages come through the same cache (tools/debs.sh),
# fetched and unpacked, never installed. The image is cached under
# $SEPTUM_CACHE/xen-dom0/, keyed by the packages' versions and a hash of
# the files it is made of; its path is printed on stdout, all else on
# stderr.
set -euo pipefail

if [ $# -ne 3 ] || [ "$1" != --sysroot ] || [ ! -f "$3/linux-initrd.cpio.gz" ]; then
    echo "usage: $0 --sysroot SYSROOT DOM0_DIR (guests/dom0/build.sh's output)" >&2
    exit 2
fi
XEN_DIR=$(cd "$(dirname "$0")" && pwd)
# The dom0 builder's functions and settings (shared-library closure, cpio
# packing, the package cache, the kernel and busybox versions), given the
# same arguments: they are also what tools/debs.sh starts this script over
# with after refreshing apt's lists.
# shellcheck source-path=SCRIPTDIR source=../../../guests/dom0/build.sh
. "$XEN_DIR/../../../guests/dom0/build.sh" "$@" >&2
GUEST_INITRD=$OUT/linux-initrd.cpio.gz

# Xen's packages, all built from Xen's source at one version, and the
# others its programs link (libfdt1 and zlib1g come from the sysroot).
XEN_PACKAGES=(xen-utils-4.17 libxenmisc4.17 libxencall1 libxendevicemodel1 libxenevtchn1
    libxenforeignmemory1 libxengnttab1 libxenhypfs1 libxenstore4 libxentoolcore1
    libxentoollog1)
OTHER_PACKAGES=(libyajl2 libuuid1)
XEN_BIN=usr/lib/xen-4.17/bin
XEN_PROGRAMS=(xl xenstored xenconsoled xenconsole xen-init-dom0)
# Loaded by init in this order (xenfs needs xen-privcmd).
XEN_MODULES=(xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs/xenfs)

# unpack_modules: the Xen modules of the kernel package, unpacked flat into
# a tree of their own (the kernel's holds only ./boot); prints its path.
unpack_modules() {
    local tree tmp m members=()
    tree=$(tree_path "xen-modules-$abi" arm64 "$kver")
    if [ ! -d "$tree" ]; then
        for m in "${XEN_MODULES[@]}"; do
            members+=("./lib/modules/$abi/kernel/drivers/xen/$m.ko")
        done
        tmp=$(mktemp -d "$CACHE/trees/.unpack.XXXXXX")
        dpkg-deb --fsys-tarfile "$(deb_path "$kpkg" arm64 "$kver")" |
            tar -x -C "$tmp" --transform 's#.*/##' "${members[@]}"
        mv "$tmp" "$tree"
    fi
    echo "$tree"
}

# build_rootfs ROOT BUSYBOX MODULES KERNEL TREE...: lays out the image's
# tree, the Xen packages' TREEs being where programs and libraries are.
build_rootfs() {
    local root=$1 busybox=$2 modules=$3 kernel=$4 tree prog m
    shift 4
    rm -rf "$root"
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,root,run,tmp,var,etc/xen} \
        "$root/$XEN_BIN" "$root/lib/modules" "$root/usr/share/septum/guests"
    cp "$busybox" "$root/bin/busybox"
    install -m 0755 "$XEN_DIR/init" "$root/init"
    install -m 0644 "$XEN_DIR/linux.cfg" "$root/etc/xen/linux.cfg"
    # xl reads its settings from there and complains without; the
    # defaults are what is measured.
    echo "# xl's defaults" >"$root/etc/xen/xl.conf"
    for prog in "${XEN_PROGRAMS[@]}"; do # the first tree is xen-utils'
        cp "$1/$XEN_BIN/$prog" "$root/$XEN_BIN/"
    done
    ln -s "/$XEN_BIN/xl" "$root/usr/sbin/xl"
    for m in "${XEN_MODULES[@]}"; do
        cp "$modules/${m#*/}.ko" "$root/lib/modules/"
    done
    for tree in "$@"; do
        LIB_PATH+=("$tree/usr/lib/aarch64-linux-gnu" "$tree/lib/aarch64-linux-gnu")
    done
    install_closure "$root"
    cp "$kernel" "$root/usr/share/septum/guests/linux.Image"
    cp "$GUEST_INITRD" "$root/usr/share/septum/guests/"
}

# build_image IMAGE XENVER RECORDS: fetches what it needs and packs IMAGE.
build_image() {
    local image=$1 xenver=$2 records=$3 pkg version trees=()
    echo "xen-dom0: xen-utils-4.17 $xenver, kernel $kpkg $kver, busybox-static $bbver"
    fetch "$kpkg" arm64 "$kver"
    fetch busybox-static arm64 "$bbver"
    unpack busybox-static arm64 "$bbver"
    unpack "$kpkg" arm64 "$kver" ./boot
    for pkg in "${XEN_PACKAGES[@]}" "${OTHER_PACKAGES[@]}"; do
        version=$(field "$pkg" Version <<<"$records")
        fetch "$pkg" arm64 "$version"
        unpack "$pkg" arm64 "$version"
        trees+=("$(tree_path "$pkg" arm64 "$version")")
    done
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    build_rootfs "$WORK/rootfs" "$(tree_path busybox-static arm64 "$bbver")/bin/busybox" \
        "$(unpack_modules)" "$(tree_path "$kpkg" arm64 "$kver")/boot/vmlinuz-$abi" "${trees[@]}"
    mkdir -p "$(dirname "$image")"
    pack_cpio "$WORK/rootfs" "$image"
    printf 'xen-dom0: %s, %d bytes\n' "$image" "$(stat -c %s "$image")"
}

xen_main() {
    local kpkg kver abi bbver records xenver key image
    resolve_versions
    records=$(apt_records "${XEN_PACKAGES[@]/%/:arm64}" "${OTHER_PACKAGES[@]/%/:arm64}")
    xenver=$(field xen-utils-4.17 Version <<<"$records")
    key=$(cat "$XEN_DIR/build.sh" "$XEN_DIR/init" "$XEN_DIR/linux.cfg" "$GUEST_INITRD" |
        sha256sum | cut -c1-12)
    image=$CACHE/xen-dom0/${xenver//:/%3a}_${kver//:/%3a}_${bbver//:/%3a}_$key/initramfs.cpio.gz
    [ -f "$image" ] || build_image "$image" "$xenver" "$records" >&2
    echo "$image"
}

xen_main
