#!/usr/bin/env bash
# Installs the host packages Septum needs to build and boot. Idempotent: when
# everything is present it only runs dpkg-query and returns.
set -euo pipefail

packages=(
    make gcc libc6-dev
    gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross
    qemu-system-arm
    # The riscv64 port: its cross compiler, QEMU's riscv64 machines and the
    # OpenSBI firmware that loads the hypervisor in HS mode.
    gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu qemu-system-misc opensbi
    device-tree-compiler
    # The toolstack on the host (its unit tests): XML and device trees;
    # xmllint and libvirt's own schemas check the example domains.
    libxml2-dev libfdt-dev libxml2-utils libvirt0
    # septum top on the host (ncurses), and its screen read in tests (pyte).
    libncurses-dev python3-pyte
    # The definition fuzzer (make -C tools fuzz-xml): clang and its libFuzzer.
    clang libclang-rt-14-dev
    cpio
    # The passthrough tests' disk image (mkfs.ext4 -d).
    e2fsprogs
    python3 python3-pytest python3-pexpect
)

# One dpkg-query for all: this runs before every build.
declare -A installed=()
while read -r name status; do
    [ "$status" != "install ok installed" ] || installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for p in "${packages[@]}"; do
    [ -n "${installed[$p]:-}" ] || missing+=("$p")
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "septum: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
