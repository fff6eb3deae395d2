"""The builder's region table against botocore's partitions.json, region by region.

botocore is pinned in scripts/setup.sh, so this compares with one known file: a region
botocore adds shows up here when the pin moves, as a missing region, and the table in
crates/iam-policy-core/src/aws/region.rs gains it. Each region must have the same partition,
the partition's DNS suffix, and the same name (botocore's "description"), compared
without regard to case or accents: the console writes "São Paulo", botocore "Sao Paulo".
"""

import json
import pathlib
import subprocess
import sys
import unicodedata

import botocore
import botocore.loaders

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = ROOT / "target/release/iam-policy-builder"


def folded(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def botocore_regions():
    data = botocore.loaders.create_loader().load_data("partitions")
    regions = {}
    for partition in data["partitions"]:
        suffix = partition["outputs"]["dnsSuffix"]
        for code, region in partition["regions"].items():
            # aws-global, aws-cn-global …: endpoints for global services, not regions.
            if code.endswith("-global"):
                continue
            regions[code] = {"partition": partition["id"], "dnsSuffix": suffix, "name": region.get("description", "")}
    return regions


def main():
    ours = {r["code"]: r for r in json.loads(subprocess.run([CLI, "--regions"], check=True, capture_output=True, text=True).stdout)}
    theirs = botocore_regions()
    failures = []
    for code in sorted(set(ours) | set(theirs)):
        if code not in ours:
            failures.append(f"{code}: in botocore {botocore.__version__} ({theirs[code]['name']}), not in the builder's table")
            continue
        if code not in theirs:
            failures.append(f"{code}: in the builder's table, not in botocore {botocore.__version__}")
            continue
        mine, boto = ours[code], theirs[code]
        for key in ("partition", "dnsSuffix"):
            if mine[key] != boto[key]:
                failures.append(f"{code}: {key} {mine[key]!r}, botocore says {boto[key]!r}")
        if folded(mine["name"]) != folded(boto["name"]):
            failures.append(f"{code}: named {mine['name']!r}, botocore says {boto['name']!r}")
    print(f"regions: {len(ours)} in the table, {len(theirs)} in botocore {botocore.__version__}; {len(failures)} differences")
    for failure in failures:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
