"""The tokenising contract: the search page cuts a query exactly as search.py does.

search.py owns the patterns (TOKENISER_RULES); the build writes them beside the
index and the page's tokeniser (assets/xxgk-search-tokens.js) reads them from
there. Each query of the table goes through query_terms in Python and through
the shipped script in headless Chromium, served as the site serves them: both
must give the phrases and exact token written in the table, and the two
must agree on thousands of random strings.
"""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest

from browser import browser, serve
from xxgk.model.config import THEME_DIR
from xxgk.search.pagefind import INDEX_FOLDER, TOKENISER_FILE, write_search_index
from xxgk.search.records import (
    BODY_MARK,
    MARKER,
    TOKENISER_RULES,
    doc_number_token,
    excerpt_text,
    index_number_token,
    query_terms,
    search_text,
)

DOC_17 = "xxwh6d4b653f529e53d1202617q"  # 测政办发〔2026〕17号: "xxwh", the agency's code points in hex, year, serial
ORDER_3 = "xxwh677e5cad53bf4eba6c11653f5e9cl3q"  # 松岭县人民政府令第3号: "l" instead of a year
INDEX_13 = "xxsy11239901000013480e202600013q"  # 11239901000013480E/2026-00013

# query, the phrases it asks Pagefind for (each quoted: words side by side), the exact token
# fmt: off
QUERIES = [
    # Han runs: every pair, in a row; a single character alone
    ("应", [["应"]], None),
    ("舆情", [["舆情"]], None),
    ("急预案", [["急预", "预案"]], None),
    ("应急预案", [["应急", "急预", "预案"]], None),
    ("防汛应急预案", [["防汛", "汛应", "应急", "急预", "预案"]], None),
    ("应急预案执行", [["应急", "急预", "预案", "案执", "执行"]], None),
    ("应急预案执行人", [["应急", "急预", "预案", "案执", "执行", "行人"]], None),
    ("应急预案执行人员", [["应急", "急预", "预案", "案执", "执行", "行人", "人员"]], None),
    ("松岭县人民政府办公室关于印发", [["松岭", "岭县", "县人", "人民", "民政", "政府", "府办", "办公", "公室", "室关", "关于", "于印", "印发"]], None),
    ("应急 预案", [["应急"], ["预案"]], None),
    ("㐀㐁豈更", [["㐀㐁", "㐁豈", "豈更"]], None),  # CJK Extension A and Compatibility Ideographs
    ("䷀应急", [["应急"]], None),  # U+4DC0, a hexagram just after Extension A, is not Han
    ("𠀀应急", [["应急"]], None),  # Extension B is outside the ranges: one character of its own
    # 发文字号 in every bracket variant, none, spaces, 第, leading zeros
    ("测政办发〔2026〕17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发[2026]17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发【2026】17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发(2026)17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发（2026）17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发［2026］17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发﹝2026﹞17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发〔2026]17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发2026 17号", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),
    ("测政办发〔2026〕17", [["测政", "政办", "办发"], ["2026"], ["17"]], DOC_17),
    ("测政办发〔2026〕017号", [["测政", "政办", "办发"], ["2026"], ["017"], ["号"]], DOC_17),
    (" 测政办发 〔 2026 〕 第17号 ", [["测政", "政办", "办发"], ["2026"], ["第"], ["17"], ["号"]], DOC_17),
    ("测政办发\u30002026\u300017号\t", [["测政", "政办", "办发"], ["2026"], ["17"], ["号"]], DOC_17),  # ideographic spaces, a tab
    ("测政办发〔2026〕170号", [["测政", "政办", "办发"], ["2026"], ["170"], ["号"]], "xxwh6d4b653f529e53d12026170q"),
    ("测政办发〔2026〕0099999999999999999999号",
     [["测政", "政办", "办发"], ["2026"], ["0099999999999999999999"], ["号"]], "xxwh6d4b653f529e53d1202699999999999999999999q"),  # past JavaScript's exact integers
    ("测政办发〔２０２６〕１７号", [["测政", "政办", "办发"], ["号"]], None),  # full-width digits
    ("测政办发〔26〕17号", [["测政", "政办", "办发"], ["26"], ["17"], ["号"]], None),
    # orders, numbered without a year
    ("松岭县人民政府令第3号", [["松岭", "岭县", "县人", "人民", "民政", "政府", "府令", "令第"], ["3"], ["号"]], ORDER_3),
    ("松岭县人民政府令 第 03 号", [["松岭", "岭县", "县人", "人民", "民政", "政府", "府令"], ["第"], ["03"], ["号"]], ORDER_3),
    # 索引号, any case, spaces
    ("11239901000013480E/2026-00013", [["11239901000013480e"], ["2026"], ["00013"]], INDEX_13),
    ("11239901000013480e / 2026 - 00013", [["11239901000013480e"], ["2026"], ["00013"]], INDEX_13),
    ("11239901000013480E/2026-0013", [["11239901000013480e"], ["2026"], ["0013"]], None),
    # Latin letters and digits, full-width characters, punctuation
    ("PDF2026年", [["pdf2026"], ["年"]], None),
    ("Excel表格v2.0", [["excel"], ["表格"], ["v2"], ["0"]], None),
    ("a-b_c", [["a"], ["b"], ["c"]], None),
    ("ＰＤＦ２０２６年", [["年"]], None),
    ("第2条，见附件PDF", [["第"], ["2"], ["条"], ["见附", "附件"], ["pdf"]], None),
    ("“政务公开”《条例》：？！、；…—·", [["政务", "务公", "公开"], ["条例"]], None),
    ("", [], None),
    (" \u3000\ufeff\x85\u2028", [], None),  # whitespace as either language knows it
]
# fmt: on


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """A page of a site with the rules the build writes beside the index and the theme's scripts."""
    site = tmp_path_factory.mktemp("tokens")
    write_search_index([], site)  # with nothing to index, only the facets and the tokeniser's rules
    shutil.copytree(THEME_DIR / "assets", site / "assets")
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "assets/")
        yield page


