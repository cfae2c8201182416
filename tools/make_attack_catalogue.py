#!/usr/bin/env python3
"""Builds src/Compiler/Data/attack-*.tsv, the compact ATT&CK catalogue the compiler embeds.

Input: MITRE's Enterprise ATT&CK tables as CSV (id,name,tactics,parent_id / id,shortname,name / id,name,status),
by default ../shared/corpus/attack/ next to the repository. Output is sorted and stable, so rerunning it on the
same input gives the same files. `rulec validate --attack-catalogue enterprise-attack.json` reads MITRE's STIX
bundle directly instead, for a newer ATT&CK release without regenerating these files.
"""
import csv
import pathlib
import sys

ATTRIBUTION = ("# MITRE ATT&CK Enterprise {release}. (c) The MITRE Corporation. This work is reproduced and distributed "
               "with the permission of The MITRE Corporation. See https://attack.mitre.org/resources/legal-and-branding/terms-of-use/\n")

def main():
    repo = pathlib.Path(__file__).resolve().parent.parent
    source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else repo.parent / "shared" / "corpus" / "attack"
    release = sys.argv[2] if len(sys.argv) > 2 else "v18.1"
    out = repo / "src" / "Compiler" / "Data"
    header = ATTRIBUTION.format(release=release)

    with open(source / "enterprise-tactics.csv", newline="", encoding="utf-8") as f:
        tactics = sorted((r["id"], r["shortname"], r["name"]) for r in csv.DictReader(f))
    with open(out / "attack-tactics.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# id\tshortname\tname\n")
        for row in tactics:
            f.write("\t".join(row) + "\n")

    rows = []
    with open(source / "enterprise-techniques.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((r["id"], r["name"], r["tactics"].replace(";", ",").replace(" ", ""), "active"))
    with open(source / "enterprise-techniques-inactive.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((r["id"], r["name"], "", r["status"]))
    with open(out / "attack-techniques.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# id\tname\ttactic shortnames (comma-separated)\tstatus (active, revoked, deprecated)\n")
        for row in sorted(rows):
            f.write("\t".join(row) + "\n")

if __name__ == "__main__":
    main()
