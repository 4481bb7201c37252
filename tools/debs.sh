# Fetching and unpacking Debian's arm64 packages without installing them,
# for the scripts that build from them (guests/dom0/build.sh, the tools'
# sysroot). Sourced, not run: the sourcing script sets DEBS_ARGS=("$@")
# first, so that it can be started over after an `apt-get update`.
#
# Packages are fetched with `apt-get download` and unpacked with dpkg-deb,
# never installed: they carry arm64 programs that would replace the host's.
# Downloads and unpacked trees are cached under $SEPTUM_CACHE (default
# ~/.cache/septum), keyed by package name, architecture and version.

CACHE=${SEPTUM_CACHE:-$HOME/.cache/septum}
mkdir -p "$CACHE/debs" "$CACHE/trees"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# apt refuses to drop to its sandbox user when the target folder is private
# to root, and warns on every download; as root it may as well say so.
apt_download=(apt-get download -q)
[ "$(id -u)" -ne 0 ] || apt_download+=(-o APT::Sandbox::User=root)

# apt_records PKG...: prints the apt records of the packages (NAME:arm64 or
# NAME), newest version only, and nothing else: it runs in $(...). Once per
# machine, when apt does not know them yet, it makes apt know Debian's
# arm64 packages. Ask for many packages in one call: without a package
# cache (as in Debian's container images) each call re-reads every list,
# ~1.5 s.
apt_records() {
    if apt-cache show --no-all-versions "$@" 2>/dev/null; then
        return
    fi
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        echo "debs: adding the arm64 architecture to dpkg" >&2
        $sudo dpkg --add-architecture arm64
    fi
    $sudo apt-get update -qq >&2
    apt-cache show --no-all-versions "$@"
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

# unpack_member NAME ARCH VERSION MEMBER: adds one member of the package to
# its (partly) unpacked tree, unless it is there already.
unpack_member() {
    local tree
    tree=$(tree_path "$1" "$2" "$3")
    [ -e "$tree/$4" ] && return
    mkdir -p "$tree"
    dpkg-deb --fsys-tarfile "$(deb_path "$1" "$2" "$3")" | tar -x -C "$tree" "./$4"
}

# fetch NAME ARCH VERSION: downloads the package unless cached. Through a
# temporary folder, so that an interrupted download is never mistaken for
# a cached one. Old apt lists name versions the archive may have dropped
# since (security updates replace kernels): on failure, refresh them once
# and start the sourcing script over, since the versions must be resolved
# again.
fetch() {
    local deb tmp spec
    deb=$(deb_path "$@")
    [ -f "$deb" ] && return
    spec="$1:$2=$3"
    [ "$2" != all ] || spec="$1=$3"
    tmp=$(mktemp -d "$CACHE/debs/.fetch.XXXXXX")
    if ! (cd "$tmp" && "${apt_download[@]}" "$spec"); then
        rm -rf "$tmp"
        if [ -n "${SEPTUM_DEBS_REFRESHED:-}" ]; then
            echo "debs: cannot download $spec" >&2
            exit 1
        fi
        echo "debs: download failed; refreshing apt's lists and starting over" >&2
        $sudo apt-get update -qq
        SEPTUM_DEBS_REFRESHED=1 exec bash "$0" "${DEBS_ARGS[@]}"
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
