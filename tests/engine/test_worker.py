"""serve's warm engine processes (engine/mkdocs/worker.py, command.py): how two of them share a
language's dirty round, and how their outputs become one."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path

from techrights.catalog import BuiltPage
from techrights.engine.base import LanguageOutput
from techrights.engine.mkdocs.command import _joined, shares_for
from techrights.engine.mkdocs.worker import _build_only_claimed, _Claims, _Conversions, _Prepared


def _file_class(modified: set[str], asked: list[str]):
    """A stand-in for MkDocs' File: `is_modified` as MkDocs answers it, for the files in `modified`."""

    class File:
        def __init__(self, dest_uri: str) -> None:
            self.dest_uri = dest_uri

        def is_modified(self) -> bool:
            asked.append(self.dest_uri)
            return self.dest_uri in modified

    return File


def test_two_workers_write_each_modified_file_once_and_nothing_else(tmp_path: Path):
    names = [f"es/page-{n}/index.html" for n in range(200)]
    modified = set(names[::3])
    claims = [_Claims(), _Claims()]
    classes = [_file_class(modified, []), _file_class(modified, [])]
    for cls, claim in zip(classes, claims, strict=True):
        _build_only_claimed(cls, claim)
        claim.start(str(tmp_path))
    written: list[list[str]] = [[], []]

    def worker(index: int) -> None:
        for _ in range(2):  # MkDocs asks twice per page: once to read it, once to write it
            for name in names:
                if classes[index](name).is_modified():
                    written[index].append(name)

    threads = [threading.Thread(target=worker, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = (set(files) for files in written)
    assert first | second == modified  # every modified file is written...
    assert not first & second  # ...by one worker alone
    # the same answer both times it is asked, so a page read is also a page written
    assert all(written[index].count(name) == 2 for index in (0, 1) for name in set(written[index]))


def test_a_worker_alone_builds_what_mkdocs_says_is_modified(tmp_path: Path):
    asked: list[str] = []
    cls = _file_class({"a.html"}, asked)
    claims = _Claims()
    _build_only_claimed(cls, claims)
    claims.start(None)  # a whole round, or one worker per language: no claims folder
    assert cls("a.html").is_modified() and not cls("b.html").is_modified()
    claims.start(str(tmp_path))  # a new round asks MkDocs again
    assert cls("a.html").is_modified() and not cls("b.html").is_modified()
    assert asked.count("a.html") == 2
    assert list(tmp_path.iterdir())  # a claim was made for the file written


def test_a_second_worker_per_language_only_where_the_cores_allow():
    assert shares_for(1, cores=2) == 2  # make serve LANG=es on two cores
    assert shares_for(3, cores=2) == 1
    assert shares_for(1, cores=1) == 1
    assert shares_for(1, cores=16) == 2
    assert shares_for(2, cores=4) == 2


def _page(file: str) -> BuiltPage:
    return BuiltPage(lang="es", path=file, url=file, title=file, file=file)


def test_the_outputs_of_two_workers_are_one_language(tmp_path: Path):
    one = LanguageOutput("es", tmp_path, 0, "", [_page("a")], [], "", {"es/a.md": "A"})
    two = LanguageOutput("es", tmp_path, 0, "WARNING - x", [_page("b")], [], "", {"es/b.md": "B"})
    joined = _joined([one, two])
    assert [page.file for page in joined.pages] == ["a", "b"]
    assert joined.titles == {"es/a.md": "A", "es/b.md": "B"}
    assert joined.log == "WARNING - x" and joined.ok
    failed = _joined([one, LanguageOutput("es", tmp_path, 1, "broken")])
    assert not failed.ok and failed.log == "broken"


class _File:
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


class _Page:
    """What MkDocs' Page holds before and after its Markdown is converted."""

    def __init__(self, src_uri: str, markdown: str) -> None:
        self.file = _File(src_uri)
        self.markdown = markdown
        self.content = self.toc = self._title_from_render = self.present_anchor_ids = None
        self.links_to_anchors = None

    def convert(self, files) -> None:
        self.content = f"<p>{self.markdown}</p>"
        self.toc, self._title_from_render, self.present_anchor_ids = ["toc"], "Title", {"a"}
        self.links_to_anchors = {files[0]: {"b": "other.md#b"}}


def test_a_quick_round_reuses_a_conversion_only_for_the_same_markdown(tmp_path: Path):
    files = [_File("es/other.md")]
    conversions = _Conversions(tmp_path / "es.converted")
    conversions.start(quick=False)  # a whole build converts every page and keeps what it found
    page = _Page("es/guide.md", "Texto")
    assert not conversions.reuse(page, files)
    page.convert(files)
    conversions.keep(page)

    conversions.start(quick=True)
    again = _Page("es/guide.md", "Texto")
    new_files = [_File("es/other.md")]  # the next build's own File objects
    assert conversions.reuse(again, new_files)
    assert (again.content, again.toc, again._title_from_render) == ("<p>Texto</p>", ["toc"], "Title")
    assert again.present_anchor_ids == {"a"}
    assert again.links_to_anchors == {new_files[0]: {"b": "other.md#b"}}  # keyed by this build's files
    assert not conversions.reuse(_Page("es/guide.md", "Texto cambiado"), files)
    assert not conversions.reuse(_Page("es/another.md", "Texto"), files)

    conversions.start(quick=False)  # a whole build forgets: what a conversion reads may have changed
    conversions.start(quick=True)
    assert not conversions.reuse(_Page("es/guide.md", "Texto"), files)


def test_a_prepared_round_reads_its_one_line_even_when_it_stopped_before_waiting(monkeypatch):
    """serve sends one line ("go" or "stop") per prepared round: a round that stopped before it
    waited (its configuration did not load) still reads it, so the next command is not taken for it."""
    monkeypatch.setattr(sys, "stdin", io.StringIO('go\n{"dirty": true}\n'))
    stopped = _Prepared()
    stopped.finish()
    assert sys.stdin.readline() == '{"dirty": true}\n'

    monkeypatch.setattr(sys, "stdin", io.StringIO("stop\nnext\n"))
    waited = _Prepared()
    assert not waited.told_to_go()  # anything but "go" drops the round
    waited.finish()  # read already: not read twice
    assert sys.stdin.readline() == "next\n"
