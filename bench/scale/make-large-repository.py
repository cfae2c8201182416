#!/usr/bin/env python3
"""Writes a rules repository of N rules for scale measurements of `rulec validate` and `rulec test`.

Each rule is a copy of one of the repository's seed rules (rules/aws/ecr) with a new id, a new name (and so a new
file name) and its tests' event paths pointing at the seed's test events, which are copied once. The data sources,
lists and fragments are copied as they are.

    python3 bench/scale/make-large-repository.py 10000 /tmp/large
    dotnet run -c Release --project src/Cli -- test /tmp/large/rules
"""
import re
import shutil
import sys
import uuid
from pathlib import Path

root = Path(__file__).resolve().parents[2]
count, out = int(sys.argv[1]), Path(sys.argv[2])
rules = out / "rules"
if rules.exists():
    shutil.rmtree(rules)
for folder in ("data_sources", "lists", "fragments"):
    shutil.copytree(root / "rules" / folder, rules / folder)
shutil.copytree(root / "rules" / "aws" / "ecr" / "tests", rules / "aws" / "tests")
shutil.copytree(root / "schemas", out / "schemas", dirs_exist_ok=True)
seeds = sorted((root / "rules" / "aws" / "ecr").glob("*.yml"))
texts = [s.read_text(encoding="utf-8") for s in seeds]
for i in range(count):
    text = texts[i % len(texts)]
    name = re.search(r"^name: (.*)$", text, re.M).group(1).strip().strip("'\"") + f" copy {i}"
    snake = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    text = re.sub(r"^id: .*$", f"id: {uuid.UUID(int=i + 1)}", text, count=1, flags=re.M)
    text = re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.M)
    folder = rules / "aws" / f"set{i // 1000:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    text = text.replace("events: tests/", "events: ../tests/")
    (folder / f"{snake}.yml").write_text(text, encoding="utf-8")
print(f"wrote {count} rules under {rules}")
