"""Pages and components of the interactive toolkit (issue #5): generated per record and language,
semantic HTML that works without JavaScript, escaped, and the explorer's and planner's data script."""

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from techrights.catalog import PATH_FOLDER
from techrights.postbuild.toolkit_data import data_script, tool_data, write_tool_data
from techrights.render import components
from techrights.render.page_writer import PageWriter, Relations
from techrights.render.pages import build_pages
from techrights.validate import load_dataset
from techrights.validate.content_pages import check_macros
from techrights.validate.ui_strings import REQUIRED_KEYS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT)


@pytest.fixture(scope="module")
def pages(data):
    return {page.path: page.text for page in build_pages(data)}


@pytest.fixture
def root(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def render(text: str) -> str:
    """Markdown as MkDocs renders the pages (the extensions the components rely on)."""
    return markdown.markdown(text, extensions=["md_in_html", "attr_list", "tables"])


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attributes)
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_a_page_per_toolkit_record_and_language(data, pages):
    for lang in data.languages:
        for folder, stem in (("checklists", "checklists"), ("routes", "routes"), ("templates", "templates")):
            assert f"{lang}/{folder}/index.md" in pages
            for ref in data.of(stem):
                assert f"{lang}/{folder}/{ref}.md" in pages
        assert f"{lang}/{PATH_FOLDER}/index.md" in pages
        for ref in data.decision_path:
            assert f"{lang}/{PATH_FOLDER}/{ref}.md" in pages


def test_checklist_page_is_real_labelled_checkboxes_in_both_languages(data, pages):
    checklist = data.checklists["meeting-safety"]
    items = [item for group in checklist.groups for item in group.items]
    for lang in data.languages:
        html = render(pages[f"{lang}/checklists/meeting-safety.md"].split("---\n", 2)[2])
        parsed = parse(html)
        boxes = [a for tag, a in parsed.elements if tag == "input" and a.get("type") == "checkbox"]
        labels = {a["for"] for tag, a in parsed.elements if tag == "label"}
        # the same ids in every language: progress is kept by item
        assert [b["name"] for b in boxes] == [item.id for item in items]
        assert all(b["id"] in labels for b in boxes)
        assert [a.get("data-id") for tag, a in parsed.elements if "data-tk-checklist" in a] == [
            "meeting-safety"
        ]
        assert sum(1 for tag, a in parsed.elements if tag == "fieldset") == len(checklist.groups)
        assert "data-tk-storage" in html  # the clear-all control sits next to it
    spanish = render(pages["es/checklists/meeting-safety.md"].split("---\n", 2)[2])
    assert "<legend>Antes</legend>" in spanish
    assert "Sé a quién rinde cuentas mi contacto en la empresa" in spanish
    assert 'href="../guide/engage-safely.md#focal-points"' in spanish  # a Markdown link MkDocs checks


def test_decision_path_is_linked_pages(data, pages):
    start = pages["en/safety-path/index.md"]
    assert "[Start with the first question](safe-to-engage.md){ .md-button .md-button--primary }" in start
    first = pages["es/safety-path/safe-to-engage.md"]
    assert "# ¿Es seguro dialogar directamente con la empresa?" in first
    assert "](reach-locally.md)" in first
    assert "](../routes/shadow-assessment.md)" in first
    assert "Lleva a la vía: Evaluación paralela." in first
    last = pages["en/safety-path/oecd-covered.md"]
    assert "](../routes/oecd-complaint.md)" in last and "](../routes/international-escalation.md)" in last
    assert "tk_generated: data/decision_path.yml" in last


def test_route_page_links_its_checklists_templates_and_strategies(pages):
    page = pages["es/routes/direct-engagement.md"]
    for target in (
        "../checklists/prepare-to-engage.md",
        "../templates/first-contact.md",
        "../strategies/private-advocacy.md",
        "../guide/prepare.md",
        "international-escalation.md",
        "../tools/planner.md",
    ):
        assert f"]({target})" in page, target
    assert "## Qué hacer { #steps }" in page


def test_reverse_links_from_checklists_and_templates_to_routes(pages):
    assert "](../routes/direct-engagement.md)" in pages["en/checklists/prepare-to-engage.md"]
    assert "](../routes/shadow-assessment.md)" in pages["en/templates/engagement-log.md"]


