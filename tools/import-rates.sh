#!/usr/bin/env bash
# Prints the import, bind and round-trip rates of the three importers on the public corpus beside the repository
# (../shared/corpus): the ESCU AWS detections, the Sentinel AWS analytic rules and hunting queries, and the Sigma AWS
# rules, each with its failure table, the ESCU cloud detections outside the measured set, and the project's
# hand-written rules of the same kinds. The imported files go to a temporary folder that is removed afterwards.
# Usage: tools/import-rates.sh [CORPUS_DIR]   (run from anywhere; the repository's data sources are used)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$repo/../shared/corpus}"
if [ ! -d "$corpus" ]; then
  echo "import-rates: no corpus at $corpus (pass its path as the first argument)" >&2
  exit 2
fi
# A scratch repository with copies of this one's data sources, lists and schemas (rulec follows no symbolic link),
# so the importers map sources and fields, and the verifier binds, as in this repository, and nothing is written here.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/rules"
for shared in rules/data_sources rules/lists schemas; do
  [ -e "$repo/$shared" ] && cp -r "$repo/$shared" "$scratch/$shared"
done
out="$scratch/rules/imported"
cd "$repo"
dotnet build src/Cli -c Release --nologo -v quiet >/dev/null
rulec() { dotnet "$repo/src/Cli/bin/Release/net10.0/rulec.dll" "$@"; }
events=("$corpus/DataDog" "$corpus/awsdocs")

report() {
  local title="$1"; shift
  echo "== $title"
  # The per-rule diagnostics go to stderr; the table and the rates to stdout.
  rulec import "$@" --verify --events "${events[@]}" 2>/dev/null || true
  echo
}

mkdir -p "$out/escu" "$out/sentinel" "$out/sigma"
report "ESCU AWS detections" escu "$corpus"/splunk/security_content/detections/cloud/*aws*.yml --out "$out/escu"
report "Sentinel AWS analytic rules and hunting queries" sentinel \
  "$corpus/Azure/Azure-Sentinel/Solutions/Amazon Web Services/Analytic Rules" \
  "$corpus/Azure/Azure-Sentinel/Solutions/Amazon Web Services/Hunting Queries" --out "$out/sentinel"
report "Sigma AWS rules" sigma "$corpus/SigmaHQ/sigma/rules/cloud/aws" --out "$out/sigma"
# Whether the rates carry over to rules of the same kind: the corpus's other ESCU cloud detections (AWS rules whose
# file names lack "aws", so the measured set above does not hold them).
held_out=()
for f in "$corpus"/splunk/security_content/detections/cloud/*.yml; do
  case "$(basename "$f")" in *aws*) ;; *) held_out+=("$f") ;; esac
done
if [ "${#held_out[@]}" -gt 0 ]; then
  mkdir -p "$out/escu-held-out"
  report "ESCU cloud detections outside the measured set" escu "${held_out[@]}" --out "$out/escu-held-out"
fi
# Rules written for this project in the corpus's kinds (tests/Backends.Tests/Importers/HandWritten): nobody tuned the
# importers to them before they were written; HandWrittenImportTests names each one that does not come across.
hand="$repo/tests/Backends.Tests/Importers/HandWritten"
mkdir -p "$out/hand-escu" "$out/hand-sentinel"
report "Hand-written ESCU-style rules (tests/Backends.Tests/Importers/HandWritten/escu)" escu "$hand/escu" --out "$out/hand-escu"
report "Hand-written Sentinel-style rules (tests/Backends.Tests/Importers/HandWritten/sentinel)" sentinel "$hand/sentinel" --out "$out/hand-sentinel"
exit 0
