"""Domain definitions on the host: the XML loader and the device-tree
generator (libseptum-xml's unit tests), the corpora of valid and invalid
definitions, the schemas (ours and libvirt's), generated device trees read
back with dtc, and the create/validate/dumpxml verbs over the simulated
hypervisor (septum-fake)."""
import json
import os
import pathlib
import re
import subprocess

import pytest

from conftest import BUILD, ROOT
from test_libseptum import SEPTUM, SEPTUM_FAKE, TIMEOUT, calls, fake, septum

XML_TESTS = BUILD / "tools" / "host" / "septum-xml-tests"
SCHEMA = ROOT / "xml" / "septum-domain.rng"
LIBVIRT_SCHEMA = pathlib.Path("/usr/share/libvirt/schemas/domain.rng")
EXAMPLES = sorted((ROOT / "xml" / "examples").glob("*.xml"))
INVALID = sorted((ROOT / "xml" / "tests").glob("*-invalid.xml"))
# dom0's root file system as the build lays it out: the examples' images
STAGED = BUILD / "dom0" / "rootfs"

# Mistakes our schema cannot express (only the tools can check them), by
# file: every other invalid file must fail its validation too.
BEYOND_SCHEMA = {
    "cpuset-empty": "a set that excludes all it includes",
    "current-memory": "two elements compared",
    "doctype": "the schema sees the document after its DTD",
    "dtb": "the image's content",
    "kernel-missing": "the file system",
    "kernel-not-image": "the image's content",
    "kernel-too-big": "the image's size against <memory>",
    "memory-align": "arithmetic on the size and its unit",
    "memory-huge": "arithmetic on the size and its unit",
    "passthrough-align": "arithmetic on the address",
    "passthrough": "two elements compared (DMA and direct map)",
    "passthrough-irq": "the virtual GIC's size",
    "pcpu-missing": "the machine",
    "pcpus-short": "the machine",
    "shmem-overlap": "the address against <memory>",
    "shmem-size": "arithmetic on the size",
    "shmem-unknown": "two elements compared",
    "vcpupin-same": "two elements compared",
    "vcpupin-twice": "two elements compared",
    "vcpupin-vcpu": "two elements compared",
}


def _unit_test_names():
    out = subprocess.run([str(XML_TESTS), "--list"], stdout=subprocess.PIPE, check=True)
    return sorted(out.stdout.decode().split())


