"""Lint the shipped definition files and pin their labels and merges to the spec."""

from __future__ import annotations

import pytest

from nianbao.definition import DefinitionError, format_for_year, format_ids, load_definition, load_format
from nianbao.definition.model import GridItem, Table

T3_RESULTS_2021 = [
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
]
CHAPTERS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def texts(table: Table, role: str) -> list[str]:
    return [it.text for it in table.items if it.role == role]


def find(table: Table, text: str) -> GridItem:
    (item,) = [it for it in table.items if it.text == text]
    return item


@pytest.mark.parametrize("fid", format_ids())
def test_shipped_definitions_load_and_tile_their_grids(fid: str) -> None:
    fmt = load_format(fid)
    assert [ch.title for ch in fmt.chapters] == CHAPTERS
    for table in fmt.tables.values():
        covered = set()
        for it in table.items:
            for r in range(it.row, it.row + it.rowspan):
                for c in range(it.col, it.col + it.colspan):
                    assert (r, c) not in covered
                    covered.add((r, c))
                    assert table.item_at(r, c) is it
        assert len(covered) == table.n_rows * table.n_cols
        assert [it.cell for it in table.items if it.role == "value"] == list(table.cells)
    # every rule names existing cells and every computed cell has exactly one deriving rule
    for rule in fmt.rules:
        assert all(t.cell in fmt.cells for t in rule.terms)
        assert rule.focus in rule.cells
    derived = [r.lhs[0].cell for r in fmt.derive_order]
    assert len(derived) == len(set(derived))
    assert set(derived) == {c for c, s in fmt.cells.items() if s.computed}
    for rule in fmt.derive_order:
        assert rule.rhs, rule.id
    # totals come after their parts
    seen: set[str] = set()
    for rule in fmt.derive_order:
        for t in rule.rhs:
            if fmt.cells[t.cell].computed:
                assert t.cell in seen, (rule.id, t.cell)
        seen.add(rule.lhs[0].cell)


def test_table_three_2021_matches_the_official_layout() -> None:
    t3 = load_format("gov2021").tables["t3"]
    assert (t3.n_rows, t3.n_cols, len(t3.cells)) == (28, 10, 175)
    corner = t3.item_at(0, 0)
    assert corner is not None
    assert (corner.rowspan, corner.colspan) == (3, 3)
    assert corner.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (find(t3, "申请人情况").colspan, find(t3, "申请人情况").col) == (7, 3)
    assert (find(t3, "自然人").rowspan, find(t3, "总计").rowspan) == (2, 2)
    assert find(t3, "法人或其他组织").colspan == 5
    assert texts(t3, "header")[-5:] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert find(t3, "三、本年度办理结果").rowspan == 22
    assert find(t3, "（三）不予公开").rowspan == 8
    assert find(t3, "（四）无法提供").rowspan == 3
    assert find(t3, "（五）不予处理").rowspan == 5
    assert find(t3, "（六）其他处理").rowspan == 3
    assert find(t3, "一、本年新收政府信息公开申请数量").colspan == 3
    assert find(t3, "（一）予以公开").colspan == 2
    assert find(t3, "1.属于国家秘密").colspan == 1
    leaf_rows = [it.text for it in t3.items if it.role == "label" and it.col + it.colspan == 3]
    assert leaf_rows[2:-1] == T3_RESULTS_2021
    assert leaf_rows[-1] == "四、结转下年度继续办理"


def test_table_three_2019_has_a_single_other_row() -> None:
    t3 = load_format("gov2019").tables["t3"]
    assert (t3.n_rows, len(t3.cells)) == (26, 161)
    assert find(t3, "三、本年度办理结果").rowspan == 20
    other = find(t3, "（六）其他处理")
    assert (other.rowspan, other.colspan) == (1, 2)


@pytest.mark.parametrize("fid", format_ids())
def test_table_four_header(fid: str) -> None:
    t4 = load_format(fid).tables["t4"]
    assert (t4.n_rows, t4.n_cols, t4.label_cols) == (4, 15, 0)
    assert (find(t4, "行政复议").colspan, find(t4, "行政诉讼").colspan) == (5, 10)
    assert find(t4, "未经复议直接起诉").colspan == 5
    assert find(t4, "复议后起诉").colspan == 5
    review = [it for it in t4.items if it.row == 1 and it.col < 5]
    assert [it.text for it in review] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert all(it.rowspan == 2 for it in review)
    assert [it.text for it in t4.items if it.row == 2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    assert load_format(fid).cells["t4.cases.after_total"].col_label == "复议后起诉—总计"


def test_table_two_2021_sections() -> None:
    t2 = load_format("gov2021").tables["t2"]
    assert (t2.n_rows, t2.n_cols) == (14, 4)
    assert texts(t2, "caption") == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert texts(t2, "label") == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]
    heads = texts(t2, "header")
    assert heads[:4] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert "本年收费金额（单位：万元）" in heads
    assert all(it.colspan == 4 for it in t2.items if it.role == "caption")
    fee = load_format("gov2021").cells["t2.fees.amount"]
    assert fee.kind.value == "money" and fee.unit == "万元"
    value_spans = {it.cell: it.colspan for it in t2.items if it.role == "value"}
    assert value_spans["t2.license.decisions"] == 3 and value_spans["t2.rules.issued"] == 1