# The shipped tokeniser, reading the rules from the file the build wrote, as the search page does.
IN_PAGE = """async ([what, texts]) => {
  const { tokeniser } = await import("./xxgk-search-tokens.js");
  const cut = tokeniser(await (await fetch("../pagefind/xxgk-tokeniser.json")).json());
  return texts.map((text) => what === "query" ? cut.query(text) : cut.decode(text));
}"""


def in_page(page, what: str, texts: list[str]) -> list:
    return page.evaluate(IN_PAGE, [what, texts])


def in_python(query: str) -> dict:
    terms = query_terms(query)
    return {"phrases": terms.phrases, "exact": terms.exact}


def test_the_table_of_queries_is_cut_as_written_in_python_and_in_the_page(page):
    expected = [{"phrases": phrases, "exact": exact} for _query, phrases, exact in QUERIES]
    queries = [query for query, *_ in QUERIES]
    python = [in_python(query) for query in queries]
    browser_side = in_page(page, "query", queries)
    assert [(q, p) for q, p, e in zip(queries, python, expected) if p != e] == []
    assert [(q, b) for q, b, e in zip(queries, browser_side, expected) if b != e] == []


def random_queries(count: int, seed: int = 20261127) -> list[str]:
    """Strings of the characters where the two languages could differ, some shaped like identifiers."""
    pieces = [
        *"应急预案松政办发令第号条年县人民㐀䶿豈\ufaff",  # Han, the ranges' ends among them
        *"䷀\ufb00ꀀ𠀀",  # just outside the ranges
        *"〔〕[]【】()（）［］﹝﹞/-_.,，。、“”《》…0123456789aZkQ０１９ＡＺａ",
        *" \t\n\x0b\x1c\x1f\x85\xa0\u2003\u2028\u3000\ufeff\u200b",  # spaces to one language, both, neither
        *["2026", "00017", "11239901000013480E", "测政办发"],
    ]
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        shape = rng.random()
        if shape < 0.2:  # a 发文字号, typed any way
            queries.append(
                rng.choice(["测政办发", "松 政发", "政令"])
                + rng.choice(["", " ", "\u3000"])
                + rng.choice("〔[【(（［﹝")
                + rng.choice(["2026", "２０２６", "26"])
                + rng.choice("〕]】)）］﹞")
                + rng.choice(["", "第"])
                + rng.choice(["17", "0017", "99999999999999999999"])
                + rng.choice(["号", "", " 号\ufeff"])
            )
        elif shape < 0.3:  # an 索引号
            queries.append(
                rng.choice(["11239901000013480E", "11239901000013480e", "1123990100001348"])
                + rng.choice(["/", " / "])
                + rng.choice(["2026", "２０２６"])
                + rng.choice(["-", " - "])
                + rng.choice(["00013", "0013"])
            )
        else:
            queries.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))))
    return queries