@pytest.mark.parametrize("name", _unit_test_names())
def test_libseptum_xml_unit(name):
    proc = subprocess.run([str(XML_TESTS), name], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stdout.decode()
    assert f"PASS {name}" in proc.stdout.decode()


def xmllint(schema, path):
    return subprocess.run(["xmllint", "--noout", "--relaxng", str(schema), str(path)],
                          capture_output=True, text=True, check=False)


def expected_error(path):
    """The message an invalid file announces in its first comment (XMLDIR
    for its folder, STAGED for the dom0 tree it is checked against)."""
    text = path.read_text()
    found = re.search(r"<!-- error: (.*?) -->", text, re.S)
    assert found, f"{path.name} does not say which error it expects"
    return f"{path}:" + found.group(1).replace("XMLDIR", str(path.parent)) \
                                      .replace("STAGED", str(STAGED))


# --- the corpora -------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_valid(path):
    r = septum("validate", "--root", str(STAGED), str(path))
    assert r.rc == 0, r
    assert r.out.startswith(f"{path}: valid: ")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_matches_our_schema(path):
    r = xmllint(SCHEMA, path)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_matches_libvirts_schema(path):
    assert LIBVIRT_SCHEMA.exists(), "libvirt's schema is missing: run ci/install-deps.sh"
    r = xmllint(LIBVIRT_SCHEMA, path)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_definition_fails_with_its_message(path):
    r = septum("validate", "--root", str(STAGED), str(path))
    assert r.rc == 1, r
    assert r.err.splitlines() == [
        expected_error(path),
        f"septum: validate: {path}: 1 error in the definition",
    ]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_definition_fails_our_schema_too(path):
    name = path.name[:-len("-invalid.xml")]
    if name in BEYOND_SCHEMA:
        pytest.skip(f"beyond a schema: {BEYOND_SCHEMA[name]}")
    assert xmllint(SCHEMA, path).returncode != 0


def test_every_exception_to_the_schema_is_a_file():
    assert {p.name[:-len("-invalid.xml")] for p in INVALID} >= set(BEYOND_SCHEMA)


def embedded_schema(binary):
    """The bytes between septum_domain_schema and septum_domain_schema_end
    (libseptum-xml/schema_data.S) in an ELF executable: the schema the
    tool checks definitions against."""
    nm = subprocess.run(["nm", str(binary)], capture_output=True, text=True, check=True).stdout
    symbols = {name: int(address, 16) for address, _, name in
               (line.split() for line in nm.splitlines() if line.count(" ") == 2)}
    start, end = symbols["septum_domain_schema"], symbols["septum_domain_schema_end"]
    sections = subprocess.run(["readelf", "-W", "-S", str(binary)], capture_output=True,
                              text=True, check=True).stdout
    for address, offset, size in re.findall(
            r"\]\s+\S+\s+PROGBITS\s+([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+)", sections):
        address, offset, size = int(address, 16), int(offset, 16), int(size, 16)
        if address <= start and end <= address + size:
            with open(binary, "rb") as f:
                f.seek(offset + start - address)
                return f.read(end - start)
    raise AssertionError(f"{binary}: the schema's symbols are in no section")


@pytest.mark.parametrize("binary", [BUILD / "tools" / "host" / "septum",
                                    BUILD / "tools" / "arm64" / "septum",
                                    STAGED / "usr" / "bin" / "septum"],
                         ids=["host", "arm64", "dom0"])
def test_the_built_in_schema_is_the_file(binary):
    """The tools check definitions against the schema built into them, on the
    host and in dom0: it must be xml/septum-domain.rng, the schema the
    documentation names, byte for byte."""
    assert embedded_schema(binary) == SCHEMA.read_bytes()


def test_dom0_installs_the_schema_its_tools_check_against():
    installed = STAGED / "usr" / "share" / "septum" / "septum-domain.rng"
    assert installed.read_bytes() == SCHEMA.read_bytes()


# --- generated device trees --------------------------------------------------

def dts_of(dtb):
    return subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", str(dtb)],
                          capture_output=True, text=True, check=True).stdout


def test_generated_device_tree_decompiles(tmp_path):
    dtb = tmp_path / "smp.dtb"
    r = septum("validate", "--root", str(STAGED), "--dump-dtb", str(dtb),
               str(ROOT / "xml" / "examples" / "smp.xml"))
    assert r.rc == 0, r
    dts = dts_of(dtb)
    for needle in ['compatible = "septum,virt";',
                   "memory@40000000 {", "reg = <0x00 0x40000000 0x00 0x2000000>;",
                   "cpu@0 {", "cpu@1 {", 'enable-method = "psci";',
                   'compatible = "arm,psci-1.0\\0arm,psci-0.2";', 'method = "hvc";',
                   "interrupt-controller@8000000 {",
                   "reg = <0x00 0x8000000 0x00 0x10000 0x00 0x80a0000 0x00 0x40000>;",
                   'compatible = "arm,armv8-timer";',
                   "clock-frequency = <0x16e3600>;",
                   "pl011@9000000 {", "interrupts = <0x00 0x01 0x04>;",
                   'stdout-path = "/pl011@9000000";',
                   'compatible = "septum,hypervisor";']:
        assert needle in dts, (needle, dts)
    assert "cpu@2" not in dts and "linux,initrd" not in dts


