"""What pypdf says about a damaged PDF goes into kg's one line for the file, never as a stray line of its own
(invented PDFs written by the test)."""
import re
import subprocess
import sys

from tests.ingest.test_bounds import text_pdf

PAGE = "The output of the Ningzhou machinery industry grew by five percent in the first quarter."


def _build(*paths, out):
    return subprocess.run([sys.executable, "-m", "kg", "build", *map(str, paths), "--out", str(out), "--no-html",
                           "--ner", "rules"], capture_output=True, text=True, timeout=300)


def test_a_truncated_pdf_is_refused_in_kgs_line_only(tmp_path):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(text_pdf([PAGE])[:300])
    proc = _build(truncated, out=tmp_path / "out")
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"skipped {truncated}: cannot read as PDF: damaged or truncated (EOF marker not found; Stream has ended "
        f"unexpectedly)", "kg: error: nothing could be built (1 file(s) skipped or failed)"]


def test_a_pdf_pypdf_repairs_is_read_and_the_repair_said_once(tmp_path):
    repaired = tmp_path / "repaired.pdf"
    repaired.write_bytes(re.sub(rb"startxref\n\d+", b"startxref\n12", text_pdf([PAGE])))  # a wrong xref offset
    proc = _build(repaired, out=tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    said = [line for line in proc.stderr.splitlines() if "startxref" in line]
    assert said == [f"repaired {repaired.name}: the PDF is damaged (incorrect startxref pointer(1); parsing for "
                    f"Object Streams): read as far as pypdf could repair it"], proc.stderr
    assert "documents: 1 built" in proc.stderr


def _encrypted(path, user_password: str, algorithm: str):
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf([PAGE]))))
    writer.encrypt(user_password=user_password, owner_password="owner-only-secret", algorithm=algorithm,
                   permissions_flag=0)  # nothing permitted without the owner password
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_a_pdf_with_only_an_owner_password_is_read_and_one_needing_a_password_is_said_so(tmp_path):
    aes = _encrypted(tmp_path / "restricted_aes.pdf", "", "AES-256")  # opens in any viewer: pypdf needs cryptography
    rc4 = _encrypted(tmp_path / "restricted_rc4.pdf", "", "RC4-128")
    locked = _encrypted(tmp_path / "locked.pdf", "user-secret", "AES-128")
    proc = _build(aes, rc4, locked, out=tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.startswith(("skipped", "repaired"))] == [
        f"skipped {locked}: the PDF is encrypted and needs a password"]
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "restricted_aes.pdf" in turtle and "restricted_rc4.pdf" in turtle and "Ningzhou machinery" in turtle
