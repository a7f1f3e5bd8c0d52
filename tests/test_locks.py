"""The Python dependencies come from lock files with hashes, and the test environment is what the lock says."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+) \\$", re.M)


def pins(lock: str) -> dict[str, str]:
    text = (REPO / "requirements" / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    found = {}
    for entry in entries:
        pin = PIN.match(entry)
        if pin:
            assert "--hash=sha256:" in entry, f"{lock}: {pin.group(1)} has no hash"
            found[pin.group(1).lower().replace("_", "-")] = pin.group(2)
    assert len(found) == len(re.findall(r"^\S+==", text, re.M)), f"{lock}: a pin this test cannot read"
    return found


def test_every_locked_package_has_a_hash_and_the_runtime_lock_agrees_with_the_test_lock():
    runtime, test = pins("runtime.lock"), pins("test.lock")
    assert {"mkdocs", "mkdocs-material", "pydantic", "pyyaml"} <= set(runtime)
    assert {"pytest", "hypothesis", "playwright"} <= set(test) - set(runtime)
    assert {name: test.get(name) for name in runtime} == runtime


def test_the_environment_running_the_tests_is_the_locked_one():
    installed = {}
    for name, pinned in pins("test.lock").items():
        try:
            installed[name] = version(name)
        except PackageNotFoundError:
            installed[name] = None
    assert installed == pins("test.lock")