def test_device_tree_carries_cmdline_and_initrd(tmp_path):
    kernel = STAGED / "usr" / "share" / "septum" / "guests" / "hello.bin"
    (tmp_path / "initrd.img").write_bytes(b"\x5a" * 5000)
    definition = tmp_path / "d.xml"
    definition.write_text(f"""<domain type='xen'><name>d</name><memory unit='MiB'>8</memory>
<os><type>hvm</type><kernel>{kernel}</kernel><initrd>initrd.img</initrd>
<cmdline>console=ttyAMA0 rdinit=/init</cmdline></os></domain>""")
    dtb = tmp_path / "d.dtb"
    r = septum("validate", "--json", "--dump-dtb", str(dtb), str(definition))
    assert r.rc == 0, r
    plan = json.loads(r.out)
    dts = dts_of(dtb)
    assert 'bootargs = "console=ttyAMA0 rdinit=/init";' in dts
    start, end = plan["initrd_address"], plan["initrd_address"] + 5000
    assert f"linux,initrd-start = <0x00 {start:#x}>;" in dts
    assert f"linux,initrd-end = <0x00 {end:#x}>;" in dts
    assert plan["dtb_address"] == 0x4000_0000 + (8 << 20) - (64 << 10)
    assert start % 4096 == 0 and end <= plan["dtb_address"]


# --- validate on the host ----------------------------------------------------

def test_validate_json_resolves_pinning_against_a_model_machine():
    r = septum("validate", "--json", "--root", str(STAGED), "--pcpus", "4", "--taken", "0",
               str(ROOT / "xml" / "examples" / "hello.xml"))
    assert r.rc == 0, r
    plan = json.loads(r.out)
    assert plan["name"] == "hello" and plan["pcpus"] == [1]
    assert plan["memory"] == 64 << 20
    assert plan["kernel"] == str(STAGED / "usr/share/septum/guests/hello.bin")
    assert plan["initrd"] is None and plan["dtb"] is None
    assert plan["cmdline"] == "name=hello wait"
    assert (plan["on_poweroff"], plan["on_reboot"], plan["on_crash"]) == \
        ("destroy", "restart", "preserve")


def test_validate_reports_a_taken_pin_on_the_model():
    r = septum("validate", "--root", str(STAGED), "--pcpus", "4", "--taken", "2",
               str(ROOT / "xml" / "examples" / "smp.xml"))
    assert r.rc == 1, r
    assert "element <vcpupin> attribute cpuset: no free pCPU for vCPU 0: pCPU 2 is taken" in r.err


@pytest.mark.parametrize("args, message", [
    (["validate"], "missing argument"),
    (["validate", "a.xml", "b.xml"], "too many arguments"),
    (["validate", "a.xml", "--pcpus", "9"], "--pcpus takes a number from 1 to 8, not '9'"),
    (["validate", "a.xml", "--taken", "x"], "bad pCPU list 'x' for --taken"),
    (["create"], "missing argument"),
    (["create", "a.xml", "-x"], "unknown option '-x'"),
    (["dumpxml"], "missing argument"),
])
def test_bad_command_lines_exit_2(args, message):
    r = septum(*args)
    assert r.rc == 2, r
    assert r.err.startswith(f"septum: {args[0]}: ") and message in r.err


@pytest.mark.parametrize("element", ["kernel", "initrd", "dtb"])
def test_an_empty_image_is_named_with_its_element(tmp_path, element):
    empty = tmp_path / "empty.img"
    empty.write_bytes(b"")
    kernel = STAGED / "usr" / "share" / "septum" / "guests" / "hello.bin"
    names = {"kernel": kernel, element: empty}
    path = tmp_path / "d.xml"
    path.write_text(f"""<domain type='xen'><name>d</name><memory unit='MiB'>8</memory>
<os><type>hvm</type>{"".join(f"<{e}>{n}</{e}>" for e, n in names.items())}</os>
</domain>""")
    r = septum("validate", str(path))
    assert r.rc == 1, r
    assert r.err.splitlines()[0] == f"{path}:2: element <{element}>: {empty}: empty file"


