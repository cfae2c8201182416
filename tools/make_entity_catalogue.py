#!/usr/bin/env python3
"""Builds src/Compiler/Data/sentinel-entities.tsv: Microsoft Sentinel's entity types, their identifiers, and the
identifier sets of which an entity mapping must include at least one (facts from Sentinel's documentation and
its rule-template validator, as transcribed in ../shared/corpus/derived/sentinel-entity-identifiers.json).
"""
import json
import pathlib
import sys

def main():
    repo = pathlib.Path(__file__).resolve().parent.parent
    source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else repo.parent / "shared" / "corpus" / "derived" / "sentinel-entity-identifiers.json"
    data = json.loads(source.read_text(encoding="utf-8"))["entityTypes"]
    with open(repo / "src" / "Compiler" / "Data" / "sentinel-entities.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# Microsoft Sentinel entity types (facts; see docs.microsoft.com 'Entities in Microsoft Sentinel').\n")
        f.write("# type\tidentifiers (comma-separated)\trequired identifier sets (sets separated by |, identifiers in a set by +)\n")
        for name in sorted(data):
            entity = data[name]
            required = "|".join("+".join(s) for s in entity["required_identifier_sets"])
            f.write(f"{name}\t{','.join(entity['identifiers'])}\t{required}\n")

if __name__ == "__main__":
    main()
