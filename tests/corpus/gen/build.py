"""Writes the whole corpus: python build.py <corpus folder>. Run through ../generate.sh (venv, fixed clock)."""
import pathlib
import shutil
import sys

import attacks
import intact
import opinions
import pki as pkimod
from corpus import Corpus
from signing import Pki


def main(root: pathlib.Path):
    for sub in ("intact", "attack", "broken", "cades"):
        shutil.rmtree(root / sub, ignore_errors=True)
    pki = Pki(root / "pki", pkimod.build(root / "pki"))
    corpus = Corpus(root)
    intact.generate(corpus, pki)
    attacks.generate(corpus, pki)
    opinions.record(corpus, pki)
    corpus.write_manifest(root / "manifest.json")
    print(f"{len(corpus.entries)} cases written to {root}")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