def test_dumpxml_of_an_emptied_definition_says_so(tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "1.xml").write_bytes(b"")
    r = run_fake(tmp_path, "dumpxml", "1")
    assert r.rc == 1, r
    assert r.err == "septum: dumpxml: 1: cannot read its definition: empty file\n"


@pytest.mark.parametrize("namespace", [
    "http://septum.dev/xmlns/domain/l",     # a typo
    "http://septum.dev/xmlns/domain/1/",    # a trailing slash
    "HTTP://SEPTUM.DEV/xmlns/domain/1",     # case
    "http://septum.dev/xmlns/domain/2",     # another version
])
def test_septum_settings_in_a_mistyped_namespace_get_a_warning(tmp_path, namespace):
    path = definition(tmp_path, f"""  <metadata>
    <septum:septum xmlns:septum='{namespace}'>
      <septum:passthrough name='eth'/>
    </septum:septum>
  </metadata>
""")
    r = septum("validate", str(path))
    assert r.rc == 0, r
    assert r.out.startswith(f"{path}: valid: "), r
    assert r.err == (f"{path}:6: element <septum>: warning: namespace '{namespace}' is not "
                     f"Septum's ('http://septum.dev/xmlns/domain/1'): what it holds is ignored\n")


def test_other_applications_metadata_gets_no_warning(tmp_path):
    path = definition(tmp_path, """  <metadata>
    <app:septum xmlns:app='http://example.com/app/1'><app:mmio/></app:septum>
    <libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'/>
  </metadata>
""")
    r = septum("validate", str(path))
    assert r.rc == 0 and r.err == "", r


def confined_tree(tmp_path):
    """tmp/root, a dom0 tree with hello.bin and a link out of it to
    tmp/secret.bin (an image too, so that only confinement refuses it), and
    tmp/def for definitions."""
    root, secret = tmp_path / "root", tmp_path / "secret.bin"
    guests = root / "usr" / "share" / "septum" / "guests"
    guests.mkdir(parents=True)
    hello = (STAGED / "usr" / "share" / "septum" / "guests" / "hello.bin").read_bytes()
    (guests / "hello.bin").write_bytes(hello)
    secret.write_bytes(hello)
    (guests / "out.bin").symlink_to(secret)
    (tmp_path / "def").mkdir()
    return root, secret


@pytest.mark.parametrize("element, name", [
    ("kernel", "/../secret.bin"),                        # .. out of the root
    ("kernel", "/usr/share/septum/guests/out.bin"),      # an absolute link out of it
    ("kernel", "../secret.bin"),                         # .. out of the definition's folder
    ("initrd", "/usr/../../secret.bin"),
])
def test_validate_with_a_root_reads_nothing_outside_it(tmp_path, element, name):
    root, secret = confined_tree(tmp_path)
    kernel = name if element == "kernel" else "/usr/share/septum/guests/hello.bin"
    initrd = f"<initrd>{name}</initrd>" if element == "initrd" else ""
    path = tmp_path / "def" / "d.xml"
    path.write_text(f"""<domain type='xen'><name>d</name><memory unit='MiB'>8</memory>
<os><type>hvm</type><kernel>{kernel}</kernel>{initrd}</os></domain>""")
    r = septum("validate", "--root", str(root), str(path))
    assert r.rc == 1, r
    assert r.err.splitlines()[0] == (f"{path}:2: element <{element}>: {name} leads to {secret}, "
                                     f"outside {root} and the definition's folder: not read")