def test_table_two_2019_sections() -> None:
    fmt = load_format("gov2019")
    t2 = fmt.tables["t2"]
    assert t2.n_rows == 18
    assert texts(t2, "label") == [
        "规章",
        "规范性文件",
        "行政许可",
        "其他对外管理服务事项",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
        "政府集中采购",
    ]
    assert texts(t2, "header")[1:4] == ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert fmt.cells["t2.license.change"].kind.value == "signed"
    assert fmt.cells["t2.purchase.amount"].units == ("万元", "元")
    spans = {it.cell: it.colspan for it in t2.items if it.role == "value"}
    assert spans["t2.rules.made"] == 2 and spans["t2.fees.last"] == 3 and spans["t2.purchase.amount"] == 3


def test_format_for_year() -> None:
    assert format_for_year(2019).id == "gov2019"
    assert format_for_year(2020).id == "gov2019"
    assert format_for_year(2021).id == "gov2021"
    assert format_for_year(2026).id == "gov2021"
    assert load_format("gov2019").covers(2020) and not load_format("gov2019").covers(2021)


def test_cell_ids_are_shared_where_the_tables_agree() -> None:
    a, b = load_format("gov2021"), load_format("gov2019")
    # cross-year continuity across the format change relies on table 三's columns keeping their ids
    assert {c for c in a.cells if c.startswith("t3.forward.")} == {c for c in b.cells if c.startswith("t3.forward.")}


MINIMAL = """
id = "x"
name = "x"
first_year = 2021
[[chapters]]
id = "ch1"
number = "一"
title = "一、表"
kind = "table"
table = "t"
[tables.t]
layout = "matrix"
label_cols = 1
[[tables.t.rows]]
id = "a"
label = "甲"
[[tables.t.rows]]
id = "b"
label = "乙"
[[tables.t.columns]]
id = "v"
label = "值"
[[tables.t.columns]]
id = "s"
label = "合计"
"""


def test_a_minimal_definition_loads() -> None:
    fmt = load_definition(MINIMAL + RULE_OK)
    assert fmt.cells["t.a.s"].computed and not fmt.cells["t.a.v"].computed


RULE_OK = """
[[rules]]
id = "R"
kind = "sum"
derive = true
severity = "error"
basis = "implied"
table = "t"
title = "合计"
each.row = "*"
target = "t.{row}.s"
parts = ["t.{row}.v"]
"""


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (MINIMAL + RULE_OK.replace('parts = ["t.{row}.v"]', 'parts = ["t.{row}.nope"]'), "unknown cell"),
        (MINIMAL + RULE_OK.replace('id = "R"', 'id = "R"') + RULE_OK, "duplicate rule id"),
        (MINIMAL.replace('id = "b"', 'id = "a"'), "row id repeated"),
        (MINIMAL + RULE_OK.replace('parts = ["t.{row}.v"]', 'parts = ["t.{row}.s"]'), "its own parts"),
        (MINIMAL + RULE_OK.replace('parts = ["t.{row}.v"]', "parts = []"), "no parts"),
        (MINIMAL + RULE_OK.replace('kind = "sum"', 'kind = "avg"'), "unknown kind"),
        (MINIMAL + RULE_OK.replace("{row}.v", "{col}.v"), "no value for"),
        (MINIMAL.replace('table = "t"', 'table = "zz"'), "unknown table"),
        (MINIMAL.replace("label_cols = 1", "label_cols = 1\nbogus = 1"), "unknown key"),
        (
            MINIMAL
            + RULE_OK
            + RULE_OK.replace('id = "R"', 'id = "R2"').replace(
                'target = "t.{row}.s"\nparts = ["t.{row}.v"]', 'target = "t.{row}.v"\nparts = ["t.{row}.s"]'
            ),
            "cycle",
        ),
        ("not toml [", "not valid TOML"),
    ],
)
def test_bad_definitions_fail_loudly(text: str, needle: str) -> None:
    with pytest.raises(DefinitionError, match=needle):
        load_definition(text)


def test_overlapping_spans_are_rejected() -> None:
    # a row label deeper than the label columns would spill into the value columns
    bad = MINIMAL.replace('id = "a"\nlabel = "甲"', 'id = "a"\nlabel = "甲"\ngroup = ["组"]')
    with pytest.raises(DefinitionError, match=r"overlap|deeper"):
        load_definition(bad)