def test_random_strings_are_cut_alike_and_ask_only_for_what_the_index_holds(page):
    queries = random_queries(3000)
    python = [in_python(query) for query in queries]
    browser_side = in_page(page, "query", queries)
    assert [(q, p, b) for q, p, b in zip(queries, python, browser_side) if p != b] == []
    for query, terms in zip(queries, python):
        indexed = set(search_text(query).lower().split())
        assert {word for phrase in terms["phrases"] for word in phrase} <= indexed, query


def test_the_page_glues_the_index_text_back_without_its_marks(page):
    texts = [
        "应急预案执行人员",
        "松岭县人民政府令第3号，见附件PDF。",
        "2026年第一季度：临时救助（第2批）",
        "㐀㐁豈",
    ]
    indexed = [search_text(text) for text in texts]
    indexed.append(f"{doc_number_token('测政办发〔2026〕17号')} 应急 急预 预案 {BODY_MARK} <mark>执行</mark>")
    assert in_page(page, "decode", indexed) == [*texts, "应急预案执行"]


def test_the_fragments_hold_the_text_the_page_would_glue_from_the_pairs(page):
    # random strings as a record's head and body, around its exact tokens and its body's mark
    texts = random_queries(2000, seed=11)
    contents = [
        f"{doc_number_token('测政办发〔2026〕17号')} {search_text(head)} {BODY_MARK} {search_text(body)}"
        for head, body in zip(texts[::2], texts[1::2])
    ]
    written = [excerpt_text(content) for content in contents]  # what the build writes into fragments

    def parts(text: str) -> list[str]:  # the page's excerpts come from the head or from the body
        mark = text.index(BODY_MARK)
        return [text[:mark], text[mark:]]

    from_pairs = in_page(page, "decode", [part for content in contents for part in parts(content)])
    from_text = in_page(page, "decode", [part for text in written for part in parts(text)])
    assert [(c, p, t) for c, p, t in zip(contents, from_pairs[::2], from_text[::2]) if p != t] == []
    assert [(c, p, t) for c, p, t in zip(contents, from_pairs[1::2], from_text[1::2]) if p != t] == []
    assert sum(map(len, written)) < sum(map(len, contents)) * 2 / 3


def test_the_marks_are_single_latin_words_the_page_recognises():
    marks = [
        BODY_MARK,
        doc_number_token("测政办发〔2026〕17号"),
        doc_number_token("松岭县人民政府令第3号"),
        index_number_token("11239901000013480E/2026-00013"),
    ]
    assert all(re.fullmatch(MARKER, mark) for mark in marks)
    assert [search_text(mark) for mark in marks] == marks  # one Latin word each


def test_the_page_scripts_keep_no_rules_of_their_own():
    scripts = {path.name: path.read_text(encoding="utf-8") for path in (THEME_DIR / "assets").glob("xxgk-search*.js")}
    assert set(scripts) == {"xxgk-search.js", "xxgk-search-tokens.js"}
    for name, script in scripts.items():
        # (〔〕 would not do: the page's hint shows a 发文字号)
        for copy in ("4e00", "9fff", "一-", "［", "﹝", "{4}", "xxwh", "xxsy", "xxbody", "window.xxgkSearch"):
            assert copy not in script, f"{name} carries its own {copy!r}: read it from TOKENISER_RULES"
    read = set(re.findall(r"\brules\.(\w+)", scripts["xxgk-search-tokens.js"]))
    assert read == set(TOKENISER_RULES), "the script reads exactly the rules search.py writes"


def test_the_build_writes_the_rules_beside_the_index(tmp_path):
    write_search_index([], tmp_path)
    written = (tmp_path / INDEX_FOLDER / TOKENISER_FILE).read_text(encoding="utf-8")
    assert json.loads(written) == TOKENISER_RULES
    assert TOKENISER_FILE in (THEME_DIR / "assets" / "xxgk-search.js").read_text(encoding="utf-8")