def test_validate_with_a_root_does_not_fall_back_to_the_hosts_files(tmp_path):
    root, secret = confined_tree(tmp_path)
    path = tmp_path / "def" / "d.xml"
    path.write_text(f"""<domain type='xen'><name>d</name><memory unit='MiB'>8</memory>
<os><type>hvm</type><kernel>/usr/share/septum/guests/hello.bin</kernel>
<initrd>{secret}</initrd></os></domain>""")
    r = septum("validate", "--root", str(root), str(path))
    assert r.rc == 1, r
    assert r.err.splitlines()[0] == \
        f"{path}:3: element <initrd>: {secret}: No such file or directory in {root}"
    ok = tmp_path / "def" / "ok.xml"
    ok.write_text(path.read_text().replace(f"<initrd>{secret}</initrd>", ""))
    r = septum("validate", "--json", "--root", str(root), str(ok))
    assert r.rc == 0, r
    assert json.loads(r.out)["kernel"] == str(root / "usr/share/septum/guests/hello.bin")


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "No such file or directory"),
    (lambda p: p.write_text("x"), "not a folder"),
])
def test_validate_names_a_bad_root(tmp_path, make, message):
    root = tmp_path / "tree"
    make(root)
    r = septum("validate", "--root", str(root), str(ROOT / "xml" / "examples" / "hello.xml"))
    assert r.rc == 1, r
    assert r.err == f"septum: validate: --root {root}: {message}\n"


def test_a_missing_definition_exits_1():
    r = septum("validate", "/nonexistent.xml")
    assert r.rc == 1, r
    assert r.err.startswith("/nonexistent.xml: No such file or directory\n")


# --- create and dumpxml over the simulated hypervisor -------------------------

def definition(tmp_path, body="", name="web", memory="16"):
    kernel = STAGED / "usr" / "share" / "septum" / "guests" / "hello.bin"
    path = tmp_path / f"{name}.xml"
    path.write_text(f"""<domain type='xen'>
  <name>{name}</name>
  <memory unit='MiB'>{memory}</memory>
  <os><type arch='aarch64'>hvm</type><kernel>{kernel}</kernel></os>
{body}</domain>
""")
    return path


def run_fake(tmp_path, *args, **kwargs):
    env_dir = tmp_path / "run"
    os.environ["SEPTUM_RUN_DIR"] = str(env_dir)
    try:
        return fake(*args, **kwargs)
    finally:
        del os.environ["SEPTUM_RUN_DIR"]


def test_create_makes_loads_and_starts(tmp_path):
    trace = tmp_path / "trace"
    r = run_fake(tmp_path, "create", str(definition(tmp_path)), trace=trace)
    assert r.rc == 0, r
    assert r.out == "Started domain 3 (web)\n"
    # (DOMAIN_INFO: the names of the pCPUs' owners, for messages)
    made = [c for c in calls(trace)
            if c[0].startswith("DOMAIN_") and c[0] not in ("DOMAIN_LIST", "DOMAIN_INFO")]
    assert [c[0] for c in made] == ["DOMAIN_CREATE", "DOMAIN_LOAD", "DOMAIN_LOAD",
                                    "DOMAIN_SET_BOOT", "DOMAIN_START"]
    assert made[0][2] == "{name=web mem=16777216 pcpus=3 flags=0 cmdline=} -> 3"
    dtb_ipa = 0x4000_0000 + (16 << 20) - (64 << 10)
    assert made[2][1][1] == dtb_ipa
    assert made[3][1][:3] == [3, made[1][1][1], dtb_ipa]
    assert (tmp_path / "run" / "3.xml").read_text() == (tmp_path / "web.xml").read_text()


@pytest.mark.parametrize("mode, flags", [("native", "0x2"), ("trap", "0")])
def test_create_asks_for_native_wfi_as_the_definition_says(tmp_path, mode, flags):
    trace = tmp_path / "trace"
    body = (f"  <metadata><septum:septum xmlns:septum='http://septum.dev/xmlns/domain/1'>"
            f"<septum:cpu wfi='{mode}'/></septum:septum></metadata>\n")
    path = definition(tmp_path, body)
    assert xmllint(SCHEMA, path).returncode == 0
    r = run_fake(tmp_path, "create", str(path), trace=trace)
    assert r.rc == 0, r
    create = next(c for c in calls(trace) if c[0] == "DOMAIN_CREATE")
    assert f" flags={flags} " in create[2]
    # What the launcher reads to describe a boot-time domain.
    plan = json.loads(septum("validate", "--json", "--pcpus", "4", "--root", "/", str(path)).out)
    assert plan["native_wfi"] == (mode == "native")


