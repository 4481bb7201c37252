#!/usr/bin/env bash
# Builds the control domain from Debian's arm64 packages:
#   OUT_DIR/Image              Debian's stock kernel (what linux-image-arm64 depends on)
#   OUT_DIR/initramfs.cpio.gz  busybox-static, /init, septum.ko, EXTRA_ROOTFS_DIR's tree,
#                              the shared libraries its programs need, and a Linux
#                              guest in /usr/share/septum/guests: the same kernel
#                              (linux.Image) with a busybox initramfs of its own
#                              (linux-initrd.cpio.gz, /init from guests/linux)
# The arm64 packages are fetched and unpacked, never installed, through a
# cache (tools/debs.sh); the one package installed on the host is
# linux-kbuild (below). A re-run whose inputs are unchanged (their digest is
# kept in OUT_DIR/inputs.sha256) does nothing.
# The shared libraries are looked up in SYSROOT (tools/sysroot.sh), then in
# the cross toolchain's C runtime.
set -euo pipefail

usage() {
    echo "usage: $0 [--sysroot SYSROOT] OUT_DIR [EXTRA_ROOTFS_DIR]" >&2
    exit 2
}
SYSROOT=""
if [ "${1:-}" = --sysroot ]; then
    [ $# -ge 2 ] || usage
    SYSROOT=$2
    shift 2
fi
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    usage
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

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
DEBS_ARGS=(${SYSROOT:+--sysroot "$SYSROOT"} "$@")
# shellcheck source=../../tools/debs.sh
. "$REPO/tools/debs.sh"

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
    ln -sf "$REPO/tools/driver/septum.c" "$REPO/tools/driver/septum_shm.c" \
        "$REPO/tools/driver/Kbuild" "$bdir/"
    make -s -C "$hdrs" M="$bdir" ARCH=arm64 CROSS_COMPILE=$CROSS W=1 \
        SEPTUM_PUBLIC="$REPO/hypervisor/include/public" modules
}

# Where programs' shared libraries are looked up, in order, and where they
# go in the initramfs: the loader (an arm64 Debian build of the cross
# toolchain's glibc) searches there without an ld.so.cache.
LIB_PATH=()
[ -z "$SYSROOT" ] || LIB_PATH+=("$SYSROOT/lib/aarch64-linux-gnu" "$SYSROOT/usr/lib/aarch64-linux-gnu")
LIB_PATH+=(/usr/aarch64-linux-gnu/lib)
LIB_DIR=lib/aarch64-linux-gnu
# glibc dlopen()s libgcc_s for pthread_cancel and unwinding: no DT_NEEDED
# names it.
DLOPENED=(libgcc_s.so.1)
# The terminals ncurses programs may find themselves on: dom0's console
# (linux, vt100...) or a terminal emulator on the host side of QEMU.
TERMINALS=(l/linux v/vt100 v/vt102 v/vt220 x/xterm x/xterm-256color s/screen)

# needed FILE: the sonames FILE names in DT_NEEDED, one a line.
needed() {
    ${CROSS}readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
}

# interpreter FILE: the program interpreter FILE asks for, if any.
interpreter() {
    ${CROSS}readelf -l "$1" | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]$/\1/p'
}

# find_library SONAME: its path in LIB_PATH.
find_library() {
    local dir
    for dir in "${LIB_PATH[@]}"; do
        if [ -e "$dir/$1" ]; then
            echo "$dir/$1"
            return
        fi
    done
    echo "dom0: shared library $1 not found in ${LIB_PATH[*]}" >&2
    exit 1
}

is_elf() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]; }

