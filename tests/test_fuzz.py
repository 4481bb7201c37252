"""The definition fuzzer (tools/fuzz): libFuzzer under ASan and UBSan over
the XML loader and the plan, seeded with xml/examples, xml/tests and
tools/fuzz/seeds. make test runs a short run with a fixed seed, the same
every time; `make fuzz` runs SEPTUM_FUZZ_SCALE times as many inputs."""
import os
import re
import subprocess

from conftest import BUILD, ROOT

RUNS = 20000 * int(os.environ.get("SEPTUM_FUZZ_SCALE", "1"))
# A safety net for a hung build or run, never a verdict: 20000 runs take
# about 10 s here, the build (clang, sanitizers) as long again.
TIMEOUT = 600 + RUNS // 100


def test_a_short_fuzzing_run_finds_nothing():
    proc = subprocess.run(["make", "-s", "-C", str(ROOT / "tools"), f"O={BUILD / 'tools'}",
                           "fuzz-xml", f"FUZZ_RUNS={RUNS}"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False,
                          timeout=TIMEOUT)
    out = proc.stdout.decode(errors="replace")
    # On a crash, libFuzzer prints the sanitizer's report and where it wrote
    # the input that caused it.
    assert proc.returncode == 0, out[-6000:]
    for seeds in (ROOT / "xml" / "examples", ROOT / "xml" / "tests",
                  ROOT / "tools" / "fuzz" / "seeds"):
        assert f"{len(list(seeds.iterdir()))} files found in {seeds}" in out, out[-2000:]
    assert re.search(rf"^Done {RUNS} runs in \d+ second", out, re.M), out[-2000:]