def test_create_paused_and_dumpxml(tmp_path):
    path = definition(tmp_path)
    r = run_fake(tmp_path, "create", "-p", str(path))
    assert r.rc == 0 and r.out == "Created domain 3 (web), paused\n", r
    # Each fake run starts from the same machine: d1 (hello) was not created
    # from a definition (its definition is made from what the hypervisor
    # says), d3 no longer exists, but its file is what dumpxml of a d3 would
    # print.
    r = run_fake(tmp_path, "dumpxml", "hello")
    assert r.rc == 0, r
    assert "<!-- d1 was not created from a definition" in r.out
    assert "<name>hello</name>" in r.out and "<memory unit='MiB'>64</memory>" in r.out
    assert "<vcpupin vcpu='0' cpuset='1'/>" in r.out
    (tmp_path / "run" / "1.xml").write_text(path.read_text())
    r = run_fake(tmp_path, "dumpxml", "1")
    assert r.rc == 0 and r.out == path.read_text(), r


@pytest.mark.parametrize("body, message", [
    ("<vcpu cpuset='1-2'>1</vcpu>", "no free pCPU for vCPU 0: pCPU 1 belongs to d1 (hello), "
                                    "pCPU 2 belongs to d2 (faulty)"),
    ("<vcpu cpuset='5'>1</vcpu>", "there is no pCPU 5: the host has 4"),
    ("<vcpu>2</vcpu>", "2 vCPUs need as many free pCPUs, and only 1 of those they may have "
                       "are free (3)"),
])
def test_create_refuses_what_the_machine_cannot_give(tmp_path, body, message):
    trace = tmp_path / "trace"
    r = run_fake(tmp_path, "create", str(definition(tmp_path, body)), trace=trace)
    assert r.rc == 1, r
    assert message in r.err
    assert "DOMAIN_CREATE" not in [c[0] for c in calls(trace)]


def test_create_refuses_a_taken_name_and_too_much_memory(tmp_path):
    r = run_fake(tmp_path, "create", str(definition(tmp_path, name="hello")))
    assert r.rc == 1 and "there is already a domain named 'hello'" in r.err, r
    r = run_fake(tmp_path, "create", str(definition(tmp_path, memory="4096")))
    assert r.rc == 1 and "element <memory>: 4096 MiB asked, 1424 MiB free" in r.err, r


@pytest.mark.parametrize("failing", ["DOMAIN_LOAD", "DOMAIN_SET_BOOT", "DOMAIN_START"])
def test_create_destroys_what_it_made_on_failure(tmp_path, failing):
    trace = tmp_path / "trace"
    r = run_fake(tmp_path, "create", str(definition(tmp_path)), trace=trace, fail=failing)
    assert r.rc == 1, r
    assert r.err.startswith("septum: create: cannot ")
    made = [c for c in calls(trace) if c[0] != "PHYSINFO"]  # asked again for the message
    assert made[-1][0] == "DOMAIN_DESTROY" and made[-1][1][0] == 3


def test_toolstack_device_tree_matches_the_hypervisors(tmp_path):
    """libfdt's tree for xml/examples/smp.xml is the one the hypervisor
    writes itself for the same domain (its standard device tree)."""
    from conftest import CORE_TESTS

    hyp, xml = tmp_path / "hypervisor.dtb", tmp_path / "toolstack.dtb"
    subprocess.run([str(CORE_TESTS), "standard_dtb_dump"], check=True,
                   env={**os.environ, "SEPTUM_DUMP_DTB": str(hyp)}, stdout=subprocess.DEVNULL)
    r = septum("validate", str(ROOT / "xml/examples/smp.xml"), "--root", str(STAGED),
               "--dump-dtb", str(xml))
    assert r.rc == 0, r
    assert dts_of(hyp) == dts_of(xml)


# --- kept definitions: define, start, undefine, list --all --------------------

