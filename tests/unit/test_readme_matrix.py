"""The README's role matrix is the code's matrix, so the documentation cannot drift."""

from pathlib import Path

from orderdesk.domain.access_doc import matrix_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_shows_the_current_role_matrix() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- role-matrix:start -->")[1].split("<!-- role-matrix:end -->")[0]
    assert block.strip() == matrix_markdown().strip(), "regenerate with: python -m orderdesk.domain.access_doc"
