"""Writes the manifest as a Markdown table into docs/verification-corpus.md (between the corpus-table markers)."""
import json
import pathlib
import sys

START, END = "<!-- corpus-table:start -->", "<!-- corpus-table:end -->"


def table(manifest: dict) -> str:
    lines = ["| file | class | expected | codes | pdfsig 22.12 | qpdf --check | pyHanko |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for e in manifest["files"]:
        cell = lambda v: (v or "").replace("|", "\\|")  # noqa: E731
        pdfsig = e.get("pdfsig") or ("openssl cms -verify: " + e["openssl"] if "openssl" in e else "")
        lines.append(f"| `{e['file']}` | {e['class']} | {e['expect']} | {', '.join(e.get('code', []))} | {cell(pdfsig)} | {cell(e.get('qpdf'))} | "
                     f"{cell(e.get('pyhanko'))} |")
    return "\n".join(lines)


def main(manifest_path: pathlib.Path, doc: pathlib.Path):
    text = doc.read_text()
    a, b = text.index(START) + len(START), text.index(END)
    doc.write_text(text[:a] + "\n" + table(json.loads(manifest_path.read_text())) + "\n" + text[b:])


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
