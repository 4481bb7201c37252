#!/usr/bin/env bash
# Runs the test guests on bare QEMU (no hypervisor: arm64 guests are entered
# at EL1 and QEMU answers PSCI over HVC; riscv64 guests are entered in S mode
# by OpenSBI, which answers SBI) and checks their console output. A quick
# check of the guests themselves, independent of Septum.
# Usage: guests/test-on-qemu.sh [--arch arm64|riscv64] [build dir]
#   (default build dir: build/guests, or build/riscv64/guests)
set -u

arch=arm64
if [ "${1:-}" = "--arch" ]; then
    arch=${2:?--arch needs arm64 or riscv64}
    shift 2
fi
case $arch in
arm64)
    dir=${1:-$(dirname "$0")/../build/guests}
    qemu=(qemu-system-aarch64 -machine virt,gic-version=3 -cpu cortex-a57 -m 512M -nographic
          -net none -no-reboot)
    cpu_id="mpidr 0x80000000" memory="memory 0x40000000 size 0x20000000"
    irq_cleared="irq: spi 33 cleared while pending stayed quiet" sysreg=mrs undef=UNDEF ;;
riscv64)
    dir=${1:-$(dirname "$0")/../build/riscv64/guests}
    qemu=(qemu-system-riscv64 -machine virt -bios default -m 512M -nographic -net none
          -no-reboot)
    cpu_id="hart 0x0" memory="memory 0x80000000 size 0x20000000"
    irq_cleared="" sysreg=csrr undef="an illegal instruction" ;;
*)
    echo "$0: unknown arch '$arch' (arm64 or riscv64)" >&2
    exit 2 ;;
esac
failures=0

# check NAME SECONDS EXPECTED_RC QEMU_ARGS... -- EXPECTED_LINE... [!FORBIDDEN_LINE...]
check() {
    local name=$1 seconds=$2 want_rc=$3 out rc
    shift 3
    local args=()
    while [ "$1" != "--" ]; do args+=("$1"); shift; done
    shift
    out=$(timeout "$seconds" "${qemu[@]}" "${args[@]}" 2>&1 </dev/null)
    rc=$?
    out=$(tr -d '\r' <<<"$out")
    local ok=1
    [ "$rc" = "$want_rc" ] || { echo "  exit status $rc, expected $want_rc"; ok=0; }
    for line in "$@"; do
        if [ "${line#!}" != "$line" ]; then
            ! grep -qxF -- "${line#!}" <<<"$out" || { echo "  unexpected: ${line#!}"; ok=0; }
        else
            grep -qxF -- "$line" <<<"$out" || { echo "  missing: $line"; ok=0; }
        fi
    done
    if [ $ok = 1 ]; then
        echo "PASS $name"
    else
        echo "FAIL $name"; sed 's/^/  | /' <<<"$out"
        failures=$((failures + 1))
    fi
}

# -smp 1 where the boot CPU is printed: OpenSBI may boot from any hart.
check "hello name=x" 30 0 -smp 1 -kernel "$dir/hello.bin" -append "name=x" -- \
    "hello from x" "hello: $cpu_id" "hello: $memory" "hello: done"
check "hello (no bootargs)" 30 0 -smp 1 -kernel "$dir/hello.bin" -- "hello from hello" "hello: done"
check "hello reset" 30 0 -smp 1 -kernel "$dir/hello.bin" -append "reset" -- \
    "hello: done" "hello: resetting"
check "hello spin" 3 124 -smp 1 -kernel "$dir/hello.bin" -append "spin" -- \
    "hello: tick 5" "!hello: done"
for n in 1 2 4 8; do
    check "smp -smp $n" 30 0 -smp $n -kernel "$dir/smp.bin" -- "smp: all $n cpus up" "smp: done"
done
check "irq -smp 2" 30 0 -smp 2 -kernel "$dir/irq.bin" -- "irq: timer 1" "irq: timer 10" \
    "irq: cpu1 got sgi from cpu0" "irq: cpu0 got sgi from cpu1" \
    ${irq_cleared:+"$irq_cleared"} "irq: done"
check "irq -smp 1" 30 0 -smp 1 -kernel "$dir/irq.bin" -- "irq: timer 10" "irq: done"
# Without a hypervisor nothing stops faulty: its own handler skips the fault.
check "faulty mem" 30 0 -smp 1 -kernel "$dir/faulty.bin" -- "faulty: starting" \
    "faulty: still alive"
check "faulty sysreg" 30 0 -smp 1 -kernel "$dir/faulty.bin" -append "sysreg" -- \
    "faulty: starting" "faulty: $sysreg took $undef at its own vector" "faulty: still alive"
check "faulty storm" 3 124 -smp 1 -kernel "$dir/faulty.bin" -append "storm" -- \
    "faulty: starting" "!faulty: still alive"

[ $failures = 0 ] && echo "all guest checks passed" || echo "$failures guest check(s) failed"
[ $failures = 0 ]
