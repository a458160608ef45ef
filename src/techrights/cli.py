"""Command line for maintainers and translators (each command is also a `make` target).

  techrights build             validate, generate, then build every language at once into site/
  techrights serve             build, serve on http://127.0.0.1:8000, rebuild on every change
  techrights offline           one offline edition (zip) per language in dist/offline/
  techrights pdf               the guide as one PDF per language in dist/pdf/
  techrights publish           offline editions and PDFs, then the site that carries them
  techrights validate          check data/ and content/ as the build does
  techrights generate          validate, then write the pages generated from data/
  techrights new-case-study    add a complete case-study entry to fill in, at its sorted place
  techrights l10n-status       what is untranslated or out of date, per language
  techrights export            the data as JSON and CSV files
  techrights new-language CODE add a language: UI strings, mkdocs.yml, content folder
  techrights schemas           rewrite the JSON Schemas editors use (--check: fail if stale)

Exit status: 0 when all is well, 1 when the data or the content has problems (or
--check found something), 2 when the command itself was given something wrong.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import pipeline, serving
from .catalog import DEFAULT_LANGUAGE
from .data import translation_status
from .data.models import RECORD_TYPES, CaseStudy
from .data.ui_strings import languages_in
from .engine import ENGINES
from .errors import ProblemsFound
from .maintain import schemas
from .maintain.l10n_marks import MarkError, mark_current
from .maintain.new_language import LanguageProblem, add_language
from .maintain.scaffold import (
    CASE_STUDIES,
    OptionProblems,
    Values,
    add_case_study,
    check_values,
    explain,
    render,
    slugify,
    top_field,
)
from .render.exports import export_files
from .validate import load_dataset, validate_project
from .validate.case_study_form import field_specs
from .validate.checked_dates import overdue_checks


class UsageError(Exception):
    """A wrong option or argument: the message says what is wrong and how to fix it."""


def _root(value: str | None) -> Path:
    root = Path(value or ".").resolve()
    if not (root / "data").is_dir():
        raise SystemExit(f"{root}: no data/ folder here; run from the project root or pass --root")
    return root


def _split(value: str | None) -> list[str]:
    """'a, b,c' -> ['a', 'b', 'c']."""
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


# ------------------------------------------------------------------------------- commands


def _unknown_language(root: Path, command: str, languages: tuple[str, ...] | None) -> bool:
    """Say so when --lang names a language the site does not have."""
    known = languages_in(root / "data")
    unknown = [code for code in languages or () if code not in known]
    if unknown:
        print(
            f"techrights {command}: no language '{unknown[0]}'; the site's languages: {', '.join(known)}",
            file=sys.stderr,
        )
    return bool(unknown)


def cmd_build(root: Path, args: argparse.Namespace) -> int:
    only = tuple(args.lang) if args.lang else None
    if _unknown_language(root, "build", only):
        return 2
    try:
        built = pipeline.build_site(
            root,
            root / args.site_dir,
            engine=args.engine,
            jobs=args.jobs,
            verbose=args.verbose,
            languages=only,
        )
    except pipeline.BuildFailed as failed:
        print(f"techrights build: {failed}; {args.site_dir}/ is unchanged.", file=sys.stderr)
        return 1
    root_language = built.data.languages[0]  # at the site's root; the others in their folders
    languages = [lang for lang in built.data.languages if only is None or lang in only]
    where = ", ".join(
        f"{built.data.ui.get(lang, 'language.name')} at /{'' if lang == root_language else lang + '/'}"
        for lang in languages
    )
    print(f"Built {args.site_dir}/ ({where})")
    return 0


def cmd_serve(root: Path, args: argparse.Namespace) -> int:
    languages = tuple(args.lang) if args.lang else None
    if _unknown_language(root, "serve", languages):
        return 2
    serving.serve(root, host=args.host, port=args.port, engine=args.engine, languages=languages)
    return 0


def cmd_offline(root: Path, args: argparse.Namespace) -> int:
    return _editions(root, args, zips=True, pdfs=False)


def cmd_pdf(root: Path, args: argparse.Namespace) -> int:
    return _editions(root, args, zips=False, pdfs=True)


def _editions(root: Path, args: argparse.Namespace, *, zips: bool, pdfs: bool) -> int:
    known = languages_in(root / "data")
    languages = tuple(args.lang) if args.lang else None
    for code in languages or ():
        if code not in known:
            raise UsageError(f"--lang {code}: not a language of the site; use one of {', '.join(known)}")
    try:
        written = pipeline.build_editions(
            root,
            languages,
            zips=zips,
            pdfs=pdfs,
            engine=args.engine,
            web_url=getattr(args, "url", None),
            out_dir=Path(args.out).resolve() if args.out else None,
        )
    except pipeline.BuildFailed as failed:
        print(f"techrights: {failed}; nothing was written.", file=sys.stderr)
        return 1
    for path in written:
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        print(f"{shown}: {path.stat().st_size:,} bytes")
    return 0


def cmd_publish(root: Path, args: argparse.Namespace) -> int:
    url = args.url or os.environ.get("SITE_URL", "")
    if not url:
        print(
            "techrights publish: the published address is not set. Canonical links, language links and "
            "the sitemap need it, and a guessed one would be wrong on your host.\n"
            "  fix: give the address the site will have, ending in /: "
            "SITE_URL=https://example.org/toolkit/ make publish",
            file=sys.stderr,
        )
        return 2
    url = url if url.endswith("/") else url + "/"
    os.environ["SITE_URL"] = url  # the engine reads it (mkdocs.yml) for every page it writes
    try:
        pipeline.publish(root, root / args.site_dir, engine=args.engine, web_url=url)
    except pipeline.BuildFailed as failed:
        print(f"techrights publish: {failed}; {args.site_dir}/ is unchanged.", file=sys.stderr)
        return 1
    print(f"Published {args.site_dir}/ with this run's offline editions and PDFs in downloads/")
    return 0


def cmd_validate(root: Path, args: argparse.Namespace) -> int:
    data = validate_project(root)
    for warning in [*overdue_checks(data), *translation_status.not_ready(root, data)]:
        print(warning, file=sys.stderr)
    total = sum(len(records) for records in data.records.values())
    languages = ", ".join(data.languages)
    print(f"OK: {total} records in {len(data.records)} data files, languages: {languages}")
    return 0


def cmd_generate(root: Path, args: argparse.Namespace) -> int:
    _, report = pipeline.prepare(root)
    if not report.written and not report.removed:
        print("Generated pages are up to date")
        return 0
    print(
        f"Generated pages: {len(report.written)} written, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged"
    )
    return 0


def _years(values: list[str]) -> list[int]:
    years = []
    for value in values:
        if not value.isdigit():
            raise UsageError(
                f"--years: '{value}' is not a year\n    fix:     write years in digits: --years 2019,2020"
            )
        years.append(int(value))
    return sorted(set(years))


def _ask(question: str, ask: Callable[[str], str], default: str = "") -> str:
    shown = f"{question} [{default}]: " if default else f"{question}: "
    try:
        answer = ask(shown).strip()
    except EOFError:
        raise UsageError("no answer (end of input): give the values as options instead, see --help") from None
    return answer or default


def _interview(values, data, today, ask: Callable[[str], str]) -> None:
    """Ask for what the options did not give, checking each answer at once."""
    specs = {spec.name: spec for spec in field_specs(CaseStudy)}
    print("New case study. Press Enter to skip a question; you can fill everything in the file later.")
    questions = [
        ("title", "Title in English (who did what)"),
        ("id", "Id (lowercase words joined by hyphens)"),
        ("region", "Region (" + ", ".join(specs["region"].choices) + ")"),
        ("countries", "Countries, as ISO codes separated by commas (e.g. NG, KE)"),
        ("years", "Years of the engagement, separated by commas"),
        ("organisations", "Organisations that acted, separated by commas"),
        ("result", "Result (" + ", ".join(specs["result"].choices) + ")"),
    ]
    for name, question in questions:
        current = getattr(values, name)
        if current:
            continue
        while True:
            default = slugify(values.title) if name == "id" else ""
            answer = _ask(question, ask, default)
            if not answer:
                break
            try:
                if name in ("countries", "organisations"):
                    setattr(values, name, _split(answer))
                elif name == "years":
                    values.years = _years(_split(answer))
                else:
                    setattr(values, name, answer)
            except UsageError as problem:
                print(str(problem).replace("--years: ", "  "))
                continue
            problems = [p for p in check_values(values, data, today) if top_field(p) == name]
            if not problems:
                break
            print("\n".join(explain(problems, {name: "  " + question.split(" (")[0]})))
            setattr(values, name, [] if name in ("countries", "organisations", "years") else "")


def cmd_new_case_study(root: Path, args: argparse.Namespace) -> int:
    data = load_dataset(root)
    today = _dt.date.fromisoformat(args.today) if args.today else _dt.date.today()
    values = Values(
        id=args.id or "",
        title=args.title or "",
        region=args.region or "",
        result=args.result or "",
        countries=_split(args.countries),
        years=_years(_split(args.years)),
        organisations=list(args.organisation or []),
        refs={
            name: _split(getattr(args, name))
            for name in ("company_types", "topics", "strategies", "frameworks", "departments", "sources")
        },
    )
    interactive = not args.no_input and sys.stdin.isatty()
    if interactive:
        _interview(values, data, today, input)
    if not values.id and values.title:
        values.id = slugify(values.title)
    if not values.id:
        raise UsageError(
            "no id: give --id (e.g. --id paradigm-initiative-nigeria) or --title to derive it from, "
            "or run the command in a terminal to be asked"
        )
    if args.print:
        problems = check_values(values, data, today)
        if problems:
            raise OptionProblems(explain(problems))
        print(render(values, data, today), end="")
        return 0
    line = add_case_study(root, values, data, today)
    print(f"Added the case study '{values.id}' to {CASE_STUDIES.as_posix()} at line {line}.")
    print('Next: fill in every empty "" value and each field marked TODO (the comments say what to')
    print("write), then run `make validate`: it lists what is still missing, with line numbers.")
    return 0


def _languages_to_report(data, lang: str | None) -> list[str]:
    translations = [code for code in data.languages if code != DEFAULT_LANGUAGE]
    # Records written in another language are translated into English too
    into_english = any(
        getattr(record, "lang", None) not in (None, DEFAULT_LANGUAGE)
        for records in data.records.values()
        for record in records.values()
    )
    if lang is None:
        return translations + ([DEFAULT_LANGUAGE] if into_english else [])
    if lang == DEFAULT_LANGUAGE and not into_english:
        raise UsageError(
            f"--lang {lang}: English is the source every translation follows; "
            f"choose a translation: {', '.join(translations) or '(none yet)'}"
        )
    if lang not in data.languages:
        raise UsageError(
            f"--lang {lang}: the site has no language '{lang}'; its translations are "
            f"{', '.join(translations) or '(none yet)'} (add one with `techrights new-language {lang}`)"
        )
    return [lang]


def cmd_l10n_status(root: Path, args: argparse.Namespace) -> int:
    data = validate_project(root)
    if args.mark_current:
        only = _languages_to_report(data, args.lang)[0] if args.lang else None
        for target in args.mark_current:
            if Path(target.partition(":")[0]).name == "synonyms.yml":
                raise UsageError(
                    f"{target}: each language's search synonyms are its own words, not translations"
                )
            try:
                path, count = mark_current(root, target, data.languages, only)
            except MarkError as error:
                raise UsageError(str(error)) from None
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            print(f"{shown}: {count} translation source{'s' if count != 1 else ''} recorded")
        validate_project(root)  # what was written reads back as valid data
        return 0
    reports = [translation_status.report(root, data, lang) for lang in _languages_to_report(data, args.lang)]
    if args.json:
        sys.stdout.write(translation_status.to_json(reports))
    else:
        print(translation_status.format_table(reports, show_all=args.all))
    if args.check and not all(rep.complete for rep in reports):
        return 1
    return 0


def cmd_export(root: Path, args: argparse.Namespace) -> int:
    data = validate_project(root)
    out = Path(args.out) if args.out else root / "dist" / "data"
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out}: this is a file; give a folder to write the exports into")
    wanted = {"json", "csv"} if args.format == "all" else {args.format}
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, text in export_files(data).items():
        if name.rsplit(".", 1)[1] in wanted:
            (out / name).write_bytes(text.encode("utf-8"))
            written += 1
    print(f"Wrote {written} files to {out}")
    return 0


def cmd_new_language(root: Path, args: argparse.Namespace) -> int:
    validate_project(root)  # start from a valid project, so problems after this are the new language's
    try:
        written = add_language(root, args.code, args.name)
    except LanguageProblem as problem:
        raise UsageError(str(problem)) from None
    print(f"Added the language '{args.code}'. Files written:")
    for path in written:
        print(f"  {path}")
    print(
        f"Next, the minimum set the language needs before it goes live (`make l10n-status ARGS='--lang "
        f"{args.code}'`\nticks it off; `make validate` and the build warn until it is done):"
    )
    for part in translation_status.MINIMUM_SET:
        where = {
            "ui": f"data/ui/{args.code}.yml, the notices first",
            "page": f"copy content/en/{part.target} to content/{args.code}/{part.target} and translate it",
            "data": f"the texts in data/{part.target}.yml",
        }[part.kind]
        print(f"  [ ] {part.label}: {where}")
    print(
        "Then everything else. Until a page, record or string is translated, the site shows it in English\n"
        "with a notice."
    )
    return 0


def cmd_schemas(root: Path, args: argparse.Namespace) -> int:
    languages = languages_in(root / "data")
    _, unreadable = schemas.data_ids(root)
    if unreadable:  # the schemas list the ids in data/: they cannot be written from a broken file
        for problem in unreadable:
            print(problem.format(), file=sys.stderr)
        print(
            "The schemas list the ids in these files, so they cannot be written until the files read:\n"
            "correct them (`make validate` reports every problem), then run `make schemas` again.",
            file=sys.stderr,
        )
        return 1
    if args.check:
        stale = schemas.stale(root, languages)
        lines = schemas.missing_modelines(root)
        for path in stale:
            print(
                f"{path}: out of date with src/techrights/data/models.py or the ids in data/",
                file=sys.stderr,
            )
        for path, line in lines:
            print(f"{path}:1:1: the first line should be: {line}", file=sys.stderr)
        if stale or lines:
            print("fix: run `make schemas`", file=sys.stderr)
            return 1
        print("Schemas are up to date.")
        return 0
    changed = schemas.write(root, languages)
    for model in RECORD_TYPES:
        if (root / "data" / model.file).is_file() and schemas.add_modeline(root, model):
            changed.append(f"data/{model.file}")
    print("Updated: " + ", ".join(changed) if changed else "Schemas are up to date.")
    return 0


COMMANDS = {
    "build": cmd_build,
    "serve": cmd_serve,
    "offline": cmd_offline,
    "pdf": cmd_pdf,
    "publish": cmd_publish,
    "validate": cmd_validate,
    "generate": cmd_generate,
    "new-case-study": cmd_new_case_study,
    "l10n-status": cmd_l10n_status,
    "export": cmd_export,
    "new-language": cmd_new_language,
    "schemas": cmd_schemas,
}


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="techrights", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    main_parser.add_argument("--root", help="project folder (default: the current folder)")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser(
        "build",
        help="validate, generate and build the site, one process per language (make build)",
        description="The strict build of every language into --site-dir, which is replaced only when "
        "every language built. Languages build side by side, one process each, up to --jobs at once.",
    )
    build.add_argument(
        "--site-dir", default="site", help="where the site goes, from the project folder (default: site)"
    )
    build.add_argument(
        "--jobs", type=int, help="processes at once (default: one per language, up to the cores)"
    )
    build.add_argument("--verbose", action="store_true", help="show the engine's progress messages")
    build.add_argument(
        "--lang",
        action="append",
        help="build only this language (repeatable), in its folder as on the site (a quick look, a test)",
    )
    serve = commands.add_parser(
        "serve",
        help="build, serve on http://127.0.0.1:8000 and rebuild on every change (make serve)",
        description="Build the site as `techrights build` does, serve it, and build it again whenever "
        "data/, content/, overrides/ or mkdocs.yml change. Reload the page after a rebuild.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--lang",
        action="append",
        help="build only this language (repeatable; make serve LANG=es): quicker rebuilds for a translator",
    )
    for command in (build, serve):
        command.add_argument(
            "--engine",
            choices=ENGINES,
            default=pipeline.DEFAULT_ENGINE,
            help="the site engine (default: mkdocs)",
        )
    offline = commands.add_parser(
        "offline",
        help="offline editions: one zip per language in dist/offline/ (open index.html, no server needed)",
    )
    pdf = commands.add_parser(
        "pdf", help="the guide as one PDF per language in dist/pdf/ (headless Chromium)"
    )
    pdf.add_argument("--url", help="the published site's address, for links to pages outside the guide")
    for command in (offline, pdf):
        command.add_argument("--lang", action="append", help="only this language (repeatable)")
        command.add_argument("--out", help="folder to write into (default: dist/offline/ or dist/pdf/)")
        command.add_argument(
            "--engine", choices=ENGINES, default=pipeline.DEFAULT_ENGINE, help="the site engine"
        )
    publish = commands.add_parser(
        "publish",
        help="the offline editions and PDFs, then the site that lists and carries them (make publish)",
        description="In this order: each language's offline edition, built once and made into its zip and "
        "its PDF; then the site, with those files in downloads/. Nothing is taken from an earlier dist/.",
    )
    publish.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    publish.add_argument(
        "--url", help="the published address, ending in / (default: $SITE_URL; one of the two is required)"
    )
    publish.add_argument("--engine", choices=ENGINES, default=pipeline.DEFAULT_ENGINE, help="the site engine")
    commands.add_parser("validate", help="check data/ and content/, report every problem, build nothing")
    commands.add_parser("generate", help="validate, then write the pages generated from data/")

    new = commands.add_parser(
        "new-case-study",
        help="add a case-study entry with every field to fill in, at its sorted place",
        description="Add a case study to data/case_studies.yml: every field, with what to write in "
        "comments. Values not given as options are asked for in a terminal (unless --no-input).",
    )
    new.add_argument("--id", help="the id, e.g. paradigm-initiative-nigeria (default: from --title)")
    new.add_argument("--title", help="the title in English: who did what")
    new.add_argument("--region", help="africa, asia-pacific, europe, latin-america, ...")
    new.add_argument("--countries", help="ISO codes separated by commas, e.g. NG,KE")
    new.add_argument("--years", help="years separated by commas, e.g. 2019,2020")
    new.add_argument("--result", help="policy-change, practice-change, partial, no-change or ongoing")
    new.add_argument("--organisation", action="append", help="an organisation that acted (repeatable)")
    for name in ("company-types", "topics", "strategies", "frameworks", "departments", "sources"):
        new.add_argument(f"--{name}", help=f"ids from data/{name.replace('-', '_')}.yml, separated by commas")
    new.add_argument("--no-input", action="store_true", help="never ask questions")
    new.add_argument("--print", action="store_true", help="print the entry instead of adding it to the file")
    new.add_argument("--today", help=argparse.SUPPRESS)  # tests: the date written as `reviewed`

    status = commands.add_parser(
        "l10n-status",
        help="untranslated pages, data fields and UI strings, and out-of-date translations",
        description="For each translation (or --lang): pages and record fields not translated, out of "
        "date (their original changed since: the hash kept beside each translation no longer matches) or "
        "unchecked (no hash kept), and UI strings not translated. No git history is needed.",
    )
    status.add_argument("--lang", help="one language code, e.g. es (default: every translation)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--all", action="store_true", help="list up-to-date pages too")
    status.add_argument("--check", action="store_true", help="exit with status 1 unless everything is done")
    status.add_argument(
        "--mark-current",
        action="append",
        metavar="FILE[:ID]",
        help="after checking a translation against its original, record the original's hash beside it: "
        "a translated page (content/es/guide/prepare.md), a data file, or one record (data/FILE.yml:ID); "
        "repeatable; with --lang, that language only",
    )

    export = commands.add_parser(
        "export", help="the data as JSON and CSV files (also published with the site)"
    )
    export.add_argument("--out", help="folder to write into (default: dist/data/)")
    export.add_argument("--format", choices=("all", "json", "csv"), default="all")

    language = commands.add_parser(
        "new-language",
        help="add a language: UI strings file, mkdocs.yml entry, content folder",
        description="Add a language to the site. It builds at once, showing the English pages and "
        "interface strings, with a notice, until they are translated.",
    )
    language.add_argument("code", help="ISO 639-1 code, optionally with a region: fr, sw, pt-BR")
    language.add_argument("--name", help="the language's name in itself (default: from CLDR)")

    schemas = commands.add_parser("schemas", help="rewrite the JSON Schemas in schemas/ from the models")
    schemas.add_argument("--check", action="store_true", help="only check; exit 1 if a schema is stale")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = _root(args.root)
    try:
        code = COMMANDS[args.command](root, args)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at exit
        return code
    except ProblemsFound as problems:
        print(problems.report(), file=sys.stderr)
        return 1
    except UsageError as problem:
        print(f"techrights {args.command}: {problem}", file=sys.stderr)
        return 2
    except OptionProblems as problem:
        print("\n\n".join(problem.messages), file=sys.stderr)
        print("\nNothing was written: correct the values above and run the command again.", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader closed the pipe (`techrights l10n-status | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
