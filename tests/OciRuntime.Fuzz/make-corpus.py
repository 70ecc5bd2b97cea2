#!/usr/bin/env python3
"""Writes the seed corpus (committed under corpus/) from what the unit tests already use: the `ocirun spec`
snapshots, every config patch of SpecValidatorTests merged into ConfigPatch.Base (valid and invalid ones: both
reach deep into the validators), and the process documents of exec --process. Rerun after adding cases there."""
import json, pathlib, re

repo = pathlib.Path(__file__).resolve().parents[2]
tests = repo / "tests" / "OciRuntime.Tests"
out = pathlib.Path(__file__).resolve().parent / "corpus"
out.mkdir(exist_ok=True)

base_text = re.search(r'Base = """(.*?)"""', (tests / "Spec" / "ConfigPatch.cs").read_text(), re.S).group(1)
base = json.loads(base_text)

def merge(target, patch):
    for name, value in patch.items():
        if value is None:
            target.pop(name, None)
        elif isinstance(value, dict) and isinstance(target.get(name), dict):
            merge(target[name], value)
        else:
            target[name] = value
    return target

def expand(patch):
    return (patch.replace("%USERNS%", '{"type": "pid"}, {"type": "mount"}, {"type": "uts"}, {"type": "user"}')
                 .replace("%MAPPING%", '[{"containerID": 0, "hostID": 1000, "size": 1}]'))

seeds = {}
for name in ("spec-default.json", "spec-rich.json", "spec-rootless.json"):
    seeds[name] = (tests / "Snapshots" / name).read_text()
for source in ("SpecValidatorTests.cs", "SpecValidatorWarningTests.cs"):
    for i, patch in enumerate(re.findall(r'"""(\{.*?\})"""', (tests / "Spec" / source).read_text())):
        try:
            document = merge(json.loads(base_text), json.loads(expand(patch)))
        except json.JSONDecodeError:
            continue
        seeds[f"{source.removesuffix('.cs')}-{i:03}.json"] = json.dumps(document, separators=(",", ":"))
processes = [
    {"args": ["sh", "-c", "echo $X"], "env": ["PATH=/bin", "X=from-json"], "cwd": "/etc",
     "user": {"uid": 1000, "gid": 100, "additionalGids": [44], "umask": 18},
     "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]},
     "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 77, "hard": 88}], "noNewPrivileges": True},
    {"terminal": True, "consoleSize": {"height": 24, "width": 80}, "args": ["top"], "cwd": "/",
     "scheduler": {"policy": "SCHED_FIFO", "priority": 5}, "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 4},
     "apparmorProfile": "p", "oomScoreAdj": 100, "execCPUAffinity": {"initial": "0-1", "final": "0"}},
]
for i, process in enumerate(processes):
    seeds[f"process-{i}.json"] = json.dumps(process)
for name, text in seeds.items():
    (out / name).write_text(text)
print(f"{len(seeds)} seeds in {out}")