def run_kept(tmp_path, *args, **kwargs):
    """A fake run whose kept definitions live in tmp_path/kept."""
    os.environ["SEPTUM_DOMAINS_DIR"] = str(tmp_path / "kept")
    try:
        return run_fake(tmp_path, *args, **kwargs)
    finally:
        del os.environ["SEPTUM_DOMAINS_DIR"]


def test_define_keeps_the_file_and_start_creates_from_it(tmp_path):
    path = definition(tmp_path)
    r = run_kept(tmp_path, "define", str(path))
    assert r.rc == 0 and r.out == f"Domain 'web' defined from {path}\n", r
    assert (tmp_path / "kept" / "web.xml").read_text() == path.read_text()
    path.unlink()  # start reads the kept copy, not the original
    trace = tmp_path / "trace"
    r = run_kept(tmp_path, "start", "web", trace=trace)
    assert r.rc == 0 and r.out == "Started domain 3 (web)\n", r
    names = [c[0] for c in calls(trace)]
    assert names.index("DOMAIN_CREATE") < names.index("DOMAIN_START")
    r = run_kept(tmp_path, "define", str(definition(tmp_path)))
    assert r.out.startswith("Domain 'web' redefined"), r


def test_list_all_shows_kept_domains_that_do_not_run(tmp_path):
    run_kept(tmp_path, "define", str(definition(tmp_path)))
    run_kept(tmp_path, "define", str(definition(tmp_path, name="hello")))  # hello runs
    r = run_kept(tmp_path, "list")
    assert "web" not in r.out, r
    r = run_kept(tmp_path, "list", "--all")
    assert r.rc == 0, r
    assert re.search(r"^web\s+-\s+-\s+-\s+shut off\s+-$", r.out, re.M), r
    assert len(re.findall(r"^hello\s", r.out, re.M)) == 1  # listed once, as it runs
    entries = json.loads(run_kept(tmp_path, "list", "-a", "--json").out)
    assert {"id": None, "name": "web", "state": "shut off"} in entries
    assert [e["name"] for e in entries].count("hello") == 1


def test_a_kept_domain_that_does_not_run_answers_queries(tmp_path):
    path = definition(tmp_path)
    run_kept(tmp_path, "define", str(path))
    assert run_kept(tmp_path, "domstate", "web").out == "shut off\n"
    assert run_kept(tmp_path, "domid", "web").out == "-\n"
    assert "Persistent:     yes" in run_kept(tmp_path, "dominfo", "web").out
    assert run_kept(tmp_path, "dumpxml", "web").out == path.read_text()


def test_undefine_forgets_and_says_so_when_there_is_nothing(tmp_path):
    run_kept(tmp_path, "define", str(definition(tmp_path)))
    r = run_kept(tmp_path, "undefine", "web")
    assert r.rc == 0 and r.out == "Domain 'web' has been undefined\n", r
    assert not (tmp_path / "kept" / "web.xml").exists()
    r = run_kept(tmp_path, "undefine", "web")
    assert r.rc == 1 and "web: no kept definition of that name" in r.err, r
    r = run_kept(tmp_path, "start", "web")
    assert r.rc == 1 and "web: no kept definition of that name" in r.err, r


def test_define_refuses_relative_image_paths_and_keeps_nothing(tmp_path):
    path = tmp_path / "rel.xml"
    path.write_text("<domain type='septum'>\n  <name>rel</name>\n"
                    "  <memory unit='MiB'>16</memory>\n"
                    "  <os><type>hvm</type><kernel>hello.bin</kernel></os>\n</domain>\n")
    r = run_kept(tmp_path, "define", str(path))
    assert r.rc == 1, r
    assert r.err.splitlines() == [
        f"{path}:4: element <kernel>: 'hello.bin' is a relative path: a kept definition must "
        "name its images by absolute path",
        f"septum: define: {path}: 1 error in the definition"]
    assert not (tmp_path / "kept" / "rel.xml").exists()
