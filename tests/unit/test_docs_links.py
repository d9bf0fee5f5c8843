"""The README and docs/ hold together: every relative link (and picture) leads to a file
that exists, and to a heading there when it names one; every page of docs/ is reachable
from the README, and every picture `./dev screenshots` draws is shown somewhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", flags=re.M | re.S)


def prose(page: Path) -> str:
    """The page without its code blocks (what looks like a link there is not one)."""
    return FENCE.sub("", page.read_text(encoding="utf-8"))


def anchors(page: Path) -> set[str]:
    """The #parts GitHub gives the page's headings: lower case, punctuation dropped,
    spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", prose(page), flags=re.M)
    return {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings
    }


def relative_links(page: Path) -> list[str]:
    return [target for target in LINK.findall(prose(page)) if not re.match(r"[a-z]+:", target)]


def test_every_relative_link_leads_to_a_file_and_its_heading() -> None:
    broken = []
    for page in PAGES:
        for target in relative_links(page):
            path_part, _, fragment = unquote(target).partition("#")
            linked = (page.parent / path_part).resolve() if path_part else page
            if not linked.is_file():
                broken.append(f"{page.name}: {target} (no such file)")
            elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert broken == []


def test_every_page_is_linked_from_the_readme_and_every_picture_shown() -> None:
    readme = {(ROOT / link.partition("#")[0]).resolve() for link in relative_links(PAGES[0])}
    assert [page.name for page in PAGES[1:] if page.resolve() not in readme] == []
    shown = {
        (page.parent / link.partition("#")[0]).resolve()
        for page in PAGES
        for link in relative_links(page)
    }
    pictures = sorted((DOCS / "images").glob("*.png"))
    assert pictures, "no pictures: ./dev screenshots"
    assert [picture.name for picture in pictures if picture.resolve() not in shown] == []
