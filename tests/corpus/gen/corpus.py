"""The manifest registry: every generator adds its files here, build.py writes manifest.json."""
import json
import pathlib


class Corpus:
    def __init__(self, root: pathlib.Path):
        self.root = root
        self.entries: list[dict] = []

    def add(self, file: str, data: bytes, *, source: str, category: str, expect: str, cls: str, note: str,
            code=None, signatures: int | None = None, content: str | None = None) -> bytes:
        assert category in ("intact", "attack", "broken"), category
        assert expect in ("PASSED_OR_INDETERMINATE", "FAILED", "INDETERMINATE", "FAILED_OR_INDETERMINATE"), expect
        assert (code is None) == (expect == "PASSED_OR_INDETERMINATE"), file
        assert all(e["file"] != file for e in self.entries), file
        path = self.root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entry = {"file": file, "source": source, "category": category, "class": cls, "expect": expect}
        if code is not None:
            entry["code"] = [code] if isinstance(code, str) else list(code)
        if signatures is not None:
            entry["signatures"] = signatures
        if content is not None:
            entry["content"] = content
        entry["note"] = note
        self.entries.append(entry)
        return data

    def write_manifest(self, path: pathlib.Path):
        path.write_text(json.dumps({"trustAnchor": "pki/root.crt.der", "validationTime": "2026-06-01T00:00:00Z",
                                    "files": self.entries}, indent=2, ensure_ascii=False) + "\n")
