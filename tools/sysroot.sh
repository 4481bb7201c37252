#!/usr/bin/env bash
# Makes SYSROOT_DIR an arm64 sysroot for the dom0 tools: Debian's libxml2,
# libfdt and ncurses development packages with every library they depend
# on, and ncurses-base's terminfo entries, unpacked (never installed) from
# Debian's arm64 archive.
#
# The C library, libgcc_s and libstdc++ are not in it: they come with the
# cross toolchain (libc6-dev-arm64-cross, in /usr/aarch64-linux-gnu), which
# also provides the loader. Build and link with
#     -I SYSROOT/usr/include -I SYSROOT/usr/include/aarch64-linux-gnu
#     -I SYSROOT/usr/include/libxml2
#     -L SYSROOT/usr/lib/aarch64-linux-gnu -L SYSROOT/lib/aarch64-linux-gnu
#     -Wl,-rpath-link=SYSROOT/usr/lib/aarch64-linux-gnu:SYSROOT/lib/aarch64-linux-gnu
#
# The merged tree is kept in the cache (tools/debs.sh) under a key made of
# the packages' names and versions, and SYSROOT_DIR becomes a symbolic link
# to it: a re-run with the same versions only resolves them (a few seconds
# of apt-cache) and relinks.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 SYSROOT_DIR" >&2
    exit 2
fi
SYSROOT=$1
REPO=$(cd "$(dirname "$0")/.." && pwd)
DEBS_ARGS=("$@")
# shellcheck source=debs.sh
. "$REPO/tools/debs.sh"

# What the tools link with, and the terminal descriptions ncurses reads.
ROOTS=(libxml2-dev libfdt-dev libncurses-dev ncurses-base)
# Dependencies not followed: the cross toolchain provides the C and C++
# runtimes and the kernel headers, and programs are not needed to link.
SKIP=" libc6 libc6-dev libgcc-s1 libstdc++6 gcc-12-base libcrypt1 libcrypt-dev linux-libc-dev
       libnsl-dev libtirpc-dev rpcsvc-proto ncurses-bin icu-devtools "
# Bump when the way the tree is put together changes, to rebuild it.
LAYOUT=1

# dependencies PACKAGE < RECORDS: prints the packages PACKAGE's Depends and
# Pre-Depends name, one a line: the first of each set of alternatives,
# without version or architecture qualifiers.
dependencies() {
    local records deps
    records=$(cat)
    deps="$(field "$1" Pre-Depends <<<"$records"), $(field "$1" Depends <<<"$records")"
    tr ',' '\n' <<<"$deps" | sed -e 's/|.*//' -e 's/(.*)//' -e 's/:any//' -e 's/[[:space:]]//g' |
        grep -v '^$' || true
}

# Prints "NAME ARCH VERSION" for ROOTS and everything they depend on (but
# SKIP), sorted. One apt-cache call per level of the dependency graph.
resolve() {
    local -A seen=()
    local todo=("${ROOTS[@]}") next missing records name dep
    while [ ${#todo[@]} -gt 0 ]; do
        records=$(apt_records "${todo[@]/%/:arm64}")
        # apt shows an Architecture: all package asked as NAME:arm64 when
        # asked alone, not among others: ask again for those it left out.
        missing=()
        for name in "${todo[@]}"; do
            [ -n "$(field "$name" Version <<<"$records")" ] || missing+=("$name")
        done
        [ ${#missing[@]} -eq 0 ] || records+=$'\n'$(apt_records "${missing[@]}")
        next=()
        for name in "${todo[@]}"; do
            seen[$name]=1
            echo "$name $(field "$name" Architecture <<<"$records") $(field "$name" Version \
                <<<"$records")"
            for dep in $(dependencies "$name" <<<"$records"); do
                if [[ -z "${seen[$dep]:-}" && "$SKIP" != *" $dep "* && " ${next[*]} " != *" $dep "* &&
                    " ${todo[*]} " != *" $dep "* ]]; then
                    next+=("$dep")
                fi
            done
        done
        todo=("${next[@]}")
    done | LC_ALL=C sort
}

# Rewrites the absolute symbolic links of the tree at $1 (-dev packages'
# libfoo.so -> /lib/...) to point inside it, wherever it is.
relativize_links() {
    local link target
    while IFS= read -r -d '' link; do
        target=$(readlink "$link")
        [[ "$target" == /* ]] || continue
        ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$1$target")" "$link"
    done < <(find "$1" -type l -print0)
}

# merge KEY < PACKAGES: puts the unpacked packages together in the cache
# unless already done; prints the tree's path.
merge() {
    local tree=$CACHE/sysroots/$1 tmp name arch version
    if [ ! -d "$tree" ]; then
        mkdir -p "$CACHE/sysroots"
        tmp=$(mktemp -d "$CACHE/sysroots/.merge.XXXXXX")
        while read -r name arch version; do
            # Hard links: the trees live in the same cache.
            cp -a --link "$(tree_path "$name" "$arch" "$version")/." "$tmp/"
        done
        relativize_links "$tmp"
        mv "$tmp" "$tree"
    fi
    echo "$tree"
}

main() {
    local packages key tree name arch version
    packages=$(resolve)
    while read -r name arch version; do
        fetch "$name" "$arch" "$version"
        unpack "$name" "$arch" "$version"
    done <<<"$packages"
    key=$( (echo "layout $LAYOUT" && echo "$packages") | sha256sum | cut -c1-16)
    tree=$(merge "$key" <<<"$packages")
    if [ -e "$SYSROOT" ] && [ ! -L "$SYSROOT" ]; then
        echo "sysroot: $SYSROOT exists and is not a link made by $0; remove it" >&2
        exit 1
    fi
    mkdir -p "$(dirname "$SYSROOT")"
    ln -sfn "$tree" "$SYSROOT"
    echo "sysroot: $(wc -l <<<"$packages") packages in $SYSROOT -> $tree"
}

main