def test_company_type_page_offers_the_planner_preselected(pages):
    page = pages["es/company-types/mobile-network-operators.md"]
    assert "](../tools/planner.md?type=mobile-network-operators)" in page
    assert "](../safety-path/index.md)" in page


def test_case_study_listing_points_to_the_explorer(pages):
    assert "](../tools/explorer.md)" in pages["en/case-studies/index.md"]


def test_toolkit_listings_keep_the_order_of_the_data_file(data, pages):
    listing = pages["en/checklists/index.md"]
    positions = [listing.index(f"]({ref}.md)") for ref in data.checklists]
    assert positions == sorted(positions)


def test_message_template_shows_its_text_with_blanks(data, pages):
    html = render(pages["es/templates/first-contact.md"].split("---\n", 2)[2])
    assert 'data-tk-template="data-tk-template"' in html or "data-tk-template" in html
    assert "A la atención de" in html
    assert '<span class="tk-slot" data-field="recipient">[Persona o equipo al que escribe]</span>' in html
    parsed = parse(html)
    fields = [a for tag, a in parsed.elements if tag in ("input", "textarea") and a.get("name")]
    assert [f["name"] for f in fields] == [f.id for f in data.templates["first-contact"].fields]
    labels = {a["for"] for tag, a in parsed.elements if tag == "label"}
    assert all(f["id"] in labels for f in fields)
    assert any(f.get("type") == "date" for f in fields)


def test_log_template_is_a_printable_table_without_javascript(data, pages):
    html = render(pages["en/templates/engagement-log.md"].split("---\n", 2)[2])
    headers = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert headers == ["Date", "Company", "Contact", "Concern raised", "Commitment received", "Follow-up due"]
    assert html.count("<tr><td></td>") == 6


def test_hostile_text_in_toolkit_data_is_escaped(root):
    path = root / "data/checklists.yml"
    evil = '"<script>alert(1)</script> {{ config }} **x**"'
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "en: I know which laws apply and where they clash with international standards.", f"en: {evil}"
    )
    path.write_text(text, encoding="utf-8")
    tpath = root / "data/templates.yml"
    ttext = tpath.read_text(encoding="utf-8")
    tpath.write_text(
        ttext.replace(
            "      label: {en: Company, es: Empresa}",
            '      label: {en: "<img src=x onerror=alert(1)>", es: Empresa}',
            1,
        ),
        encoding="utf-8",
    )
    data = load_dataset(root)
    built = {p.path: p.text for p in build_pages(data)}
    for path in ("en/checklists/prepare-to-engage.md", "en/templates/first-contact.md", "en/guide-check"):
        if path not in built:
            continue
        html = render(built[path].split("---\n", 2)[2])
        assert "<script>" not in html and "<img" not in html
        assert "{{" not in built[path]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in render(built["en/checklists/prepare-to-engage.md"]) or (
        "&#60;script&#62;" in built["en/checklists/prepare-to-engage.md"]
    )


def writer(data, lang, page_dir):
    return PageWriter(data, Relations(data), lang, page_dir)


def test_explorer_without_javascript_lists_every_case_study(data):
    html = render(components.case_explorer(writer(data, "es", "tools"), "es/tools/explorer/"))
    parsed = parse(html)
    listed = [a["data-id"] for tag, a in parsed.elements if tag == "li" and "data-id" in a]
    assert sorted(listed) == sorted(data.case_studies)
    links = [a["href"] for tag, a in parsed.elements if tag == "a"]
    assert all(f"../case-studies/{ref}.md" in links for ref in data.case_studies)
    form = [a for tag, a in parsed.elements if tag == "form"][0]
    assert "hidden" in form  # the filters need JavaScript and appear with it
    selects = {a["name"] for tag, a in parsed.elements if tag == "select"}
    assert selects == {"region", "country", "type", "topic", "strategy", "result", "year"}
    assert 'data-root="../../../"' in html  # from es/tools/explorer/ back to the site root
    assert "Turquía" in html and "Asia-Pacífico" in html


