"""Starts the real gateway (the sandbox command of the built jar) for the acceptance tests."""
import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "gateway" / "target" / "mm-gateway.jar"


@pytest.fixture(scope="session")
def gateway(tmp_path_factory):
    """A sandbox gateway on free loopback ports; yields (hl base URL, demo accounts by name)."""
    if not JAR.exists():
        pytest.fail(f"{JAR} is missing: build it first (mvn -B verify or scripts/sandbox.sh)")
    data = tmp_path_factory.mktemp("sandbox") / "data"
    log = open(tmp_path_factory.mktemp("log") / "console.txt", "w+")
    proc = subprocess.Popen(["java", "-Xmx512m", "-jar", str(JAR), "sandbox", "--data-dir", str(data),
                             "--http-port", "0", "--grpc-port", "0", "--fix-port", "0",
                             # the tests below trade against an empty book; the market maker would fill them first
                             "--no-market-maker"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        base = None
        deadline = time.time() + 60
        while time.time() < deadline:
            log.seek(0)
            text = log.read()
            m = re.search(r"^HL    (http://127\.0\.0\.1:\d+/hl)", text, re.M)
            if m and "ready  last sequence" in text:
                base = m.group(1)
                break
            if proc.poll() is not None:
                pytest.fail("the gateway exited during start:\n" + text)
            time.sleep(0.2)
        if base is None:
            log.seek(0)
            pytest.fail("the gateway did not become ready in 60 s:\n" + log.read())
        with urllib.request.urlopen(base[:-3] + "/ready", timeout=10) as r:
            assert r.status == 200
        demo = json.loads((data / "demo-accounts.json").read_text())
        yield base, {a["account"]: a for a in demo["accounts"]}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
