"""The architecture boundary: the core reaches an architecture only through
the pair of interfaces, the arch_* functions of septum/arch.h and the hal_*
platform services of septum/hal.h, and includes no arch header but
<arch/types.h> (through septum/arch.h)."""
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "hypervisor"
ARCH_DIRS = sorted(p for p in (REPO / "arch").iterdir() if (p / "build.mk").is_file())
INTERFACE = CORE / "include" / "septum" / "arch.h"
HAL = CORE / "include" / "septum" / "hal.h"

# A function definition at file scope: a return type, the name, the
# parameters, then the body's brace on the next line (clang-format's style).
DEFINITION = re.compile(r"^(?!static\b)(?:__attribute__\(\([^)]*\)\)|[\w \t\*])*?"
                        r"\b(?!__attribute__)(\w+)\([^;{]*?\)\s*\n\{", re.MULTILINE)
ASM_GLOBAL = re.compile(r"^\s*\.global\s+(\w+)", re.MULTILINE)
CALL = re.compile(r"\b(\w+)\s*\(")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)


def sources(root, patterns=("*.c", "*.h")):
    return [p for pat in patterns for p in sorted(root.rglob(pat))]


def text(path):
    return COMMENT.sub(" ", path.read_text())


def interface():
    return set(re.findall(r"\b(arch_\w+)\s*\(", text(INTERFACE)))


def hal():
    return set(re.findall(r"\b(hal_\w+)\s*\(", text(HAL)))


def defined_in(arch_dir):
    names = set()
    for path in sources(arch_dir, ("*.c",)):
        names |= set(DEFINITION.findall(text(path)))
    for path in sources(arch_dir, ("*.S",)):
        names |= set(ASM_GLOBAL.findall(path.read_text()))
    return names


def test_the_interface_is_found():
    assert {"arch_vcpu_enter", "arch_fdt_cpus", "arch_inject_irq"} <= interface()


def test_the_core_includes_no_arch_header_but_types():
    for path in sources(CORE):
        for header in re.findall(r"#include\s*<(arch/[^>]+)>", path.read_text()):
            assert (path, header) == (INTERFACE, "arch/types.h"), \
                f"{path.relative_to(REPO)} includes <{header}>"


@pytest.mark.parametrize("arch_dir", ARCH_DIRS, ids=lambda p: p.name)
def test_the_core_calls_only_the_interface(arch_dir):
    arch_only = defined_in(arch_dir) - interface() - hal()
    for path in sources(CORE):
        used = set(CALL.findall(text(path))) & arch_only
        assert not used, f"{path.relative_to(REPO)} calls {sorted(used)} of {arch_dir.name}"


@pytest.mark.parametrize("arch_dir", ARCH_DIRS, ids=lambda p: p.name)
def test_an_architecture_implements_the_whole_interface_and_no_other_arch_name(arch_dir):
    defined = defined_in(arch_dir)
    arch_named = {n for n in defined if n.startswith("arch_")}
    assert interface() - defined == set(), f"{arch_dir.name} lacks these"
    assert arch_named - interface() == set(), f"{arch_dir.name}: arch_ names outside the interface"