# install_closure ROOT: copies into ROOT the shared libraries its ELF files
# need, transitively (following DT_NEEDED), their interpreter, and the ones
# glibc loads by itself, as plain files named by their sonames.
install_closure() {
    local root=$1 file lib interp
    local -A have=()
    local todo=()
    while IFS= read -r -d '' file; do
        is_elf "$file" || continue
        todo+=("$file")
        interp=$(interpreter "$file")
        if [ -n "$interp" ] && [ ! -e "$root$interp" ]; then
            mkdir -p "$root$(dirname "$interp")"
            cp -L "$(find_library "$(basename "$interp")")" "$root$interp"
            # libc names the loader too: it is the one already there.
            have[$(basename "$interp")]=1
        fi
    done < <(find "$root" -type f -print0)
    [ ${#todo[@]} -gt 0 ] || return 0
    mkdir -p "$root/$LIB_DIR"
    for lib in "${DLOPENED[@]}"; do
        cp -L "$(find_library "$lib")" "$root/$LIB_DIR/$lib"
        have[$lib]=1
        todo+=("$root/$LIB_DIR/$lib")
    done
    while [ ${#todo[@]} -gt 0 ]; do
        file=${todo[0]}
        todo=("${todo[@]:1}")
        for lib in $(needed "$file"); do
            [ -z "${have[$lib]:-}" ] || continue
            have[$lib]=1
            cp -L "$(find_library "$lib")" "$root/$LIB_DIR/$lib"
            todo+=("$root/$LIB_DIR/$lib")
        done
    done
    printf 'dom0: %d shared libraries, %d bytes\n' "$(find "$root/$LIB_DIR" -type f | wc -l)" \
        "$(du -sb "$root/$LIB_DIR" | cut -f1)"
}

# install_terminfo ROOT: the terminal descriptions of TERMINALS, where
# ncurses looks first.
install_terminfo() {
    local root=$1 term
    [ -n "$SYSROOT" ] || return 0
    for term in "${TERMINALS[@]}"; do
        mkdir -p "$root/lib/terminfo/$(dirname "$term")"
        cp -L "$SYSROOT/lib/terminfo/$term" "$root/lib/terminfo/$term"
    done
}

# pack_cpio DIR OUT: DIR's tree as a gzip'd newc cpio in OUT, owned by root
# whoever builds it.
pack_cpio() {
    (cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
        cpio --quiet -o -H newc -R 0:0) | gzip -9n >"$2.tmp"
    mv "$2.tmp" "$2"
}

# The kernel modules a Linux domU needs for the devices passed through to
# it: virtio-mmio transports with their disks and network cards, ext4 for
# a disk's file system (and the crc32c its checksums use), QEMU virt's
# PL031 RTC (what the kernel has built in is skipped). With what they
# depend on, in load order.
DOMU_MODULES=(virtio_mmio virtio_blk virtio_net crc32c_generic ext4 rtc-pl031)

# domu_modules KERNEL_DEB ABI: the kernel's modules, unpacked once into the
# cache (the package has no modules.dep: it is depmod's, at install), and
# DOMU_MODULES' load order in its file load-order; prints the tree.
domu_modules() {
    local deb=$1 abi=$2 tree
    tree="$CACHE/trees/$(basename "$deb" .deb)-modules"
    if [ ! -d "$tree" ]; then
        local tmp
        tmp=$(mktemp -d "$CACHE/trees/.unpack.XXXXXX")
        dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "./lib/modules/$abi"
        mv "$tmp" "$tree"
    fi
    # Worked out again whenever DOMU_MODULES changes.
    if [ "$(cat "$tree/load-order.for" 2>/dev/null)" != "${DOMU_MODULES[*]}" ]; then
        module_order "$tree/lib/modules/$abi" >"$tree/load-order"
        echo "${DOMU_MODULES[*]}" >"$tree/load-order.for"
    fi
    echo "$tree"
}

# The modules' own list of what they need (.modinfo's depends=).
module_depends() {
    ${CROSS}objcopy -O binary --only-section=.modinfo "$1" /dev/stdout |
        tr '\0' '\n' | sed -n 's/^depends=//p' | tr ',' ' '
}

# module_order MODULE_DIR: DOMU_MODULES that are modules (not built in),
# each after what it depends on, as paths relative to MODULE_DIR.
module_order() {
    local dir=$1
    declare -A path=() seen=()
    local f name
    while read -r f; do
        name=${f##*/}
        name=${name%.ko}
        path[${name//-/_}]=${f#"$dir"/}
    done < <(find "$dir/kernel" -name '*.ko')
    visit() {
        local m=${1//-/_} d
        [ -n "${path[$m]:-}" ] && [ -z "${seen[$m]:-}" ] || return 0
        seen[$m]=1
        for d in $(module_depends "$dir/${path[$m]}"); do
            visit "$d"
        done
        echo "${path[$m]}"
    }
    for m in "${DOMU_MODULES[@]}"; do
        visit "$m"
    done
}

# The Linux domU's initramfs, in OUT/linux-initrd.cpio.gz: busybox init,
# acpid for the power keys (evdev, gpio_keys), the modules of the devices
# passed through (kernel package at DEB) with their load order, and shared
# memory's UIO driver and tool.
build_linux_guest() {
    local busybox=$1 deb=$2 abi=$3 root=$OUT/linux-rootfs src=$REPO/guests/linux modules m
    rm -rf "$root"
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,root,tmp,mnt,lib/modules,etc/acpi/PWRF}
    cp "$busybox" "$root/bin/busybox"
    install -m 0755 "$src/init" "$root/init"
    install -m 0644 "$src/inittab" "$root/etc/inittab"
    install -m 0644 "$src/profile" "$root/etc/profile"
    install -m 0755 "$src/power-button" "$root/etc/acpi/PWRF/00000080"
    install -D -m 0755 "$src/udhcpc.script" "$root/etc/udhcpc/default.script"
    modules=$(domu_modules "$deb" "$abi")
    while read -r m; do
        cp "$modules/lib/modules/$abi/$m" "$root/lib/modules/"
    done <"$modules/load-order"
    sed 's#.*/##' "$modules/load-order" >"$root/lib/modules/load-order"
    cp "$modules/lib/modules/$abi/kernel/drivers/input/evdev.ko" \
        "$modules/lib/modules/$abi/kernel/drivers/input/keyboard/gpio_keys.ko" "$root/lib/modules/"
    cp "$UIO_KO" "$OUT/driver/septum_shm.ko" "$root/lib/modules/"
    [ -z "$EXTRA" ] || [ ! -f "$EXTRA/usr/bin/septum-shm" ] ||
        cp "$EXTRA/usr/bin/septum-shm" "$root/usr/bin/"
    pack_cpio "$root" "$OUT/linux-initrd.cpio.gz"
}

# Lays out dom0's root file system in OUT/rootfs and packs it.
build_initramfs() {
    local busybox=$1 kernel=$2 root=$OUT/rootfs
    rm -rf "$root"
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,root,run,tmp,mnt/host,lib/modules}
    cp "$busybox" "$root/bin/busybox"
    install -m 0755 "$HERE/init" "$root/init"
    install -D -m 0644 "$HERE/profile" "$root/etc/profile"
    cp "$OUT/driver/septum.ko" "$OUT/driver/septum_shm.ko" "$UIO_KO" "$root/lib/modules/"
    [ -z "$EXTRA" ] || cp -a "$EXTRA/." "$root/"
    install_closure "$root"
    install_terminfo "$root"
    mkdir -p "$root/usr/share/septum/guests"
    cp "$kernel" "$root/usr/share/septum/guests/linux.Image"
    cp "$OUT/linux-initrd.cpio.gz" "$root/usr/share/septum/guests/"
    pack_cpio "$root" "$OUT/initramfs.cpio.gz"
}

# inputs_key WORDS...: a digest of what the outputs are made of besides the
# Debian packages (WORDS, this script and what it installs, the driver and
# the ABI it is built against, the extra tree), so that a build with
# nothing changed is skipped rather than repacked.
inputs_key() {
    {
        echo "$*"
        (cd "$REPO" && sha256sum guests/dom0/* guests/linux/* \
            guests/linux/init tools/debs.sh tools/driver/* hypervisor/include/public/*)
        [ -z "$EXTRA" ] || (cd "$EXTRA" && find . -type f -print0 | LC_ALL=C sort -z |
            xargs -0 -r sha256sum)
        [ -z "$EXTRA" ] || (cd "$EXTRA" && find . ! -type f | LC_ALL=C sort)
    } | sha256sum | cut -d' ' -f1
}

# resolve_versions: sets kpkg, kver, abi (the kernel package, its version
# and ABI name) and bbver (busybox-static's version), the versions apt offers.
resolve_versions() {
    local records depends
    records=$(apt_records linux-image-arm64:arm64 busybox-static:arm64)
    # The kernel: the one Debian's meta-package depends on, at its version.
    depends=$(field linux-image-arm64 Depends <<<"$records")
    kpkg=$(grep -o 'linux-image-[^ ,]*-arm64' <<<"$depends" | head -n1)
    kver=$(sed -n "s/.*$kpkg (= \([^)]*\)).*/\1/p" <<<"$depends")
    if [ -z "$kpkg" ] || [ -z "$kver" ]; then
        echo "dom0: cannot tell the kernel from linux-image-arm64's Depends: $depends" >&2
        exit 1
    fi
    abi=${kpkg#linux-image-} # 6.1.0-NN-arm64
    bbver=$(field busybox-static Version <<<"$records")
}

main() {
    local kpkg kver abi bbver key
    # Before asking apt which versions are current (apt-cache reads every
    # list, seconds to tens of seconds on a busy machine): a build keeps the
    # package versions it found until something else changes.
    key=$(inputs_key "$SYSROOT")
    if [ -f "$OUT/Image" ] && [ -f "$OUT/initramfs.cpio.gz" ] &&
        [ "$(cat "$OUT/inputs.sha256" 2>/dev/null)" = "$key" ]; then
        echo "dom0: up to date (rm $OUT/inputs.sha256 to look for newer Debian packages)"
        return
    fi
    rm -f "$OUT/inputs.sha256"
    resolve_versions
    local hpkg=linux-headers-$abi
    local cpkg=linux-headers-${abi%-arm64}-common
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
    # And the UIO core, which septum_shm.ko (shared memory) builds on.
    UIO_KO=lib/modules/$abi/kernel/drivers/uio/uio.ko
    unpack_member "$kpkg" arm64 "$kver" "$UIO_KO"
    UIO_KO=$(tree_path "$kpkg" arm64 "$kver")/$UIO_KO
    unpack "$hpkg" arm64 "$kver"
    unpack "$cpkg" all "$kver"
    unpack busybox-static arm64 "$bbver"

    local htree
    htree=$(tree_path "$hpkg" arm64 "$kver")
    fix_headers "$htree" "$(tree_path "$cpkg" all "$kver")" "$hpkg" "$kbuild"
    build_module "$htree/usr/src/$hpkg"

    local busybox kernel
    busybox=$(tree_path busybox-static arm64 "$bbver")/bin/busybox
    kernel=$(tree_path "$kpkg" arm64 "$kver")/boot/vmlinuz-$abi
    build_linux_guest "$busybox" "$(deb_path "$kpkg" arm64 "$kver")" "$abi"
    build_initramfs "$busybox" "$kernel"
    cp "$kernel" "$OUT/Image"

    local f
    for f in Image initramfs.cpio.gz; do
        printf 'dom0: %-18s %10d bytes\n' "$f" "$(stat -c %s "$OUT/$f")"
    done
    echo "$key" >"$OUT/inputs.sha256"
}

# Sourced (tools/bench/xen-dom0/build.sh builds Xen's dom0 with these
# functions), it only defines them.
[ "${BASH_SOURCE[0]}" != "$0" ] || main
