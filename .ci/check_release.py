"""Check built distributions before they are published (the release workflow runs this).

    python .ci/check_release.py vX.Y.Z dist/

Fails (exit 1, saying why) unless the tag names the package's version, dist/ holds one
wheel and one sdist of that version, and the wheel carries every shipped checklist, which
assessments in other repositories are checked against.
"""

from __future__ import annotations

import sys
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def problems(tag: str, dist: Path) -> list[str]:
    found: list[str] = []
    wheels = sorted(dist.glob("*.whl"))
    sdists = sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        return [f"expected one wheel and one sdist in {dist}, found {len(wheels)} and {len(sdists)}"]
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        version = Parser().parsestr(wheel.read(metadata).decode("utf-8"))["Version"]
    if tag != f"v{version}":
        found.append(f"the tag {tag} is not the package's version v{version} (src/checklist/__about__.py)")
    if version not in sdists[0].name:
        found.append(f"the sdist {sdists[0].name} is not version {version}")
    shipped = sorted(p.name for p in (ROOT / "checklists").glob("*.yaml"))
    packed = sorted(Path(n).name for n in names if n.startswith("checklist/checklists/"))
    if packed != shipped:
        found.append(f"the wheel's checklists {packed} are not the shipped ones {shipped}")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    found = problems(argv[0], Path(argv[1]))
    for problem in found:
        print(f"check_release: {problem}", file=sys.stderr)
    if not found:
        print(f"check_release: {argv[0]}: the distributions are ready")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
