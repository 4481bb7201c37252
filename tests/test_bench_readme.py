"""The README's benchmark table is one `make bench` run, verbatim: the run's
figures are kept (tools/bench/readme-run.json) and printed again by today's
tools/bench/run, which must give the README's text exactly. A row or section
added to the tool, or a figure edited in the README by hand, fails here
until the table is taken from a new run."""
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUN = REPO / "tools" / "bench" / "run"
FIGURES = REPO / "tools" / "bench" / "readme-run.json"
# The table sits in the README's Benchmarks section, in a block that opens
# with the tool's first line.
BLOCK = re.compile(r"^```\n(make bench, .*?)^```\n", re.M | re.S)


def readme_table():
    found = BLOCK.findall((REPO / "README.md").read_text())
    assert len(found) == 1, "the README has one `make bench` table"
    return found[0]


def test_readme_table_is_what_the_tool_prints_for_that_run():
    printed = subprocess.run(["/usr/bin/python3", str(RUN), "--print", str(FIGURES)],
                             capture_output=True, text=True, check=True).stdout
    assert readme_table() == printed


def test_readme_table_is_a_whole_run():
    """Not an --exits-only run: the system and toolstack sections are there,
    and riscv64's exit paths beside arm64's."""
    table = readme_table()
    for section in ("Exit paths:", "Interference:", "riscv64 exit paths:",
                    "Shared-memory doorbells:", "Idle Linux domU", "Timer latency",
                    "System:", "Linux domU and toolstack:"):
        assert re.search(rf"^{re.escape(section)}", table, re.M), section
    for path in ("hypercall", "psci-hvc", "unknown-call", "mmio-read", "smc-trap", "vtimer-irq",
                 "sgi-self"):
        assert re.search(rf"^{path}\s", table, re.M), path