def test_planner_without_javascript_links_every_company_types_plans(data):
    html = render(components.planner(writer(data, "en", "tools"), "tools/planner/"))
    for ref in data.company_types:
        assert f'href="../plans/{ref}/index.md"' in html
    assert 'href="../safety-path/index.md"' in html
    parsed = parse(html)
    assert {a.get("value") for tag, a in parsed.elements if tag == "input" and a.get("type") == "radio"} == {
        "safe",
        "unsafe",
        "unsure",
    }
    assert 'data-root="../../"' in html


def test_every_label_the_components_use_is_required():
    """A UI string a component or a page template names must be one the validator requires, so a
    missing translation key is reported by `make validate`, not found by a reader."""
    render = ROOT / "src/techrights/render"
    python = "".join(p.read_text(encoding="utf-8") for p in render.glob("*.py"))
    used = set(
        re.findall(r'"((?:tools|training|search|contribute|downloads|data_export)\.[a-z_.]+)"', python)
    )
    templates = "".join(p.read_text(encoding="utf-8") for p in (render / "templates").rglob("*.j2"))
    used |= set(re.findall(r"""\bt\(["']([a-z_]+\.[a-z_.]+)["']""", templates))
    # prefixes completed in the template ("contribute.copy_" ~ kind), and template file names
    used = {key for key in used if not key.endswith((".", "_")) and not key.endswith(".html")}
    assert len(used) > 150
    assert used <= REQUIRED_KEYS, sorted(used - REQUIRED_KEYS)


@pytest.mark.parametrize("module", sorted(p.name for p in (ROOT / "overrides/assets/js").glob("*.js")))
def test_no_ui_text_is_hard_coded_in_the_scripts(module):
    source = (ROOT / "overrides/assets/js" / module).read_text(encoding="utf-8")
    # visible words come from labels; the only literals are keys, CSS classes and file names
    for phrase in ("Print", "Clear", "Export", "Import", "of ", "done", "Imprimir", "Borrar"):
        assert not re.search(rf'["`]{phrase}', source), phrase


def test_one_module_per_component_and_shared_helpers_once():
    """Each component's script is its own module, mounted from its data attribute by the entry
    script, and the helpers they share (download among them) are written once, in the entry."""
    entry = (ROOT / "overrides/assets/toolkit.js").read_text(encoding="utf-8")
    modules = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "overrides/assets/js").glob("*.js")}
    assert set(modules) == {
        "checklist",
        "contribute",
        "explorer",
        "pack",
        "plan",
        "planner",
        "search",
        "session-builder",
        "storage",
        "templates",
    }
    for name in modules:
        assert f'"{name}"' in entry  # the entry knows which attribute it mounts
    assert entry.count("function download(") == 1
    assert not [
        name
        for name, source in modules.items()
        if "function download(" in source or "createObjectURL" in source
    ]


def test_tool_data_uses_the_urls_mkdocs_built(data):
    urls = {"case-studies/pen-america-online-abuse.md": "es/case-studies/pen-america-online-abuse.html"}
    payload = tool_data(data, "es", urls)
    case = next(c for c in payload["cases"] if c["id"] == "pen-america-online-abuse")
    assert case["u"] == "es/case-studies/pen-america-online-abuse.html"
    other = next(c for c in payload["cases"] if c["id"] != "pen-america-online-abuse")
    assert other["u"] == f"es/case-studies/{other['id']}/"
    assert payload["types"]["social-media-platforms"]["n"] == "Plataformas de redes sociales"
    plans = payload["plans"]["app-stores"]
    assert plans[""] == "es/plans/app-stores/"
    assert plans["privacy"] == "es/plans/app-stores/privacy/"
    assert set(plans) == {"", *data.topics}
    assert {c["id"] for c in payload["cases"]} == set(data.case_studies)


def test_data_script_cannot_close_its_script_element(data):
    script = data_script("en", {"x": "</script><script>alert(1)</script>"})
    assert "</script" not in script
    assert script.startswith('(window.__tkData=window.__tkData||{})["en"]=')
    payload = json.loads(script.split("=", 2)[2].rstrip(";\n"))
    assert payload["x"] == "</script><script>alert(1)</script>"


def test_data_script_is_written_per_language(data, tmp_path):
    target = write_tool_data(tmp_path, "es", data, [])
    assert target == tmp_path / "assets/toolkit-data/es.js"
    assert "Plataformas de redes sociales" in target.read_text(encoding="utf-8")


def test_macro_calls_name_existing_checklists(tmp_path, data):
    page = tmp_path / "content/en/guide/x.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "# X\n\n{{ checklist('meeting-safty') }}\n\n{{ checklist('meeting-safety') }}\n", encoding="utf-8"
    )
    records = {stem: set(found) for stem, found in data.records.items()}
    (problem,) = check_macros(page, tmp_path, records, set(data.ui.strings["en"]))
    assert (problem.line, problem.column) == (3, 1)
    assert "did you mean 'meeting-safety'?" in problem.fix


def test_a_plan_page_for_every_company_type_and_issue_in_every_language(data, pages):
    plans = [path for path in pages if "/plans/" in path]
    assert len(plans) == len(data.company_types) * (len(data.topics) + 1) * len(data.languages)
    page = pages["es/plans/social-media-platforms/content-moderation.md"]
    assert "search:\n  exclude: true" in page  # plans are reached from the planner, not from search
    assert 'data-tk-safety="safe"' in page and 'data-tk-safety="unsafe unsure"' in page
    assert "](../../checklists/" in page and "](../../strategies/" in page
    assert "](index.md)" in page  # the same company type for any issue


def test_the_plan_for_any_issue_offers_each_issue(data, pages):
    page = pages["en/plans/app-stores/index.md"]
    for ref in data.topics:
        assert f"]({ref}.md)" in page, ref


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_topic_page_is_a_hub_not_a_dead_end(data, pages, lang):
    for ref in data.topics:
        page = pages[f"{lang}/topics/{ref}.md"]
        assert "](../guide/" in page, ref
        for kind in data.company_types:  # a plan for this issue with every kind of company
            assert f"](../plans/{kind}/{ref}.md)" in page, (ref, kind)
        kinds = {
            kind
            for kind in ("checklists", "strategies", "frameworks", "templates", "training")
            if f"](../{kind}/" in page
        }
        assert len(kinds) >= 3, (ref, kinds)


def test_the_first_safety_question_links_the_checklist_it_asks_for(pages):
    for lang, intro in (("en", "Before you answer, work through"), ("es", "Antes de responder, repase")):
        page = pages[f"{lang}/safety-path/safe-to-engage.md"]
        assert intro in page and "](../checklists/meeting-safety.md)" in page


def test_country_names_agree_with_the_text(pages):
    """The case study says "Turkey's 2023 elections": its country line does not say Türkiye. (A source
    is cited with its publisher's own name, which may: the Sources section is left out.)"""
    english = [
        path
        for path, text in pages.items()
        if path.startswith(("en/", "en/sources/"))
        and not path.startswith("en/sources/")
        and "Türkiye" in text.split("\n## Sources {")[0]
    ]  # a source's own page names it as its publisher does
    assert english == []
    assert "— Turkey, 2022–2023" in pages["en/topics/elections.md"]


def test_filtered_listings_for_every_filter_value(data, pages):
    listings = {path for path in pages if "/explore/" in path}
    regions = {case.region for case in data.case_studies.values()}
    for region in regions:
        assert f"es/explore/region/{region}.md" in listings
    years = {year for case in data.case_studies.values() for year in case.years}
    assert {f"en/explore/year/{year}.md" for year in years} <= listings
    page = pages["es/explore/result/ongoing.md"]
    ongoing = [ref for ref, case in data.case_studies.items() if case.result == "ongoing"]
    assert page.count("](../../case-studies/") - page.count("](../../case-studies/index.md)") == len(ongoing)
    assert f"{len(ongoing)} de {len(data.case_studies)} casos." in page
    assert "](../../tools/explorer.md?result=ongoing)" in page


def test_explorer_links_each_filter_value_for_readers_without_javascript(data):
    html = render(components.case_explorer(writer(data, "es", "tools"), "es/tools/explorer/"))
    assert 'href="../explore/region/africa.md"' in html
    assert "(2)" in html  # how many case studies each listing holds
    assert "data-tk-fallback" in html
    assert "los filtros de un enlace no se aplican" in html
